using System.Text.Json;

namespace Emulation.Load;

/// <summary>
/// Compares what the server told the people with what the database holds, after the run:
/// every save answered with success has its audit line (written in the same transaction as the
/// values); every submission answered with success is submitted, with its version; a submitted
/// month's entries are exactly its last version's (nothing half-written) and exactly what was
/// posted; a month only saved holds the last answered save (or a later unanswered one).
/// </summary>
public static class Checker
{
    public sealed record Findings(int AnsweredSaves, int AnsweredSubmissions, int StoredSubmissions, IReadOnlyList<string> Lost, IReadOnlyList<string> HalfWritten, string? Integrity)
    {
        public bool Clean => Lost.Count == 0 && HalfWritten.Count == 0 && Integrity is null or "ok";
    }

    private sealed record Entry(string Criterion, string? Value, string? Denominator, string? Note);

    private sealed record VersionEntry(string Criterion, string? Value, string? Denominator, string? Note);

    public static async Task<Findings> Check(Database database, Ledger ledger, string runId)
    {
        var where = $"s.\"CampaignId\" = '{LoadOptions.CampaignId}' AND s.\"Month\" = {LoadOptions.Month} AND s.\"UnitCode\" LIKE '{UnitsFile.Prefix}%'";
        var audited = (await database.Query($"SELECT \"NewValue\" FROM \"AuditEntries\" WHERE \"Action\" = 'entry.note-changed' AND \"NewValue\" LIKE 'burst {runId} %'"))
            .Select(r => r[0]!).ToHashSet(StringComparer.Ordinal);
        var submissions = (await database.Query($"SELECT s.\"UnitCode\", s.\"Status\", s.\"VersionCount\" FROM \"Submissions\" s WHERE {where}"))
            .ToDictionary(r => r[0]!, r => (Status: r[1]!, Versions: int.Parse(r[2]!, System.Globalization.CultureInfo.InvariantCulture)), StringComparer.Ordinal);
        var entries = (await database.Query($"SELECT s.\"UnitCode\", e.\"Criterion\", e.\"Value\", e.\"Denominator\", e.\"Note\" FROM \"SubmissionEntries\" e JOIN \"Submissions\" s ON s.\"Id\" = e.\"SubmissionId\" WHERE {where}"))
            .GroupBy(r => r[0]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => new Entry(r[1]!, r[2], r[3], r[4])).OrderBy(e => e.Criterion, StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
        var versions = (await database.Query($"SELECT s.\"UnitCode\", v.\"Number\", v.\"Content\" FROM \"SubmissionVersions\" v JOIN \"Submissions\" s ON s.\"Id\" = v.\"SubmissionId\" WHERE {where}"))
            .GroupBy(r => r[0]!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => int.Parse(r[1]!, System.Globalization.CultureInfo.InvariantCulture)).Select(r => r[2]!).ToList(), StringComparer.Ordinal);

        var lost = new List<string>();
        var half = new List<string>();
        var answeredSaves = 0;
        var answeredSubmissions = 0;
        foreach (var unit in ledger.Units)
        {
            answeredSaves += unit.Saved.Count - (unit.Submitted is null ? 0 : 1);
            foreach (var marker in unit.Saved.Where(m => !audited.Contains(m)))
            {
                lost.Add($"{unit.Code}: \"{marker}\" was answered as saved but is not in the database");
            }

            submissions.TryGetValue(unit.Code, out var month);
            var held = entries.GetValueOrDefault(unit.Code) ?? [];
            if (unit.Submitted is { } submitted)
            {
                answeredSubmissions++;
                if (month.Status != "Submitted")
                {
                    lost.Add($"{unit.Code}: the submission was answered but the month is {month.Status ?? "not in the database"}");
                }

                if (held.Find(e => e.Note is not null)?.Note != submitted)
                {
                    lost.Add($"{unit.Code}: the submitted note is \"{held.Find(e => e.Note is not null)?.Note}\", not the answered submission's \"{submitted}\"");
                }
            }
            else if (unit.Saved.Count > 0 && !unit.SubmittedUnanswered)
            {
                var note = held.Find(e => e.Note is not null)?.Note;
                if (note != unit.Saved[^1] && !unit.Unknown.Contains(note ?? ""))
                {
                    lost.Add($"{unit.Code}: the month holds \"{note}\", not the last answered save \"{unit.Saved[^1]}\"");
                }
            }

            if (unit.Saved.Count > 0 && unit.Expected.Count > 0)
            {
                var wrong = unit.Expected.Where(x => held.Find(e => e.Criterion == x.Key) is not { } e || e.Value != x.Value.Value || e.Denominator != x.Value.Denominator).Select(x => x.Key).ToList();
                if (wrong.Count > 0 || held.Count != unit.Expected.Count)
                {
                    half.Add($"{unit.Code}: {wrong.Count} criteria differ from what was posted, {held.Count} stored of {unit.Expected.Count}");
                }
            }
        }

        // Every submitted month of the run (answered or not): its entries are its last version's.
        var stored = 0;
        foreach (var (code, submission) in submissions.Where(s => s.Value.Status == "Submitted"))
        {
            stored++;
            var list = versions.GetValueOrDefault(code) ?? [];
            if (list.Count != submission.Versions || list.Count == 0)
            {
                half.Add($"{code}: {list.Count} versions stored, the submission counts {submission.Versions}");
                continue;
            }

            var last = JsonSerializer.Deserialize<List<VersionEntry>>(list[^1], new JsonSerializerOptions(JsonSerializerDefaults.Web)) ?? [];
            var held = entries.GetValueOrDefault(code) ?? [];
            var sent = last.Select(e => new Entry(e.Criterion, e.Value, e.Denominator, e.Note)).OrderBy(e => e.Criterion, StringComparer.Ordinal).ToList();
            if (!sent.SequenceEqual(held))
            {
                half.Add($"{code}: the entries differ from the submitted version {list.Count}");
            }
        }

        return new Findings(answeredSaves, answeredSubmissions, stored, lost, half, await database.IntegrityCheck());
    }
}
