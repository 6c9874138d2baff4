using Emulation.Web.Domain;
using Emulation.Web.Pages.Rankings;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

/// <summary>
/// The home page's dashboards on the demo year (business date 28/11/2017): each role sees where
/// things stand, with the figures of the pages they summarise.
/// </summary>
[Collection(PublishedDemoYear.Name)]
public sealed class DashboardTests(PublishedDemoFactory factory)
{
    [Fact]
    public async Task A_unit_head_sees_this_months_state_and_deadline_the_units_rank_and_its_trend()
    {
        var client = await factory.LoggedIn("chogao");
        var published = await factory.Published();
        var last = published.Keys.Max();
        var own = published[last].Single(u => u.UnitCode == "CHOGAO");
        var blockSize = published[last].Count(u => u.BlockCode == own.BlockCode);
        var november = await factory.WithDb(db => db.Submissions.Where(s => s.UnitCode == "CHOGAO" && s.Month == 11).Select(s => s.Status).SingleOrDefaultAsync());

        var home = await client.GetDocument("/");

        var section = home.QuerySelector("section[aria-labelledby='unit-now-heading']")!;
        Assert.Equal("Tháng 11/2017 của đơn vị", section.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains($"status-{november}", section.QuerySelector(".badge")!.ClassList);
        Assert.Equal("2017-12-05", section.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Contains($"Hạng {own.BlockRank}/{blockSize} trong khối đến hết tháng {last}/2017", section.QuerySelector(".rank-line")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(own.YearScore.ToString("N2", ChartSupport.Vi), section.TextContent, StringComparison.Ordinal);
        var trend = home.Chart("home-trend");
        Assert.Equal(own.MonthTotal, trend.Series("Thẩm định (đã công bố)")[last - 1]);
        Assert.Equal("/Charts/Unit/CHOGAO", section.QuerySelector("a[href^='/Charts/']")!.GetAttribute("href"));
        Assert.Null(home.QuerySelector("#queue-heading"));
        Assert.Null(home.QuerySelector("#standings-heading"));

        // A locked month has nothing left to do: no "overdue by 296 days" beside it.
        var january = home.QuerySelectorAll("section[aria-labelledby='unit-heading'] tbody tr")[0];
        Assert.Equal("Không còn việc phải làm", january.QuerySelectorAll("td")[^1].TextContent.Trim());
    }

    [Fact]
    public async Task A_verifier_sees_the_months_completeness_and_queue_as_the_verification_page_counts_them()
    {
        var client = await factory.LoggedIn("noivu");
        var queue = await factory.SendAsync(new Web.Pages.Verification.IndexModel.Query(await factory.UserAsync("noivu"), null, null, null, null));
        var c = queue.Completeness;

        var home = await client.GetDocument("/");

        var section = home.QuerySelector("section[aria-labelledby='queue-heading']")!;
        Assert.Equal($"Tháng {queue.Month}/2017: tiến độ thẩm định", section.QuerySelector("h2")!.TextContent.Trim());
        Assert.Equal($"{c.Verified + c.Missing}/{c.Total} đơn vị đã xong (đã thẩm định hoặc tính là không gửi)", section.QuerySelector("#queue-done")!.TextContent.Trim());
        var links = section.QuerySelectorAll(".queue-links a").Select(a => (a.GetAttribute("href"), a.TextContent.Trim())).ToList();
        Assert.Contains(($"/Verification?month={queue.Month}&status=Submitted", $"{c.Awaiting} bản chờ thẩm định"), links);
        Assert.Contains(($"/Verification?month={queue.Month}&status=Disputed", $"{c.Disputed} khiếu nại đang mở"), links);
        Assert.Contains($"{c.NotSubmitted} chưa gửi", section.TextContent, StringComparison.Ordinal);
        Assert.Equal(61, c.Total);
        Assert.Null(home.QuerySelector("#unit-now-heading"));
    }

    [Fact]
    public async Task An_administrator_sees_the_months_published_and_every_months_submissions_by_state()
    {
        var client = await factory.LoggedIn("admin");
        var published = await factory.Published();
        var counts = await factory.WithDb(db => db.Submissions.Where(s => s.CampaignId == AssessmentSupport.CampaignId)
            .GroupBy(s => new { s.Month, s.Status }).Select(g => new { g.Key.Month, g.Key.Status, Count = g.Count() }).ToListAsync());

        var home = await client.GetDocument("/");

        var section = home.QuerySelector("section[aria-labelledby='progress-heading']")!;
        Assert.Equal($"Đã công bố {published.Count}/11 tháng · 61 đơn vị tham gia", section.QuerySelector("#progress-line")!.TextContent.Trim());
        var rows = section.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(11, rows.Count);
        var states = Enum.GetValues<SubmissionStatus>();
        foreach (var (row, month) in rows.Select((r, i) => (r, i + 1)))
        {
            var cells = row.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
            Assert.Equal(published.ContainsKey(month) ? "Đã công bố" : "Chưa", cells[0]);
            var figures = cells.Skip(1).Select(int.Parse).ToList();
            Assert.Equal(61, figures.Sum());
            foreach (var (state, i) in states.Select((s, i) => (s, i)).Where(p => p.s != SubmissionStatus.NotStarted))
            {
                Assert.Equal(counts.Where(c => c.Month == month && c.Status == state).Sum(c => c.Count), figures[i]);
            }
        }
    }

    [Fact]
    public async Task The_committee_sees_the_top_of_each_block_in_the_year_to_date_ranking()
    {
        var client = await factory.LoggedIn("hoidong1");
        var published = await factory.Published();
        var last = published.Keys.Max();
        var ranking = await factory.SendAsync(new IndexModel.Query(last, Period.Year, null, null));

        var home = await client.GetDocument("/");

        var section = home.QuerySelector("section[aria-labelledby='standings-heading']")!;
        Assert.Equal($"Đứng đầu các khối đến hết tháng {last}/2017", section.QuerySelector("h2")!.TextContent.Trim());
        var blocks = section.QuerySelectorAll(".standing-block").ToList();
        Assert.Equal(ranking.Tables!.Count, blocks.Count);
        foreach (var (block, table) in blocks.Zip(ranking.Tables))
        {
            Assert.Equal(table.Title, block.QuerySelector("h3")!.TextContent.Trim());
            var items = block.QuerySelectorAll("li").ToList();
            Assert.Equal(Math.Min(3, table.Rows.Count), items.Count);
            foreach (var (item, row) in items.Zip(table.Rows))
            {
                Assert.Equal(row.Rank.ToString(ChartSupport.Vi), item.GetAttribute("value"));
                Assert.Equal($"{row.UnitName} — {row.Score.ToString("N2", ChartSupport.Vi)}", item.TextContent.Trim());
            }
        }

        Assert.Null(home.QuerySelector("#queue-heading"));
    }
}
