using Emulation.Core.Campaigns;

namespace Emulation.Core.Scoring;

/// <summary>
/// The points of one leaf criterion. Points are rounded once, to 2 places, midpoint away from zero.
/// </summary>
public static class CriterionScoring
{
    /// <summary>Rounds a figure the way the campaign rules do: 2 places, midpoint away from zero.</summary>
    public static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// The points of a leaf for an answer already checked against it, rounded: binary max or 0;
    /// levels the option's points; ratio by bands or proportional (<c>max × n ÷ d</c>, multiplied
    /// first, capped at max, 0 below the floor), a zero denominator by <c>whenNoData</c>; count by
    /// bands; deduction <c>−min(cap, per × n)</c>; manual the value itself.
    /// </summary>
    /// <exception cref="ArgumentException">The criterion is not a leaf, or a levels option is unknown.</exception>
    public static decimal Points(Criterion leaf, EntryValue value)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var points = Unrounded(leaf, value);

        // Most points already have at most 2 decimals; rounding them would change nothing.
        return points.Scale <= 2 ? points : Round(points);
    }

    /// <summary>
    /// Whether the answer takes the leaf out of the month's maxima: a ratio whose denominator is 0
    /// with <c>whenNoData: exclude</c>.
    /// </summary>
    public static bool IsExcluded(Criterion leaf, EntryValue value)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return leaf.Method is RatioMethod { WhenNoData: WhenNoData.Exclude } && value.Denominator.GetValueOrDefault() == 0m;
    }

    /// <summary>
    /// The leaf's due maximum in a month: 0 when it is not due, or when the answer excludes it
    /// (see <see cref="IsExcluded"/>); otherwise its <c>max</c>. A due leaf with no answer keeps
    /// its maximum.
    /// </summary>
    public static decimal DueMax(Criterion leaf, int month, EntryValue? value)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        if (!leaf.IsDueIn(month))
        {
            return 0m;
        }

        return value is { } v && IsExcluded(leaf, v) ? 0m : leaf.Max;
    }

    private static decimal Unrounded(Criterion leaf, EntryValue value) => leaf.Method switch
    {
        BinaryMethod => value.Number != 0m ? leaf.Max : 0m,
        LevelsMethod levels => Level(leaf, levels, value.Option),
        RatioMethod ratio => Ratio(leaf.Max, ratio, value.Number, value.Denominator.GetValueOrDefault()),
        CountMethod count => Band(count.Bands, value.Number, 1m),
        DeductionMethod deduction => -Math.Min(deduction.Cap, deduction.PerOccurrence * value.Number),
        ManualMethod => value.Number,
        null => throw new ArgumentException($"Criterion {leaf.Code} has children; only leaves score.", nameof(leaf)),
        _ => throw new ArgumentException($"Criterion {leaf.Code} has an unknown method {leaf.Method.Name}.", nameof(leaf)),
    };

    private static decimal Level(Criterion leaf, LevelsMethod method, string? option)
    {
        var options = method.Options;
        for (var i = 0; i < options.Count; i++)
        {
            if (string.Equals(options[i].Code, option, StringComparison.Ordinal))
            {
                return options[i].Points;
            }
        }

        throw new ArgumentException($"Criterion {leaf.Code} has no option '{option}'.", nameof(option));
    }

    private static decimal Ratio(decimal max, RatioMethod method, decimal numerator, decimal denominator)
    {
        if (denominator == 0m)
        {
            return method.WhenNoData == WhenNoData.Full ? max : 0m;
        }

        // ratio = min(n ÷ d, 1); compared as min(n, d) against x × d so that no division rounds.
        var capped = Math.Min(numerator, denominator);
        if (method.Proportional)
        {
            if (capped < method.Floor * denominator)
            {
                return 0m;
            }

            // n ≥ d is a ratio of 1 or more: the cap, without multiplying huge numbers.
            return numerator >= denominator ? max : max * numerator / denominator;
        }

        return Band(method.Bands, capped, denominator);
    }

    /// <summary>The points of the highest band whose min × scale ≤ value, else 0.</summary>
    private static decimal Band(IReadOnlyList<Band> bands, decimal value, decimal scale)
    {
        var found = false;
        decimal bestMin = 0m, points = 0m;
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            if (band.Min * scale <= value && (!found || band.Min > bestMin))
            {
                found = true;
                bestMin = band.Min;
                points = band.Points;
            }
        }

        return points;
    }
}
