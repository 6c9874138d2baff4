using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Emulation.Core.Entries;
using Emulation.Core.Tests.Cli;
using Emulation.Web.Pages.Rankings.Export;
using MiniExcelLibs;

namespace Emulation.Web.Tests;

/// <summary>A demo database without history where noivu imported January–March for every unit and published them.</summary>
public sealed class ImportedQuarterFactory : EmulationFactory, IAsyncLifetime
{
    public List<EntriesRow> Rows { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Rows = [.. ImportSupport.Rows(this.Campaign(), await this.Members(), [1, 2, 3])];
        var outcome = await this.Import(ImportSupport.Bytes(ImportSupport.Csv(Rows)));
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Errors));
        await this.Publish(1, 2, 3);
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

/// <summary>
/// The spreadsheets and the printed report of imported, published months: the exports give back
/// what was imported, the workbook holds the figures of the JSON export (which is what
/// <c>emulation rank</c> prints), an empty month is an empty sheet with its headers.
/// </summary>
public sealed class ExportTests(ImportedQuarterFactory factory) : IClassFixture<ImportedQuarterFactory>
{
    private static readonly string CampaignFile = Path.Combine(TestFolders.ShippedCriteria, "tien-giang-2017.json");

    [Fact]
    public async Task Import_then_export_gives_back_the_imported_rows_and_the_standings_are_what_emulation_rank_prints()
    {
        var client = await factory.LoggedIn("noivu");
        var entries = await client.GetByteArrayAsync(new Uri("/Rankings/Export/Entries", UriKind.Relative));
        var standings = await client.GetStringAsync(new Uri("/Rankings/Export/Standings?month=3", UriKind.Relative));
        var file = Path.Combine(TestFolders.Create("export"), "entries.csv");
        await File.WriteAllBytesAsync(file, entries);

        var rank = await EmulationProcess.RunAsync("rank", "--campaign", CampaignFile, "--entries", file, "--month", "3");

        Assert.Equal(Key(factory.Rows), Key(Read(entries)));
        Assert.Equal(0, rank.ExitCode);
        Assert.Equal(rank.Output, standings);
    }

    [Fact]
    public async Task The_ranking_page_shows_the_ranking_of_the_imported_months_with_the_xlsx_exports_beside_csv_and_json()
    {
        var client = await factory.LoggedIn("noivu");
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/Rankings/Export/Standings?month=3", UriKind.Relative))).RootElement;

        var page = await client.GetDocument("/Rankings?month=3&block=overall");

        var links = page.QuerySelectorAll(".exports a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/Rankings/Export/Standings?month=3&format=xlsx", links);
        Assert.Contains("/Rankings/Export/Entries?format=xlsx", links);
        Assert.Contains("/Rankings/Report?month=3", links);
        var first = page.QuerySelector(".ranking-table tbody tr")!;
        Assert.Contains(json[0].GetProperty("unit").GetString()!, first.InnerHtml, StringComparison.Ordinal);
        Assert.Contains(json[0].GetProperty("score").GetDecimal().ToString("0.00", CultureInfo.GetCultureInfo("vi-VN")), first.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_standings_workbook_has_a_sheet_per_block_holding_the_figures_of_the_json_export()
    {
        var client = await factory.LoggedIn("noivu");
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/Rankings/Export/Standings?month=3", UriKind.Relative))).RootElement;
        var response = await client.GetAsync(new Uri("/Rankings/Export/Standings?month=3&format=xlsx", UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(Workbooks.ContentType, response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(bytes);
        var sheets = stream.GetSheetNames();
        var blocks = json.EnumerateArray().Select(u => u.GetProperty("block").GetString()).Distinct().Count();
        Assert.Equal(blocks, sheets.Count);
        var seen = 0;
        foreach (var sheet in sheets)
        {
            stream.Position = 0;
            var rows = stream.Query(useHeaderRow: true, sheetName: sheet).Cast<IDictionary<string, object?>>().ToList();
            Assert.NotEmpty(rows);
            foreach (var row in rows)
            {
                var unit = json.EnumerateArray().Single(u => u.GetProperty("unit").GetString() == (string)row[StandingsWorkbook.Unit]!);
                Assert.Equal(unit.GetProperty("score").GetDecimal(), Convert.ToDecimal(row[StandingsWorkbook.Score], CultureInfo.InvariantCulture));
                Assert.Equal(unit.GetProperty("blockRank").GetInt32(), Convert.ToInt32(row[StandingsWorkbook.BlockRank], CultureInfo.InvariantCulture));
                Assert.Equal(unit.GetProperty("overallRank").GetInt32(), Convert.ToInt32(row[StandingsWorkbook.OverallRank], CultureInfo.InvariantCulture));
                Assert.Equal(unit.GetProperty("months").GetProperty("2").GetDecimal(), Convert.ToDecimal(row[StandingsWorkbook.MonthHeader(2)], CultureInfo.InvariantCulture));
                Assert.Equal(unit.GetProperty("areas").GetProperty("8").GetDecimal(), Convert.ToDecimal(row[StandingsWorkbook.AreaHeader("8")], CultureInfo.InvariantCulture));
                seen++;
            }
        }

        Assert.Equal(json.GetArrayLength(), seen);
    }

    [Fact]
    public async Task The_entries_workbook_holds_the_rows_and_imports_back_into_an_empty_database_to_the_same_standings()
    {
        var client = await factory.LoggedIn("noivu");
        var workbook = await client.GetByteArrayAsync(new Uri("/Rankings/Export/Entries?format=xlsx", UriKind.Relative));
        var standings = await client.GetStringAsync(new Uri("/Rankings/Export/Standings?month=3", UriKind.Relative));
        using var csv = new MemoryStream();
        using (var stream = new MemoryStream(workbook))
        {
            Workbooks.EntriesToCsv(stream, csv);
        }

        Assert.Equal(Key(factory.Rows), Key(Read(csv.ToArray())));

        using var empty = new EmulationFactory();
        var outcome = await empty.Import(workbook, "entries.xlsx");
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Errors));
        await empty.Publish(1, 2, 3);
        var again = await (await empty.LoggedIn("noivu")).GetStringAsync(new Uri("/Rankings/Export/Standings?month=3", UriKind.Relative));
        Assert.Equal(standings, again);
    }

    [Fact]
    public async Task A_month_not_published_exports_an_empty_sheet_with_its_headers()
    {
        var client = await factory.LoggedIn("noivu");

        var response = await client.GetAsync(new Uri("/Rankings/Export/Standings?month=5&format=xlsx", UriKind.Relative));
        var json = await client.GetAsync(new Uri("/Rankings/Export/Standings?month=5", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, json.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().ToList();
        var header = Assert.Single(rows);
        Assert.Equal(StandingsWorkbook.BlockRank, header["A"]);
        Assert.Contains(StandingsWorkbook.MonthHeader(5), header.Values);
        Assert.Contains(StandingsWorkbook.Score, header.Values);
    }

    [Fact]
    public async Task The_monthly_report_is_an_a4_page_with_the_provinces_heading_and_every_block()
    {
        var client = await factory.LoggedIn("noivu");
        var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/Rankings/Export/Standings?month=3", UriKind.Relative))).RootElement;

        var page = await client.GetDocument("/Rankings/Report?month=3");
        var css = await client.GetStringAsync(new Uri(page.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!, UriKind.Relative));

        var heading = page.QuerySelector(".doc-heading")!.TextContent;
        Assert.Contains("UBND TỈNH TIỀN GIANG", heading, StringComparison.Ordinal);
        Assert.Contains("SỞ NỘI VỤ", heading, StringComparison.Ordinal);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", heading, StringComparison.Ordinal);
        Assert.Contains("tháng 3/2017", page.QuerySelector(".doc-title")!.TextContent, StringComparison.Ordinal);
        var blocks = json.EnumerateArray().Select(u => u.GetProperty("block").GetString()).Distinct().Count();
        Assert.Equal(blocks, page.QuerySelectorAll(".report-block").Length);
        Assert.Equal(json.GetArrayLength(), page.QuerySelectorAll(".report-block tbody tr").Length);
        Assert.Contains("@page { size: A4", css, StringComparison.Ordinal);
        Assert.Contains("@media print", css, StringComparison.Ordinal);
    }

    private static List<EntriesRow> Read(byte[] csv)
    {
        var rows = new List<EntriesRow>();
        using var stream = new MemoryStream(csv);
        foreach (var row in EntriesCsvRows.Read(stream))
        {
            rows.Add(new EntriesRow(row.Unit, row.UnitName, row.Kind, row.Block, int.Parse(row.Month, CultureInfo.InvariantCulture), row.Criterion, row.Value,
                row.Denominator.Length == 0 ? null : row.Denominator,
                row.SubmittedOn.Length == 0 ? null : DateOnly.Parse(row.SubmittedOn, CultureInfo.InvariantCulture),
                row.Deadline.Length == 0 ? null : DateOnly.Parse(row.Deadline, CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    private static List<string> Key(IEnumerable<EntriesRow> rows) =>
        [.. rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Unit}|{r.UnitKind}|{r.Block}|{r.Month}|{r.Criterion}|{r.Value}|{r.Denominator}|{r.SubmittedOn}|{r.Deadline}"))
            .Order(StringComparer.Ordinal)];
}
