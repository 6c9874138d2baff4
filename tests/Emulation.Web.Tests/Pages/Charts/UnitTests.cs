using System.Globalization;
using System.Net;
using Emulation.Web.Pages.Rankings;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

/// <summary>
/// A unit's charts on the demo year: every figure is the one the rankings, the explanation and the
/// verification queue show; a unit's people open only their unit's charts; self totals only for
/// those who may read the unit's self-assessments.
/// </summary>
[Collection(PublishedDemoYear.Name)]
public sealed class UnitChartsTests(PublishedDemoFactory factory)
{
    private const string Appraised = "Thẩm định (đã công bố)";
    private const string Self = "Tự chấm";
    private const string BlockAverage = "Bình quân khối";

    [Fact]
    public async Task The_trend_shows_the_published_month_totals_against_the_block_average_and_the_self_totals_of_the_queue()
    {
        var client = await factory.LoggedIn("chogao");
        var noivu = await factory.UserAsync("noivu");
        var published = await factory.Published();

        var chart = (await client.GetDocument("/Charts/Unit/CHOGAO")).Chart("trend");

        var labels = chart.Labels();
        var appraised = chart.Series(Appraised);
        var average = chart.Series(BlockAverage);
        var self = chart.Series(Self);
        // From January to the last month with a figure: published, or submitted by the unit.
        Assert.Equal([.. Enumerable.Range(1, labels.Count).Select(m => $"{m:00}/2017")], labels);
        Assert.NotEmpty(published);
        Assert.True(labels.Count >= published.Keys.Max());
        foreach (var (month, units) in published)
        {
            var own = units.Single(u => u.UnitCode == "CHOGAO");
            var block = units.Where(u => u.BlockCode == own.BlockCode).Select(u => u.MonthTotal).ToList();
            Assert.Equal(own.MonthTotal, appraised[month - 1]);
            Assert.Equal(decimal.Round(block.Sum() / block.Count, 2, MidpointRounding.AwayFromZero), average[month - 1]);
        }

        Assert.All(appraised.Skip(published.Keys.Max()), Assert.Null);
        foreach (var month in labels.Select((_, i) => i + 1))
        {
            var queue = await factory.SendAsync(new Web.Pages.Verification.IndexModel.Query(noivu, month.ToString(CultureInfo.InvariantCulture), null, null, null));
            var row = queue.All.Single(r => r.Unit == "CHOGAO");
            Assert.Equal(row.FirstSubmittedOn is null || row.CountsAsMissing ? null : row.SelfTotal, self[month - 1]);
        }

        Assert.Contains(self, v => v is not null);
    }

    [Fact]
    public async Task The_area_profile_is_the_ranking_pages_area_figures_against_the_explanations_block_average()
    {
        var client = await factory.LoggedIn("noivu");
        var last = (await factory.Published()).Keys.Max();

        var chart = (await client.GetDocument("/Charts/Unit/TANPHUOC")).Chart("area-profile");
        var ranking = await client.GetDocument($"/Rankings?month={last}&block=K-HUYEN");
        var explanation = await factory.SendAsync(new ExplainModel.Query(await factory.UserAsync("noivu"), "TANPHUOC", last, Period.Year));

        var own = chart.Series("UBND huyện Tân Phước");
        var row = ranking.QuerySelectorAll(".ranking-table tbody tr").Single(r => r.QuerySelector("th a")!.TextContent.Trim() == "UBND huyện Tân Phước");
        Assert.Equal(row.QuerySelectorAll("td.area-col").Select(td => td.TextContent.Trim()), own.Select(v => v!.Value.ToString("N2", ChartSupport.Vi)));
        Assert.Equal(explanation.Areas.Select(a => (decimal?)a.BlockAverage), chart.Series(BlockAverage));
        Assert.Equal(explanation.Areas.Select(a => $"LV{a.Code}"), chart.Labels());
    }

    [Fact]
    public async Task The_one_stop_rate_is_the_appraised_on_time_applications_of_the_unit_and_of_the_whole_province()
    {
        var client = await factory.LoggedIn("chogao");
        var published = await factory.Published();

        var chart = (await client.GetDocument("/Charts/Unit/CHOGAO")).Chart("one-stop");

        Assert.Equal("Percent", chart.GetProperty("format").GetString());
        var own = chart.Series("UBND huyện Chợ Gạo");
        var province = chart.Series("Toàn tỉnh");
        var months = published.Keys.Order().ToList();
        Assert.Equal(months.Select(m => $"{m:00}/2017"), chart.Labels());
        for (var i = 0; i < months.Count; i++)
        {
            var entries = published[months[i]].Where(u => !u.Missing)
                .SelectMany(u => u.Entries.Where(e => e.Criterion == "8.2.1.1" && e.Value is not null && e.Denominator is not null)
                    .Select(e => (u.UnitCode, OnTime: decimal.Parse(e.Value!, CultureInfo.InvariantCulture), Resolved: decimal.Parse(e.Denominator!, CultureInfo.InvariantCulture))))
                .ToList();
            var chogao = entries.Single(e => e.UnitCode == "CHOGAO");
            Assert.True(entries.Count > 50);
            Assert.Equal(decimal.Round(100 * chogao.OnTime / chogao.Resolved, 1, MidpointRounding.AwayFromZero), own[i]);
            Assert.Equal(decimal.Round(100 * entries.Sum(e => e.OnTime) / entries.Sum(e => e.Resolved), 1, MidpointRounding.AwayFromZero), province[i]);
        }
    }

    [Theory]
    [InlineData("chogao", "TANPHUOC")]
    [InlineData("chogao.staff", "STP")]
    [InlineData("stp", "CHOGAO")]
    [InlineData("noivu", "NO-SUCH-UNIT")]
    public async Task A_unit_person_cannot_open_another_units_charts_and_nobody_an_unknown_units(string user, string unit)
    {
        var client = await factory.LoggedIn(user);

        var response = await client.GetAsync(new Uri($"/Charts/Unit/{unit}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("chogao.staff", true)]
    [InlineData("noivu", true)]
    [InlineData("admin", true)]
    [InlineData("chutich", false)]
    [InlineData("hoidong1", false)]
    public async Task Self_totals_are_shown_only_to_those_who_read_the_units_self_assessments(string user, bool showsSelf)
    {
        var client = await factory.LoggedIn(user);

        var chart = (await client.GetDocument("/Charts/Unit/CHOGAO")).Chart("trend");

        Assert.Equal(showsSelf, chart.SeriesNames().Contains(Self));
        Assert.Contains(Appraised, chart.SeriesNames());
    }

    [Theory]
    [InlineData("chogao", true)]
    [InlineData("noivu", true)]
    [InlineData("hoidong2", true)]
    [InlineData("tanphuoc", false)]
    public async Task The_explanation_links_to_the_units_charts_only_for_those_who_may_open_them(string user, bool links)
    {
        var client = await factory.LoggedIn(user);

        var page = await client.GetDocument("/Rankings/Explain/CHOGAO");

        Assert.Equal(links, page.QuerySelector("main a[href='/Charts/Unit/CHOGAO']") is not null);
    }

    [Fact]
    public async Task Each_block_on_the_ranking_page_has_a_bar_chart_of_its_table_in_rank_order()
    {
        var client = await factory.LoggedIn("tanphuoc");

        var page = await client.GetDocument("/Rankings");

        var sections = page.QuerySelectorAll("section.ranking").ToList();
        Assert.True(sections.Count >= 6);
        foreach (var section in sections)
        {
            var canvas = section.QuerySelector("canvas[data-chart]");
            Assert.NotNull(canvas);
            var chart = page.Chart(canvas.Id!);
            var rows = section.QuerySelectorAll(".ranking-table tbody tr").ToList();
            Assert.Equal("HorizontalBar", chart.GetProperty("kind").GetString());
            Assert.Equal(rows.Select(r => r.QuerySelector("td.score")!.TextContent.Trim()),
                chart.Series("Điểm lũy kế").Select(v => v!.Value.ToString("N2", ChartSupport.Vi)));
            Assert.Equal(rows.Select(r => r.QuerySelector("th a")!.TextContent.Trim()), chart.Labels().Select(l => l[(l.IndexOf(". ", StringComparison.Ordinal) + 2)..]));
        }
    }
}
