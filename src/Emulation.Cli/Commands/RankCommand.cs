using Emulation.Cli.Output;
using Emulation.Core.Scoring;

namespace Emulation.Cli.Commands;

/// <summary>
/// <c>emulation rank --campaign &lt;file&gt; --entries &lt;file&gt; [--month M] [--format table|csv|json]</c>:
/// the year-to-date standings after month M (default the campaign's last month).
/// </summary>
/// <remarks>
/// JSON (the default): an array in overall rank order (equal ranks by unit code) of
/// <c>{unit, block, kind, score, blockRank, overallRank, classification, lateMonths, months: {"1": …}, areas: {"1": …}}</c>,
/// figures rounded to 2 places. CSV: one row per unit with a header, months and areas as
/// <c>month_M</c> and <c>area_A</c> columns. Table: the same, aligned, for people.
/// </remarks>
internal static class RankCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (ScoringArguments.Parse("rank", args, error) is not { } arguments)
        {
            return CommandLine.Usage;
        }

        if (ScoringData.Load(arguments, error) is not { } data)
        {
            return CommandLine.Failed;
        }

        var standings = ScoringEngine.Rank(data.Campaign, data.Input, arguments.Month);
        switch (arguments.Format)
        {
            case OutputFormat.Json:
                OutputStream.Json(output, json => WriteJson(json, standings));
                break;
            case OutputFormat.Csv:
                OutputStream.Text(output, text => WriteCsv(text, data, standings));
                break;
            default:
                OutputStream.Text(output, text => WriteTable(text, data, standings));
                break;
        }

        return CommandLine.Ok;
    }

    public static void WriteJson(System.Text.Json.Utf8JsonWriter json, Standings standings)
    {
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

    private static void WriteCsv(TextWriter output, ScoringData data, Standings standings)
    {
        var months = MonthsOf(data, standings);
        var areas = AreaCodes(data);
        Figures.CsvLine(output,
            new[] { "overall_rank", "unit", "unit_name", "block", "block_rank", "kind", "score", "classification", "late_months", "lowest_month" }
                .Concat(months.Select(m => $"month_{m}"))
                .Concat(areas.Select(a => $"area_{a}")));
        foreach (var unit in standings.Units)
        {
            Figures.CsvLine(output, Cells(data, unit, months, areas));
        }
    }

    private static void WriteTable(TextWriter output, ScoringData data, Standings standings)
    {
        var months = MonthsOf(data, standings);
        var areas = AreaCodes(data);
        string[] headers =
        [
            "Hạng (rank)", "Đơn vị (unit)", "Tên (name)", "Khối (block)", "Hạng khối (block rank)", "Loại (kind)", "Điểm (score)",
            "Xếp loại (class)", "Trễ (late)", "Tháng thấp nhất (lowest)",
            .. months.Select(m => $"T{m}"), .. areas.Select(a => $"LV{a}"),
        ];
        var table = new TextTable(headers).Numeric([0, 4, 6, 8, 9, .. Enumerable.Range(10, months.Count + areas.Count)]);
        foreach (var unit in standings.Units)
        {
            table.Add(Cells(data, unit, months, areas));
        }

        output.WriteLine($"Xếp hạng {data.Campaign.Id}, lũy kế đến tháng {standings.ThroughMonth} (ranking, year to date through month {standings.ThroughMonth}); T = tháng (month), LV = lĩnh vực (area)");
        table.WriteTo(output);
    }

    private static string[] Cells(ScoringData data, UnitStanding unit, IReadOnlyList<int> months, IReadOnlyList<string> areas) =>
    [
        Figures.Text(unit.OverallRank), unit.Unit, data.NameOf(unit.Unit), unit.Block, Figures.Text(unit.BlockRank), unit.Kind,
        Figures.Text(unit.Score), unit.Classification, Figures.Text(unit.LateMonths), Figures.Text(unit.LowestMonth),
        .. months.Select(m => unit.Months.TryGetValue(m, out var total) ? Figures.Text(total) : ""),
        .. areas.Select(a => unit.Areas.TryGetValue(a, out var mean) ? Figures.Text(mean) : ""),
    ];

    private static List<int> MonthsOf(ScoringData data, Standings standings) =>
        Enumerable.Range(data.Campaign.FirstMonth, standings.ThroughMonth - data.Campaign.FirstMonth + 1).ToList();

    /// <summary>Area codes of every framework, in the order the unit kinds and their areas are listed.</summary>
    private static List<string> AreaCodes(ScoringData data) =>
        data.Campaign.UnitKinds
            .Select(k => data.Campaign.FrameworkFor(k.Code))
            .OfType<Core.Campaigns.Framework>()
            .SelectMany(f => f.Areas.Select(a => a.Code))
            .Distinct(StringComparer.Ordinal)
            .ToList();
}
