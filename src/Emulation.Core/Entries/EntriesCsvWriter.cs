using System.Globalization;
using Emulation.Core.Output;

namespace Emulation.Core.Entries;

/// <summary>One row of <c>entries.csv</c>: a unit's final (appraised) answer to one criterion in one month.</summary>
/// <param name="Unit">The unit's code.</param>
/// <param name="UnitName">The unit's name.</param>
/// <param name="UnitKind">The unit's kind (its framework).</param>
/// <param name="Block">The unit's block.</param>
/// <param name="Month">The month.</param>
/// <param name="Criterion">The leaf criterion's code.</param>
/// <param name="Value">yes/no, an option code, a numerator, a number or points, as the reader takes it.</param>
/// <param name="Denominator">A ratio's denominator; null otherwise.</param>
/// <param name="SubmittedOn">The month's first submission (null: on time).</param>
/// <param name="Deadline">An extended deadline (null: the campaign's).</param>
public sealed record EntriesRow(
    string Unit,
    string UnitName,
    string UnitKind,
    string Block,
    int Month,
    string Criterion,
    string Value,
    string? Denominator,
    DateOnly? SubmittedOn,
    DateOnly? Deadline);

/// <summary>
/// Writes <c>entries.csv</c> with the <c>deadline</c> column: UTF-8, a header row, RFC 4180 quoting
/// and CRLF, invariant numbers and ISO dates — what <see cref="EntriesCsvReader"/> reads back.
/// </summary>
public static class EntriesCsvWriter
{
    /// <summary>The columns, in order.</summary>
    public static IReadOnlyList<string> Header { get; } =
        ["unit", "unit_name", "unit_kind", "block", "month", "criterion", "value", "denominator", "submitted_on", "deadline"];

    /// <summary>The header and one record per row, in the order given.</summary>
    public static void Write(TextWriter output, IEnumerable<EntriesRow> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        Figures.CsvLine(output, Header);
        foreach (var row in rows)
        {
            Figures.CsvLine(output,
            [
                row.Unit, row.UnitName, row.UnitKind, row.Block, row.Month.ToString(CultureInfo.InvariantCulture), row.Criterion,
                row.Value, row.Denominator ?? "", Figures.Text(row.SubmittedOn), Figures.Text(row.Deadline),
            ]);
        }
    }
}
