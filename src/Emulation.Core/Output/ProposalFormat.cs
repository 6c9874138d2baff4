using System.Text.Json;
using Emulation.Core.Awards;

namespace Emulation.Core.Output;

/// <summary>
/// The award rules' proposal as machines read it — the JSON and CSV of <c>emulation awards</c> —
/// written by one projection for the command and the web's proposal export alike.
/// </summary>
public static class ProposalFormat
{
    /// <summary>
    /// <c>{"awards": [{"award", "candidates": [{unit, block, rank, score, eligible, selected, tieAtQuota,
    /// reasons: [{condition, required, actual, passed}]}]}]}</c>, awards in file order, candidates by
    /// group (block code), rank, unit code. <c>required</c> and <c>actual</c> are numbers, or lists
    /// of award codes for <c>excludedBy</c>.
    /// </summary>
    public static void WriteJson(Utf8JsonWriter json, Proposal proposal)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(proposal);
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

    /// <summary>The CSV header: award, unit, name, block, rank, score, eligible, selected, tie at quota, reasons.</summary>
    public static IReadOnlyList<string> CsvHeader { get; } =
        ["award", "unit", "unit_name", "block", "rank", "score", "eligible", "selected", "tie_at_quota", "reasons"];

    /// <summary>The proposal as CSV (RFC 4180, CRLF), one row per candidate of each award.</summary>
    public static void WriteCsv(TextWriter output, Proposal proposal, Func<string, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(nameOf);
        Figures.CsvLine(output, CsvHeader);
        foreach (var award in proposal.Awards)
        {
            foreach (var c in award.Candidates)
            {
                Figures.CsvLine(output,
                [
                    award.Award, c.Unit, nameOf(c.Unit), c.Block, Figures.Text(c.Rank), Figures.Text(c.Score),
                    Bool(c.Eligible), Bool(c.Selected), Bool(c.TieAtQuota), string.Join("; ", c.Reasons.Select(Describe)),
                ]);
            }
        }
    }

    /// <summary>One condition in words for people and CSV: <c>minScore 90: 92.35 ✓</c>, <c>excludedBy [flag]: [flag] ✗</c>.</summary>
    public static string Describe(ConditionResult reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var required = reason.RequiredCodes is { } rc ? $"[{string.Join(' ', rc)}]" : Figures.Short(reason.Required.GetValueOrDefault());
        var actual = reason.ActualCodes is { } ac ? $"[{string.Join(' ', ac)}]" : Figures.Short(reason.Actual.GetValueOrDefault());
        return $"{reason.Condition} {required}: {actual} {(reason.Passed ? "✓" : "✗")}";
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

    private static string Bool(bool value) => value ? "true" : "false";
}
