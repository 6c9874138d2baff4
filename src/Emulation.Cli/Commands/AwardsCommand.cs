using System.Text.Json;
using Emulation.Cli.Output;
using Emulation.Core.Output;
using Emulation.Core.Awards;
using Emulation.Core.Scoring;

namespace Emulation.Cli.Commands;

/// <summary>
/// <c>emulation awards --campaign &lt;file&gt; --entries &lt;file&gt; [--month M] [--format table|csv|json]</c>:
/// the award rules' proposal on the year to date after month M (default the last month).
/// </summary>
/// <remarks>
/// JSON (the default): <c>{"awards": [{"award", "candidates": [{unit, block, rank, score, eligible,
/// selected, tieAtQuota, reasons: [{condition, required, actual, passed}]}]}]}</c>, awards in file
/// order, candidates by group (block code), rank, unit code. <c>required</c> and <c>actual</c> are
/// numbers, or lists of award codes for <c>excludedBy</c>.
/// </remarks>
internal static class AwardsCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (ScoringArguments.Parse("awards", args, error) is not { } arguments)
        {
            return CommandLine.Usage;
        }

        if (ScoringData.Load(arguments, error) is not { } data)
        {
            return CommandLine.Failed;
        }

        var standings = ScoringEngine.Rank(data.Campaign, data.Input, arguments.Month);
        var proposal = AwardRules.Propose(data.Campaign, standings);
        switch (arguments.Format)
        {
            case OutputFormat.Json:
                OutputStream.Json(output, json => WriteJson(json, proposal));
                break;
            case OutputFormat.Csv:
                OutputStream.Text(output, text => WriteCsv(text, data, proposal));
                break;
            default:
                OutputStream.Text(output, text => WriteTable(text, data, standings, proposal));
                break;
        }

        return CommandLine.Ok;
    }

    private static void WriteJson(Utf8JsonWriter json, Proposal proposal)
    {
        json.WriteStartObject();
        json.WriteStartArray("awards");
        foreach (var award in proposal.Awards)
        {
            json.WriteStartObject();
            json.WriteString("award", award.Award);
            json.WriteStartArray("candidates");
            foreach (var candidate in award.Candidates)
            {
                json.WriteStartObject();
                json.WriteString("unit", candidate.Unit);
                json.WriteString("block", candidate.Block);
                json.WriteNumber("rank", candidate.Rank);
                json.Number("score", candidate.Score);
                json.WriteBoolean("eligible", candidate.Eligible);
                json.WriteBoolean("selected", candidate.Selected);
                json.WriteBoolean("tieAtQuota", candidate.TieAtQuota);
                json.WriteStartArray("reasons");
                foreach (var reason in candidate.Reasons)
                {
                    json.WriteStartObject();
                    json.WriteString("condition", reason.Condition);
                    json.WritePropertyName("required");
                    WriteFigure(json, reason.Required, reason.RequiredCodes);
                    json.WritePropertyName("actual");
                    WriteFigure(json, reason.Actual, reason.ActualCodes);
                    json.WriteBoolean("passed", reason.Passed);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteFigure(Utf8JsonWriter json, decimal? figure, IReadOnlyList<string>? codes)
    {
        if (codes is not null)
        {
            json.WriteStartArray();
            foreach (var code in codes)
            {
                json.WriteStringValue(code);
            }

            json.WriteEndArray();
        }
        else if (figure is { } value)
        {
            json.Number(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    private static void WriteCsv(TextWriter output, ScoringData data, Proposal proposal)
    {
        Figures.CsvLine(output, ["award", "unit", "unit_name", "block", "rank", "score", "eligible", "selected", "tie_at_quota", "reasons"]);
        foreach (var award in proposal.Awards)
        {
            foreach (var c in award.Candidates)
            {
                Figures.CsvLine(output,
                [
                    award.Award, c.Unit, data.NameOf(c.Unit), c.Block, Figures.Text(c.Rank), Figures.Text(c.Score),
                    Bool(c.Eligible), Bool(c.Selected), Bool(c.TieAtQuota), string.Join("; ", c.Reasons.Select(Describe)),
                ]);
            }
        }
    }

    private static void WriteTable(TextWriter output, ScoringData data, Standings standings, Proposal proposal)
    {
        output.WriteLine($"Đề nghị khen thưởng {data.Campaign.Id}, lũy kế đến tháng {standings.ThroughMonth} (award proposal, year to date through month {standings.ThroughMonth})");
        foreach (var award in proposal.Awards)
        {
            var title = data.Campaign.FindAward(award.Award)?.Title;
            output.WriteLine();
            output.WriteLine($"== {award.Award}: {title?.Vi} ({title?.En})");
            foreach (var group in award.Groups)
            {
                var name = group.Block is null ? "toàn bộ (all units)" : $"khối (block) {group.Block}";
                output.WriteLine($"-- {name}: {group.Size} đơn vị (units), chỉ tiêu (quota) {group.Quota}, được chọn (selected) {group.Selected}");
                var table = new TextTable("Hạng (rank)", "Đơn vị (unit)", "Tên (name)", "Điểm (score)", "Đủ ĐK (eligible)", "Chọn (selected)", "Bằng điểm ở chỉ tiêu (tie at quota)", "Điều kiện (conditions)")
                    .Numeric(0, 3);
                foreach (var c in award.Candidates.Where(c => group.Block is null || c.Block == group.Block))
                {
                    table.Add(Figures.Text(c.Rank), c.Unit, data.NameOf(c.Unit), Figures.Text(c.Score), YesNo(c.Eligible), YesNo(c.Selected),
                        c.TieAtQuota ? "có (yes)" : "", string.Join("; ", c.Reasons.Select(Describe)));
                }

                table.WriteTo(output);
            }
        }
    }

    /// <summary><c>minScore 90: 92.35 ✓</c>, <c>excludedBy [flag]: [flag] ✗</c>.</summary>
    private static string Describe(ConditionResult reason)
    {
        var required = reason.RequiredCodes is { } rc ? $"[{string.Join(' ', rc)}]" : Figures.Short(reason.Required.GetValueOrDefault());
        var actual = reason.ActualCodes is { } ac ? $"[{string.Join(' ', ac)}]" : Figures.Short(reason.Actual.GetValueOrDefault());
        return $"{reason.Condition} {required}: {actual} {(reason.Passed ? "✓" : "✗")}";
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string YesNo(bool value) => value ? "có (yes)" : "không (no)";
}
