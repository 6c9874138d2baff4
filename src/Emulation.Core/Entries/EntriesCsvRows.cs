using System.Text;

namespace Emulation.Core.Entries;

/// <summary>
/// One data row of an entries CSV as text, trimmed, with the line it starts on; a column the row
/// lacks is empty. What the web import keeps to store a submission's inputs exactly as the file
/// gives them (the engine's reader keeps only parsed values).
/// </summary>
public sealed record EntriesCsvRow(
    int Line,
    string Unit,
    string UnitName,
    string Kind,
    string Block,
    string Month,
    string Criterion,
    string Value,
    string Denominator,
    string SubmittedOn,
    string Deadline);

/// <summary>
/// Streams the data rows of an entries CSV (after its header, blank lines skipped) without
/// judging them: run <see cref="EntriesCsvReader.Read(Stream, Campaigns.Campaign)"/> for the errors.
/// Bytes that are not UTF-8 are replaced, never thrown on.
/// </summary>
public static class EntriesCsvRows
{
    /// <summary>The rows of the stream (not closed), read as they are enumerated.</summary>
    /// <exception cref="InvalidDataException">A record is longer than the reader accepts.</exception>
    public static IEnumerable<EntriesCsvRow> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Rows(new CsvRecordReader(stream));
    }

    private static IEnumerable<EntriesCsvRow> Rows(CsvRecordReader csv)
    {
        if (!csv.Read() || csv.LooksLikeZip)
        {
            yield break;
        }

        // Codes repeat on every row: one string each.
        var shared = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string text)
        {
            if (!shared.TryGetValue(text, out var one))
            {
                one = text;
                if (shared.Count < 100_000)
                {
                    shared.Add(text, text);
                }
            }

            return one;
        }

        string Field(int index, bool share) =>
            index >= csv.FieldCount ? "" : share ? Shared(Encoding.UTF8.GetString(csv.Field(index)).Trim()) : Encoding.UTF8.GetString(csv.Field(index)).Trim();

        while (csv.Read())
        {
            if (csv.IsBlank)
            {
                continue;
            }

            yield return new EntriesCsvRow(csv.Line, Field(0, true), Field(1, true), Field(2, true), Field(3, true), Field(4, true), Field(5, true),
                Field(6, true), Field(7, true), Field(8, true), Field(9, true));
        }
    }
}
