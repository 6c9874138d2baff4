using Emulation.Core.Campaigns;

namespace Emulation.Core.Scoring;

/// <summary>
/// Why a unit has its score for a period — one month, or the year to date after a month: every
/// criterion's points and due maximum, every deduction, the area subtotals, the total and the gap
/// to the units ranked just above it.
/// </summary>
/// <param name="Unit">The unit's code.</param>
/// <param name="Block">The unit's block.</param>
/// <param name="Kind">The unit's kind.</param>
/// <param name="Month">The month explained, or null for the year to date.</param>
/// <param name="ThroughMonth">The last month counted (equal to <see cref="Month"/> for a month).</param>
/// <param name="Score">The month total, or the year-to-date score.</param>
/// <param name="LateMonths">Late (or missing) months in the period.</param>
/// <param name="LowestMonth">The lowest month total in the period.</param>
/// <param name="Classification">The score's classification band code.</param>
/// <param name="Criteria">
/// Every criterion of the framework (parents and leaves, depth first in file order). For a month,
/// that month's figures; for the year to date, the exact sums over the months counted.
/// </param>
/// <param name="Areas">
/// Every area. For a month, its clamped subtotal and due maximum; for the year to date, the mean
/// subtotal (rounded, as in the standings) and the sum of the due maxima.
/// </param>
/// <param name="Deductions">Every deduction criterion that lost points and every late month, in month order.</param>
/// <param name="Months">The months of the period, each with its own breakdown.</param>
/// <param name="Overall">The overall rank and the gap to the unit ranked just above.</param>
/// <param name="InBlock">The block rank and the gap to the unit of the block ranked just above.</param>
public sealed record UnitExplanation(
    string Unit,
    string Block,
    string Kind,
    int? Month,
    int ThroughMonth,
    decimal Score,
    int LateMonths,
    decimal LowestMonth,
    string Classification,
    IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<AreaResult> Areas,
    IReadOnlyList<DeductionLine> Deductions,
    IReadOnlyList<MonthResult> Months,
    RankGap Overall,
    RankGap InBlock);

/// <summary>One month of a unit: how its month total came about.</summary>
/// <param name="Month">The month.</param>
/// <param name="Missing">No submission: the total is the campaign's missing-month score, and the month is late.</param>
/// <param name="SubmittedOn">The first submission's date (null: on time, or missing).</param>
/// <param name="Deadline">The deadline that applied (the extended one when set).</param>
/// <param name="DaysLate">Calendar days after the deadline (0 when on time).</param>
/// <param name="Late">Whether the month counts as late.</param>
/// <param name="Raw">Sum of the area subtotals.</param>
/// <param name="DueMax">Sum of the areas' due maxima.</param>
/// <param name="Normalised">Raw × 100 ÷ due maximum (0 when that is 0), unrounded; the raw total when the campaign does not normalise.</param>
/// <param name="LatenessDeduction">Points lost for lateness (≥ 0).</param>
/// <param name="Total">The month total, rounded.</param>
/// <param name="Criteria">Every criterion's points and due maximum that month.</param>
/// <param name="Areas">Every area's subtotal and due maximum that month.</param>
public sealed record MonthResult(
    int Month,
    bool Missing,
    DateOnly? SubmittedOn,
    DateOnly Deadline,
    int DaysLate,
    bool Late,
    decimal Raw,
    decimal DueMax,
    decimal Normalised,
    decimal LatenessDeduction,
    decimal Total,
    IReadOnlyList<CriterionResult> Criteria,
    IReadOnlyList<AreaResult> Areas);

/// <summary>A criterion's points in a period.</summary>
/// <param name="Code">The criterion's code.</param>
/// <param name="Area">The code of its area.</param>
/// <param name="Parent">The code of its parent criterion, or null under the area.</param>
/// <param name="IsLeaf">Whether it is a scored leaf.</param>
/// <param name="Method">The leaf's method name, or null for a parent.</param>
/// <param name="Due">Whether it was due (in some month of the period).</param>
/// <param name="Answered">Whether a row answered it (in some due month of the period).</param>
/// <param name="Excluded">Whether a ratio left the maxima for lack of data (in some month of the period).</param>
/// <param name="Points">Its points (a parent: clamped sum of its due children).</param>
/// <param name="DueMax">Its due maximum.</param>
public sealed record CriterionResult(
    string Code,
    string Area,
    string? Parent,
    bool IsLeaf,
    string? Method,
    bool Due,
    bool Answered,
    bool Excluded,
    decimal Points,
    decimal DueMax);

/// <summary>An area's subtotal in a period.</summary>
/// <param name="Code">The area's code.</param>
/// <param name="Subtotal">The clamped subtotal (a month), or the rounded mean subtotal (the year to date).</param>
/// <param name="DueMax">The due maximum (a month), or its sum over the months (the year to date).</param>
public sealed record AreaResult(string Code, decimal Subtotal, decimal DueMax);

/// <summary>Points a unit lost in a month: a deduction criterion, or lateness.</summary>
/// <param name="Month">The month.</param>
/// <param name="Source">The deduction criterion's code, or <see cref="Lateness"/>.</param>
/// <param name="Occurrences">Occurrences for a criterion, days late for lateness.</param>
/// <param name="Points">Points lost, negative (a criterion's capped points; lateness capped).</param>
public sealed record DeductionLine(int Month, string Source, decimal Occurrences, decimal Points)
{
    /// <summary>The <see cref="Source"/> of a lateness deduction.</summary>
    public const string Lateness = "late";
}

/// <summary>
/// A unit's rank and the gap to the nearest unit ranked strictly above it.
/// </summary>
/// <param name="Rank">The unit's rank.</param>
/// <param name="Above">The unit ranked just above (the last of them in listing order), or null for a first rank.</param>
/// <param name="AboveScore">That unit's score, or null.</param>
/// <param name="Gap">Its score minus this unit's (0.00 when equal); null for a first rank.</param>
/// <param name="DecidedBy">The tie-break that put it above when the scores are equal; otherwise null.</param>
public sealed record RankGap(int Rank, string? Above, decimal? AboveScore, decimal? Gap, TieBreak? DecidedBy);
