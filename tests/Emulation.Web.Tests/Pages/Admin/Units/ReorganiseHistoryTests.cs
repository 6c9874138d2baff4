using Emulation.Web.Domain;
using Emulation.Web.Pages.Admin.Units;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

/// <summary>
/// On the demo year (January–October 2017 published): a merge from 01/07/2025 and a later rename
/// leave the 2017 standings, pages and exports exactly as they were; the blocks are frozen.
/// </summary>
public sealed class ReorganiseHistoryTests(ReorganiseHistoryTests.HistoryFactory factory) : IClassFixture<ReorganiseHistoryTests.HistoryFactory>
{
    public sealed class HistoryFactory : EmulationFactory
    {
        public override bool DemoHistory => true;
    }

    private static async Task<List<string>> Rows(HttpClient client, string url) =>
        [.. (await client.GetDocument(url)).QuerySelectorAll(".ranking-table tbody tr").Select(r => string.Join(" ", r.TextContent.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries)))];

    private async Task<List<string>> Snapshots() =>
        await factory.WithDb(db => db.PublishedUnits.AsNoTracking().OrderBy(u => u.Id)
            .Select(u => u.PublicationId + " " + u.UnitCode + " " + u.NameVi + " " + u.YearScore + " " + u.BlockRank).ToListAsync());

    [Fact]
    public async Task A_merge_and_a_later_rename_keep_the_old_units_past_names_and_scores_in_their_campaign()
    {
        var noivu = await factory.LoggedIn("noivu");
        var anonymous = factory.CreateBrowserlikeClient();
        var before = (
            Block: await Rows(noivu, "/Rankings?month=10&block=K-XA-CG"),
            Overall: await Rows(noivu, "/Rankings?month=6&block=overall"),
            Public: (await anonymous.GetDocument("/Public")).QuerySelector("main")!.TextContent,
            Standings: await noivu.GetStringAsync(new Uri("/Rankings/Export/Standings?month=10", UriKind.Relative)),
            Entries: await noivu.GetStringAsync(new Uri("/Rankings/Export/Entries", UriKind.Relative)),
            Snapshots: await Snapshots());
        Assert.Contains(before.Block, r => r.Contains("Bình Ninh", StringComparison.Ordinal));

        var admin = await factory.UserAsync("admin");
        await factory.SendAsync(new ReorganiseModel.MergeUnits(admin, ["CG-BINHNINH", "CG-BINHPHAN"], new DateOnly(2025, 7, 1), null,
            new NewUnit("CG-BINHNINHPHAN", "UBND xã Bình Ninh Phan", "Bình Ninh Phan Commune", "commune", null), "Nghị quyết 1234/NQ-UBTVQH15", true));
        await factory.SendAsync(new IndexModel.Rename(admin, "CG-BINHPHAN", "UBND xã Bình Phan (tên mới)", "Bình Phan (new name)", "Đổi tên"));

        Assert.Equal(before.Block, await Rows(noivu, "/Rankings?month=10&block=K-XA-CG"));
        Assert.Equal(before.Overall, await Rows(noivu, "/Rankings?month=6&block=overall"));
        Assert.Equal(before.Public, (await anonymous.GetDocument("/Public")).QuerySelector("main")!.TextContent);
        Assert.Equal(before.Standings, await noivu.GetStringAsync(new Uri("/Rankings/Export/Standings?month=10", UriKind.Relative)));
        Assert.Equal(before.Entries, await noivu.GetStringAsync(new Uri("/Rankings/Export/Entries", UriKind.Relative)));
        Assert.Equal(before.Snapshots, await Snapshots());
        Assert.Contains("UBND xã Bình Phan", (await noivu.GetDocument("/Charts/Unit/CG-BINHPHAN")).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("tên mới", (await noivu.GetDocument("/Charts/Unit/CG-BINHPHAN")).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2025, 6, 30), await factory.WithDb(db => db.Units.Where(u => u.Code == "CG-BINHNINH").Select(u => u.ValidTo).SingleAsync()));
    }

    [Fact]
    public async Task The_blocks_of_a_campaign_whose_first_month_is_published_are_frozen_and_say_why()
    {
        var client = await factory.LoggedIn("admin");

        var page = await client.GetDocument("/Admin/Blocks?campaign=tien-giang-2017");

        Assert.Contains("tháng 1/2017 đã công bố", page.QuerySelector(".frozen")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#create-form"));
        Assert.Empty(page.QuerySelectorAll("form[action*='Move'], form[action*='Rename']"));
        Assert.Contains("UBND xã Bình Ninh", page.QuerySelector("section[data-block='K-XA-CG']")!.TextContent, StringComparison.Ordinal);

        var token = (await client.GetDocument("/Admin/Units")).QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;
        var response = await client.Post("/Admin/Blocks?campaign=tien-giang-2017&handler=Move",
            [new("__RequestVerificationToken", token), new("Unit", "CG-BINHNINH"), new("Block", "K-XA-TP"), new("Reason", "x")]);

        Assert.Contains("đã cố định vì tháng 1/2017 đã công bố", (await response.ReadDocument()).QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("K-XA-CG", await factory.WithDb(db => db.BlockMemberships.Where(m => m.Unit!.Code == "CG-BINHNINH").Select(m => m.Block!.Code).SingleAsync()));
        var refused = await Assert.ThrowsAsync<DomainException>(async () => await factory.SendAsync(
            new Pages.Admin.Blocks.IndexModel.Create(await factory.UserAsync("admin"), "tien-giang-2017", "K-NEW", "A", "B", "x")));
        Assert.Equal("Blocks.Frozen", refused.Key);
    }
}
