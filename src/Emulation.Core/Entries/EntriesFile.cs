using Emulation.Core.Scoring;

namespace Emulation.Core.Entries;

/// <summary>
/// A problem found in an entries file, at a line (1-based; a record's first line) and, when it
/// concerns one field, a column (1-based field number and its header name).
/// </summary>
public sealed record EntriesProblem(int Line, int? Column, string? ColumnName, string Message)
{
    /// <summary><c>line 12, column 7 (value): message</c>, or <c>line 12: message</c>.</summary>
    public override string ToString() => Column is { } column
        ? $"line {Line}, column {column} ({ColumnName}): {Message}"
        : $"line {Line}: {Message}";
}

/// <summary>
/// What an entries CSV holds: the engine's input when the file has no error, else every error
/// (the first <see cref="EntriesCsvReader.MaxProblems"/> listed, <see cref="ErrorCount"/> counting all),
/// and the warnings either way.
/// </summary>
public sealed record EntriesFile
{
    /// <summary>The units and submissions the rows name; null when the file has errors.</summary>
    public ScoringInput? Input { get; init; }

    /// <summary>The errors, in file order, at most <see cref="EntriesCsvReader.MaxProblems"/>.</summary>
    public IReadOnlyList<EntriesProblem> Errors { get; init; } = [];

    /// <summary>How many errors were found, listed or not.</summary>
    public int ErrorCount { get; init; }

    /// <summary>The warnings (rows ignored), at most <see cref="EntriesCsvReader.MaxProblems"/>.</summary>
    public IReadOnlyList<EntriesProblem> Warnings { get; init; } = [];

    /// <summary>How many warnings were found, listed or not.</summary>
    public int WarningCount { get; init; }

    /// <summary>Each unit's name as the rows give it (the first non-empty one), by unit code.</summary>
    public IReadOnlyDictionary<string, string> UnitNames { get; init; } = new Dictionary<string, string>();

    /// <summary>The number of data rows read (blank lines and the header excluded).</summary>
    public int Rows { get; init; }

    /// <summary>Whether the file had no error.</summary>
    public bool Succeeded => Input is not null;
}
