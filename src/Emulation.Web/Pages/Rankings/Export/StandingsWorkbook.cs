using System.Data;
using System.Globalization;
using Emulation.Core.Campaigns;
using Emulation.Core.Output;
using Emulation.Core.Scoring;
using Emulation.Web.Domain;

namespace Emulation.Web.Pages.Rankings.Export;

/// <summary>
/// The year-to-date standings as a workbook: one sheet per block (its units in block rank order),
/// the figures those of <c>emulation rank</c> (the same standings), with Vietnamese headers and
/// two decimals. A month with nothing published gives one empty sheet with its headers.
/// </summary>
public static class StandingsWorkbook
{
    public const string BlockRank = "Hạng trong khối";
    public const string OverallRank = "Hạng chung";
    public const string Unit = "Mã đơn vị";
    public const string UnitName = "Tên đơn vị";
    public const string Kind = "Loại đơn vị";
    public const string Score = "Điểm";
    public const string Classification = "Xếp loại";
    public const string LateMonths = "Số tháng nộp trễ";
    public const string LowestMonth = "Điểm tháng thấp nhất";

    public static string MonthHeader(int month) => string.Create(CultureInfo.InvariantCulture, $"Tháng {month}");

    public static string AreaHeader(string area) => $"Lĩnh vực {area}";

    /// <param name="units">The published units of the month (names and block titles), or null when the month is not published.</param>
    public static byte[] Build(Campaign campaign, int month, Standings? standings, IReadOnlyList<PublishedUnit>? units)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var months = Enumerable.Range(campaign.FirstMonth, Math.Max(0, month - campaign.FirstMonth + 1)).ToList();
        var areas = StandingsFormat.AreaCodes(campaign);
        var sheets = new List<(string Name, DataTable Table)>();
        if (standings is null || units is null || standings.Units.Count == 0)
        {
            sheets.Add((string.Create(CultureInfo.InvariantCulture, $"Tháng {month}"), Table(months, areas)));
        }
        else
        {
            var published = units.ToDictionary(u => u.UnitCode, StringComparer.Ordinal);
            foreach (var block in standings.Units.GroupBy(u => u.Block).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var table = Table(months, areas);
                foreach (var unit in block.OrderBy(u => u.BlockRank).ThenBy(u => u.Unit, StringComparer.Ordinal))
                {
                    var row = table.NewRow();
                    row[BlockRank] = unit.BlockRank;
                    row[OverallRank] = unit.OverallRank;
                    row[Unit] = unit.Unit;
                    row[UnitName] = published.GetValueOrDefault(unit.Unit)?.NameVi ?? "";
                    row[Kind] = campaign.UnitKinds.FirstOrDefault(k => k.Code == unit.Kind)?.Title.Vi ?? unit.Kind;
                    row[Score] = unit.Score;
                    row[Classification] = campaign.Classification.FirstOrDefault(c => c.Code == unit.Classification)?.Title.Vi ?? unit.Classification;
                    row[LateMonths] = unit.LateMonths;
                    row[LowestMonth] = unit.LowestMonth;
                    foreach (var m in months)
                    {
                        row[MonthHeader(m)] = unit.Months.TryGetValue(m, out var total) ? total : DBNull.Value;
                    }

                    foreach (var area in areas)
                    {
                        row[AreaHeader(area)] = unit.Areas.TryGetValue(area, out var mean) ? mean : DBNull.Value;
                    }

                    table.Rows.Add(row);
                }

                var title = units.FirstOrDefault(u => u.BlockCode == block.Key)?.BlockTitleVi ?? block.Key;
                sheets.Add((title, table));
            }
        }

        try
        {
            return Workbooks.Sheets(sheets);
        }
        finally
        {
            foreach (var (_, table) in sheets)
            {
                table.Dispose();
            }
        }
    }

    private static DataTable Table(IReadOnlyList<int> months, IReadOnlyList<string> areas)
    {
        var table = new DataTable { Locale = CultureInfo.InvariantCulture };
        table.Columns.Add(BlockRank, typeof(int));
        table.Columns.Add(OverallRank, typeof(int));
        table.Columns.Add(Unit, typeof(string));
        table.Columns.Add(UnitName, typeof(string));
        table.Columns.Add(Kind, typeof(string));
        table.Columns.Add(Score, typeof(decimal));
        table.Columns.Add(Classification, typeof(string));
        table.Columns.Add(LateMonths, typeof(int));
        table.Columns.Add(LowestMonth, typeof(decimal));
        foreach (var month in months)
        {
            table.Columns.Add(MonthHeader(month), typeof(decimal));
        }

        foreach (var area in areas)
        {
            table.Columns.Add(AreaHeader(area), typeof(decimal));
        }

        return table;
    }
}
