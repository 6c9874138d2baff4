using System.Text.Json;
using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;

namespace Emulation.Core.Output;

/// <summary>
/// The year-to-date standings as machines read them — the JSON and CSV of <c>emulation rank</c> —
/// written by one projection for the command and the web's standings export alike.
/// </summary>
public static class StandingsFormat
{
    /// <summary>
    /// An array in overall rank order (equal ranks by unit code) of
    /// <c>{unit, block, kind, score, blockRank, overallRank, classification, lateMonths, months: {"1": …}, areas: {"1": …}}</c>,
    /// figures rounded to 2 places.
    /// </summary>
    public static void WriteJson(Utf8JsonWriter json, Standings standings)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(standings);
        json.WriteStartArray();
        foreach (var unit in standings.Units)
        {
            json.WriteStartObject();
            json.WriteString("unit", unit.Unit);
            json.WriteString("block", unit.Block);
            json.WriteString("kind", unit.Kind);
            json.Number("score", unit.Score);
            json.WriteNumber("blockRank", unit.BlockRank);
            json.WriteNumber("overallRank", unit.OverallRank);
            json.WriteString("classification", unit.Classification);
            json.WriteNumber("lateMonths", unit.LateMonths);
            json.WriteStartObject("months");
            foreach (var (month, total) in unit.Months.OrderBy(m => m.Key))
            {
                json.Number(Figures.Text(month), total);
            }

            json.WriteEndObject();
            json.WriteStartObject("areas");
            foreach (var (area, mean) in unit.Areas)
            {
                json.Number(area, mean);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    /// <summary>The CSV header: ranks, unit, name, block, kind, score, classification, late months, lowest month, then <c>month_M</c> and <c>area_A</c> columns.</summary>
    public static IReadOnlyList<string> CsvHeader(Campaign campaign, Standings standings) =>
    [
        "overall_rank", "unit", "unit_name", "block", "block_rank", "kind", "score", "classification", "late_months", "lowest_month",
        .. MonthsOf(campaign, standings).Select(m => $"month_{m}"),
        .. AreaCodes(campaign).Select(a => $"area_{a}"),
    ];

    /// <summary>One unit's CSV fields, in the order of <see cref="CsvHeader"/> (figures with 2 decimals, a dot).</summary>
    public static IReadOnlyList<string> CsvFields(Campaign campaign, Standings standings, UnitStanding unit, string name)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return
        [
            Figures.Text(unit.OverallRank), unit.Unit, name, unit.Block, Figures.Text(unit.BlockRank), unit.Kind,
            Figures.Text(unit.Score), unit.Classification, Figures.Text(unit.LateMonths), Figures.Text(unit.LowestMonth),
            .. MonthsOf(campaign, standings).Select(m => unit.Months.TryGetValue(m, out var total) ? Figures.Text(total) : ""),
            .. AreaCodes(campaign).Select(a => unit.Areas.TryGetValue(a, out var mean) ? Figures.Text(mean) : ""),
        ];
    }

    /// <summary>The standings as CSV (RFC 4180, CRLF), one row per unit in overall rank order.</summary>
    public static void WriteCsv(TextWriter output, Campaign campaign, Standings standings, Func<string, string> nameOf)
    {
        ArgumentNullException.ThrowIfNull(standings);
        ArgumentNullException.ThrowIfNull(nameOf);
        Figures.CsvLine(output, CsvHeader(campaign, standings));
        foreach (var unit in standings.Units)
        {
            Figures.CsvLine(output, CsvFields(campaign, standings, unit, nameOf(unit.Unit)));
        }
    }

    /// <summary>The months counted: the campaign's first to the standings' last.</summary>
    public static IReadOnlyList<int> MonthsOf(Campaign campaign, Standings standings)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(standings);
        return [.. Enumerable.Range(campaign.FirstMonth, standings.ThroughMonth - campaign.FirstMonth + 1)];
    }

    /// <summary>Area codes of every framework, in the order the unit kinds and their areas are listed.</summary>
    public static IReadOnlyList<string> AreaCodes(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return
        [
            .. campaign.UnitKinds
                .Select(k => campaign.FrameworkFor(k.Code))
                .OfType<Framework>()
                .SelectMany(f => f.Areas.Select(a => a.Code))
                .Distinct(StringComparer.Ordinal),
        ];
    }
}
