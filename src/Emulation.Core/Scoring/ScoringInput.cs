namespace Emulation.Core.Scoring;

/// <summary>
/// An answer's value, typed by the criterion's method: binary — <see cref="Number"/> 1 or 0;
/// levels — <see cref="Option"/>; ratio — <see cref="Number"/> the numerator and
/// <see cref="Denominator"/>; count and deduction — a whole <see cref="Number"/>; manual — the
/// points in <see cref="Number"/>. Values are already checked against their criterion.
/// </summary>
public readonly record struct EntryValue(decimal Number, decimal? Denominator = null, string? Option = null)
{
    /// <summary>A yes/no answer.</summary>
    public static EntryValue Binary(bool yes) => new(yes ? 1m : 0m);
    /// <summary>A levels answer.</summary>
    public static EntryValue Level(string option) => new(0m, null, option);
    /// <summary>A ratio answer.</summary>
    public static EntryValue Ratio(decimal numerator, decimal denominator) => new(numerator, denominator);
}

/// <summary>The final (appraised) answer to one leaf criterion in a month.</summary>
public sealed record CriterionAnswer(string Criterion, EntryValue Value);

/// <summary>
/// One unit's answers for one month. <see cref="SubmittedOn"/> is the first submission's Vietnam
/// date (null: on time); <see cref="Deadline"/> an extended deadline (null: the campaign's).
/// </summary>
public sealed record MonthEntries(
    string Unit,
    int Month,
    DateOnly? SubmittedOn,
    DateOnly? Deadline,
    IReadOnlyList<CriterionAnswer> Entries);

/// <summary>A unit as the engine sees it: its code, its kind (its framework) and its block.</summary>
public sealed record Competitor(string Unit, string Kind, string Block);

/// <summary>Everything the engine scores: the competing units and their months of answers.</summary>
public sealed record ScoringInput(IReadOnlyList<Competitor> Units, IReadOnlyList<MonthEntries> Submissions);
