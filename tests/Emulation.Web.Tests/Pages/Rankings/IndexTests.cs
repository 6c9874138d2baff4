using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Emulation.Core.Scoring;
using Emulation.Core.Tests.Cli;
using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

/// <summary>
/// Rankings, the public page and the exports on the demo year (January–October published):
/// the pages show the snapshots; the standings export is the command's JSON for the entries export;
/// nothing unpublished is ever public.
/// </summary>
[Collection(PublishedDemoYear.Name)]
public sealed class RankingsTests(PublishedDemoFactory factory)
{
    private static readonly System.Globalization.CultureInfo Vi = System.Globalization.CultureInfo.GetCultureInfo("vi-VN");

    [Fact]
    public async Task The_standings_export_is_exactly_what_emulation_rank_prints_for_the_entries_export()
    {
        var client = await factory.LoggedIn("noivu");
        var entries = await client.GetAsync(new Uri("/Rankings/Export/Entries", UriKind.Relative));
        var standings = await client.GetAsync(new Uri("/Rankings/Export/Standings?month=10", UriKind.Relative));
        var csv = await client.GetAsync(new Uri("/Rankings/Export/Standings?month=6&format=csv", UriKind.Relative));
        var file = Path.Combine(TestFolders.Create("export"), "entries.csv");
        await File.WriteAllBytesAsync(file, await entries.Content.ReadAsByteArrayAsync());

        var json = await EmulationProcess.RunAsync("rank", "--campaign", Path.Combine(TestFolders.ShippedCriteria, "tien-giang-2017.json"), "--entries", file, "--month", "10");
        var table = await EmulationProcess.RunAsync("rank", "--campaign", Path.Combine(TestFolders.ShippedCriteria, "tien-giang-2017.json"), "--entries", file, "--month", "6", "--format", "csv");

        Assert.Equal("text/csv", entries.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on,deadline\r\n",
            Encoding.UTF8.GetString(await entries.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal(0, json.ExitCode);
        Assert.Equal(json.Output, await standings.Content.ReadAsStringAsync());
        Assert.Equal(table.Output, await csv.Content.ReadAsStringAsync());
        Assert.Equal("application/json", standings.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_ranking_page_shows_the_snapshot_which_is_the_engines_ranking_of_the_exported_entries()
    {
        var client = await factory.LoggedIn("tanphuoc");
        var noivu = await factory.LoggedIn("noivu");
        var file = Path.Combine(TestFolders.Create("export"), "entries.csv");
        await File.WriteAllBytesAsync(file, await (await noivu.GetAsync(new Uri("/Rankings/Export/Entries", UriKind.Relative))).Content.ReadAsByteArrayAsync());
        var read = Emulation.Core.Entries.EntriesCsvReader.ReadFile(file, factory.Campaign());
        var standings = ScoringEngine.Rank(factory.Campaign(), read.Input!, 10);

        var page = await client.GetDocument("/Rankings?month=10&block=overall");

        var rows = page.QuerySelectorAll(".ranking-table tbody tr").ToList();
        Assert.Equal(61, rows.Count);
        var names = await factory.WithDb(db => db.Units.ToDictionaryAsync(u => u.NameVi, u => u.Code));
        foreach (var row in rows)
        {
            var code = names[row.QuerySelector("th a")!.TextContent.Trim()];
            var expected = standings.Find(code)!;
            Assert.Equal(expected.OverallRank.ToString(Vi), row.QuerySelector("td.rank")!.ChildNodes[0].TextContent.Trim().TrimEnd('='));
            Assert.Equal(expected.Score.ToString("N2", Vi), row.QuerySelector("td.score")!.TextContent.Trim());
        }
    }

    [Fact]
    public async Task The_twin_communes_share_a_rank_and_say_so()
    {
        var client = await factory.LoggedIn("chogao");

        var page = await client.GetDocument("/Rankings?month=10&block=K-XA-TP");

        var shared = page.QuerySelectorAll(".ranking-table tr.shared").ToList();
        Assert.Equal(2, shared.Count);
        Assert.Equal(shared[0].QuerySelector("td.rank")!.TextContent, shared[1].QuerySelector("td.rank")!.TextContent);
        Assert.Contains("Đồng hạng", shared[0].TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Rankings?month=13")]
    [InlineData("/Rankings?month=10&block=NO-SUCH-BLOCK")]
    [InlineData("/Rankings?month=10&kind=province")]
    [InlineData("/Rankings?period=quarter")]
    [InlineData("/Rankings/Explain/NOSUCHUNIT?month=10")]
    [InlineData("/Rankings/Explain/CHOGAO?month=11")]
    [InlineData("/Rankings/Export/Standings?month=11")]
    [InlineData("/Rankings/Export/Standings?month=10&format=xml")]
    public async Task Unknown_months_blocks_kinds_and_units_are_404(string url)
    {
        var client = await factory.LoggedIn("noivu");

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("chogao")]
    [InlineData("hoidong1")]
    public async Task Only_verifiers_and_administrators_export(string userName)
    {
        var client = await factory.LoggedIn(userName);
        var admin = await factory.LoggedIn("admin");

        var refused = await client.GetAsync(new Uri("/Rankings/Export/Entries", UriKind.Relative));
        var anonymous = await factory.CreateBrowserlikeClient().GetAsync(new Uri("/Rankings/Export/Standings", UriKind.Relative));

        Assert.Contains("/Account/AccessDenied", refused.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/Account/Login", anonymous.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(new Uri("/Rankings/Export/Standings", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_explanation_gives_the_gap_to_the_next_rank_and_its_adjustments_only_to_those_allowed()
    {
        var chogao = await factory.LoggedIn("chogao");
        var tanphuoc = await factory.LoggedIn("tanphuoc");
        var adjusted = await factory.WithDb(db => db.SubmissionEntries.Where(e => e.Adjusted)
            .Join(db.Submissions, e => e.SubmissionId, s => s.Id, (e, s) => s.UnitCode).FirstAsync(code => code == "TANPHUOC"));

        var own = await tanphuoc.GetDocument("/Rankings/Explain/TANPHUOC?month=10");
        var other = await chogao.GetDocument("/Rankings/Explain/TANPHUOC?month=10");
        var below = await chogao.GetDocument("/Rankings/Explain/CHOGAO?month=10");
        var anonymous = await factory.CreateBrowserlikeClient().GetDocument("/Public/Unit/TANPHUOC?month=10");

        Assert.NotNull(own.QuerySelector("#adjustments-heading"));
        Assert.Null(other.QuerySelector("#adjustments-heading"));
        Assert.Null(anonymous.QuerySelector("#adjustments-heading"));
        Assert.Matches(@"cần thêm \d+,\d\d điểm để lên hạng \d+", below.QuerySelector("#summary-heading")!.ParentElement!.TextContent);
        Assert.Equal(own.QuerySelector(".big-score")!.TextContent, anonymous.QuerySelector(".big-score")!.TextContent);
        _ = adjusted;
    }

    [Fact]
    public async Task The_public_page_shows_published_months_only_and_never_notes_evidence_or_reasons()
    {
        var client = factory.CreateBrowserlikeClient();

        var latest = await client.GetDocument("/Public");
        var november = await client.GetDocument("/Public?month=11");
        var unit = await client.GetDocument("/Public/Unit/CHOGAO?month=9&period=month");
        var unpublished = await client.GetAsync(new Uri("/Public/Unit/CHOGAO?month=11", UriKind.Relative));

        Assert.Contains("đến hết tháng 10/2017", latest.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(latest.QuerySelectorAll("#f-month option"), o => o.GetAttribute("value") == "11");
        Assert.NotNull(november.QuerySelector("#not-published"));
        Assert.Empty(november.QuerySelectorAll(".ranking-table"));
        Assert.Equal(HttpStatusCode.NotFound, unpublished.StatusCode);
        var text = unit.QuerySelector("main")!.TextContent;
        var reasons = await factory.WithDb(db => db.SubmissionEntries.Where(e => e.AdjustmentReason != null || e.Note != null)
            .Select(e => e.AdjustmentReason ?? e.Note).Distinct().ToListAsync());
        Assert.DoesNotContain(reasons, r => text.Contains(r!, StringComparison.Ordinal));
        Assert.DoesNotContain("/Assessments/Evidence", unit.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.NotEmpty(unit.QuerySelectorAll(".criteria-points tr.leaf"));
    }
}
