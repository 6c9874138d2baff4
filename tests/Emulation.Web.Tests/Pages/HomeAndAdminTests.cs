using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

public sealed class HomeAndAdminTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    [Fact]
    public async Task A_unit_head_sees_the_unit_and_every_campaign_month_with_its_deadline()
    {
        var client = await factory.LoggedIn("chogao");
        var campaign = factory.Services.GetRequiredService<CampaignCatalog>().Find("tien-giang-2017")!;

        var home = await client.GetDocument("/");

        Assert.Contains("Chợ Gạo", home.QuerySelector("#unit-heading")!.TextContent, StringComparison.Ordinal);
        var rows = home.QuerySelectorAll("section[aria-labelledby='unit-heading'] tbody tr");
        Assert.Equal(campaign.LastMonth - campaign.FirstMonth + 1, rows.Length);
        var first = rows[0].QuerySelectorAll("td");
        Assert.Equal($"2017-02-{campaign.DeadlineDay:00}", first[0].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("Chưa bắt đầu", first[1].TextContent.Trim());
        Assert.Null(home.QuerySelector("#committee-heading"));
        Assert.Null(home.QuerySelector("#verifier-heading"));
    }

    [Fact]
    public async Task A_verifier_sees_the_blocks_and_their_units()
    {
        var client = await factory.LoggedIn("noivu");
        var blocks = await factory.WithDb(db => db.Blocks.Where(b => b.CampaignId == "tien-giang-2017").CountAsync());

        var home = await client.GetDocument("/");

        Assert.NotNull(home.QuerySelector("#verifier-heading"));
        Assert.True(blocks > 0);
        Assert.Equal(blocks, home.QuerySelectorAll("section[aria-labelledby='verifier-heading'] h3").Length);
        Assert.Contains("CHOGAO", home.QuerySelector("section[aria-labelledby='verifier-heading']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_committee_sees_the_campaign_awards()
    {
        var client = await factory.LoggedIn("chutich");
        var awards = factory.Services.GetRequiredService<CampaignCatalog>().Find("tien-giang-2017")!.Awards;

        var home = await client.GetDocument("/");

        var items = home.QuerySelectorAll("section[aria-labelledby='committee-heading'] li");
        Assert.Equal(awards.Count, items.Length);
        Assert.Contains(awards[0].Title.Vi, items[0].TextContent, StringComparison.Ordinal);
        if (awards[0].MinScore is { } minScore)
        {
            Assert.Contains($"điểm cả năm ≥ {minScore.ToString("0.##", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"))}", items[0].TextContent, StringComparison.Ordinal);
        }
        Assert.Null(home.QuerySelector("#unit-heading"));
    }

    [Fact]
    public async Task The_admin_page_lists_the_loaded_campaign_with_its_frameworks_and_the_units_from_the_database()
    {
        var client = await factory.LoggedIn("admin");
        var campaign = factory.Services.GetRequiredService<CampaignCatalog>().Find("tien-giang-2017")!;
        var units = await factory.WithDb(db => db.Units.CountAsync());

        var page = await client.GetDocument("/Admin");

        var frameworkRows = page.QuerySelectorAll("section[aria-labelledby='campaigns-heading'] tbody tr");
        Assert.Equal(campaign.Frameworks.Count, frameworkRows.Length);
        var first = campaign.Frameworks.Values.First();
        var cells = frameworkRows[0].QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        Assert.Equal(first.Areas.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[0]);
        Assert.Equal(first.Leaves.Count.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("vi-VN")), cells[2]);
        Assert.Equal(units, page.QuerySelectorAll("section[aria-labelledby='units-heading'] tbody tr").Length);
        Assert.NotNull(page.QuerySelector("canvas#area-maxima"));
    }
}
