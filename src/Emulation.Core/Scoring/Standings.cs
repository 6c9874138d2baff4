namespace Emulation.Core.Scoring;

/// <summary>
/// The year-to-date standings after <see cref="ThroughMonth"/>: every unit, in overall rank order
/// (units of equal rank by unit code, ordinal).
/// </summary>
/// <param name="ThroughMonth">The last campaign month counted.</param>
/// <param name="Units">One standing per unit, in overall rank order.</param>
public sealed record Standings(int ThroughMonth, IReadOnlyList<UnitStanding> Units)
{
    /// <summary>The standing of a unit, or null when it does not compete.</summary>
    public UnitStanding? Find(string unit)
    {
        foreach (var standing in Units)
        {
            if (string.Equals(standing.Unit, unit, StringComparison.Ordinal))
            {
                return standing;
            }
        }

        return null;
    }
}

/// <summary>
/// One unit's year to date: the object <c>emulation rank --format json</c> prints. Every figure is
/// already rounded to 2 places.
/// </summary>
/// <param name="Unit">The unit's code.</param>
/// <param name="Block">The unit's block.</param>
/// <param name="Kind">The unit's kind (its framework).</param>
/// <param name="Score">Mean of the month totals counted, rounded.</param>
/// <param name="BlockRank">Rank within the block (shared ranks 1, 2, 2, 4).</param>
/// <param name="OverallRank">Rank among all units (shared ranks 1, 2, 2, 4).</param>
/// <param name="Classification">Code of the highest classification band whose minimum is at most the score.</param>
/// <param name="LateMonths">Months counted that were late or missing.</param>
/// <param name="LowestMonth">The lowest month total counted.</param>
/// <param name="Months">Month number → month total, for the campaign's first month to <see cref="Standings.ThroughMonth"/>, in month order.</param>
/// <param name="Areas">Area code → mean over the months counted of the area's subtotal (clamped, not normalised, before lateness, a missing month 0), rounded; in framework order.</param>
public sealed record UnitStanding(
    string Unit,
    string Block,
    string Kind,
    decimal Score,
    int BlockRank,
    int OverallRank,
    string Classification,
    int LateMonths,
    decimal LowestMonth,
    IReadOnlyDictionary<int, decimal> Months,
    IReadOnlyDictionary<string, decimal> Areas);
