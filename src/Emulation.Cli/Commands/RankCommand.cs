using Emulation.Cli.Output;
using Emulation.Core.Output;
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
                OutputStream.Json(output, json => StandingsFormat.WriteJson(json, standings));
                break;
            case OutputFormat.Csv:
                OutputStream.Text(output, text => WriteCsv(text, data, standings));
                break;
            default:
                OutputStream.Text(output, text => WriteTable(text, data, standings, new Labels(data.Campaign, data.Organisation, arguments.English)));
                break;
        }

        return CommandLine.Ok;
    }

    private static void WriteCsv(TextWriter output, ScoringData data, Standings standings) =>
        StandingsFormat.WriteCsv(output, data.Campaign, standings, data.NameOf);

    private static void WriteTable(TextWriter output, ScoringData data, Standings standings, Labels labels)
    {
        var months = StandingsFormat.MonthsOf(data.Campaign, standings);
        var areas = StandingsFormat.AreaCodes(data.Campaign);
        string[] headers =
        [
            "Hạng (rank)", "Đơn vị (unit)", "Tên (name)", "Khối (block)", "Hạng khối (block rank)", "Loại (kind)", "Điểm (score)",
            "Xếp loại (class)", "Trễ (late)", "Tháng thấp nhất (lowest)",
            .. months.Select(m => $"T{m}"), .. areas.Select(a => $"LV{a}"),
        ];
        var table = new TextTable(headers).Numeric([0, 4, 6, 8, 9, .. Enumerable.Range(10, months.Count + areas.Count)]);
        foreach (var unit in standings.Units)
        {
            // The CSV's fields, with titles instead of the block, kind and classification codes.
            string[] fields = [.. StandingsFormat.CsvFields(data.Campaign, standings, unit, data.NameOf(unit.Unit))];
            fields[3] = labels.Block(unit.Block);
            fields[5] = labels.Kind(unit.Kind);
            fields[7] = labels.Classification(unit.Classification);
            table.Add(fields);
        }

        output.WriteLine($"Xếp hạng {data.Campaign.Id}, lũy kế đến tháng {standings.ThroughMonth} (ranking, year to date through month {standings.ThroughMonth}); T = tháng (month), LV = lĩnh vực (area)");
        table.WriteTo(output);
    }
}
