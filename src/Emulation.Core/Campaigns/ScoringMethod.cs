namespace Emulation.Core.Campaigns;

/// <summary>The scoring method of a leaf criterion.</summary>
public abstract record ScoringMethod
{
    /// <summary>The method's name as written in campaign files.</summary>
    public abstract string Name { get; }
}

/// <summary>Yes/no: the maximum or 0.</summary>
public sealed record BinaryMethod : ScoringMethod
{
    /// <inheritdoc />
    public override string Name => "binary";
}

/// <summary>One of several options, each with its points.</summary>
public sealed record LevelsMethod(IReadOnlyList<LevelOption> Options) : ScoringMethod
{
    /// <inheritdoc />
    public override string Name => "levels";

    /// <summary>The option with this exact code, or null.</summary>
    public LevelOption? Find(string code) => Options.FirstOrDefault(o => o.Code == code);
}

/// <summary>An option of a <see cref="LevelsMethod"/>.</summary>
public sealed record LevelOption(string Code, LocalizedText Title, decimal Points);

/// <summary>A band: at or above <see cref="Min"/>, score <see cref="Points"/>. Bands are listed high to low.</summary>
public sealed record Band(decimal Min, decimal Points);

/// <summary>What a ratio scores when its denominator is 0.</summary>
public enum WhenNoData
{
    /// <summary>0 points (the default).</summary>
    Zero,
    /// <summary>The maximum.</summary>
    Full,
    /// <summary>The criterion leaves that month's maxima.</summary>
    Exclude,
}

/// <summary>
/// Numerator over denominator, capped at 1; scored by <see cref="Bands"/> or, when
/// <see cref="Proportional"/>, as <c>max × numerator ÷ denominator</c> from <see cref="Floor"/> up.
/// </summary>
public sealed record RatioMethod : ScoringMethod
{
    /// <inheritdoc />
    public override string Name => "ratio";
    /// <summary>Bands on the ratio, high to low; empty when proportional.</summary>
    public IReadOnlyList<Band> Bands { get; init; } = [];
    /// <summary>Whether points are proportional to the ratio.</summary>
    public bool Proportional { get; init; }
    /// <summary>Below this ratio a proportional criterion scores 0.</summary>
    public decimal Floor { get; init; }
    /// <summary>What a denominator of 0 scores.</summary>
    public WhenNoData WhenNoData { get; init; } = WhenNoData.Zero;
    /// <summary>What the numerator counts.</summary>
    public required LocalizedText Numerator { get; init; }
    /// <summary>What the denominator counts.</summary>
    public required LocalizedText Denominator { get; init; }
}

/// <summary>A whole number scored by bands, high to low.</summary>
public sealed record CountMethod(IReadOnlyList<Band> Bands) : ScoringMethod
{
    /// <inheritdoc />
    public override string Name => "count";
}

/// <summary>Occurrences, each losing <see cref="PerOccurrence"/> points, at most <see cref="Cap"/>.</summary>
public sealed record DeductionMethod(decimal PerOccurrence, decimal Cap) : ScoringMethod
{
    /// <inheritdoc />
    public override string Name => "deduction";
}

/// <summary>Points given by hand, within [0, max], in multiples of <see cref="Step"/>.</summary>
public sealed record ManualMethod(decimal Step) : ScoringMethod
{
    /// <inheritdoc />
    public override string Name => "manual";
}
