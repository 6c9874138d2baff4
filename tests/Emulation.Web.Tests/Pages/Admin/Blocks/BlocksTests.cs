using System.Net;
using AngleSharp.Html.Dom;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Admin.Blocks;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

/// <summary>A campaign's blocks (/Admin/Blocks) before its first month is published: create, rename, move, place; refusals.</summary>
public sealed class BlocksTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    private const string Campaign = "tien-giang-2017";
    private const string Url = "/Admin/Blocks?campaign=" + Campaign;

    private static async Task<HttpResponseMessage> PostForm(HttpClient client, string formSelector, string handler, params (string Name, string Value)[] values)
    {
        var page = await client.GetDocument(Url);
        var fields = Forms.Fields((IHtmlFormElement)page.QuerySelector(formSelector)!);
        foreach (var (name, value) in values)
        {
            fields.Set(name, value);
        }

        return await client.Post($"{Url}&handler={handler}", fields);
    }

    private Task<string> BlockOf(string unit) =>
        factory.WithDb(db => db.BlockMemberships.Where(m => m.CampaignId == Campaign && m.Unit!.Code == unit).Select(m => m.Block!.Code).SingleAsync());

    [Fact]
    public async Task The_page_lists_the_campaigns_blocks_with_their_members_by_name_and_code()
    {
        var client = await factory.LoggedIn("admin");

        var page = await client.GetDocument("/Admin/Blocks");

        var block = page.QuerySelector("section[data-block='K-XA-CG']")!;
        Assert.Contains("UBND xã Bình Ninh", block.QuerySelector("tr[data-unit='CG-BINHNINH']")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("section[data-block='K-TH'] tr[data-unit='VPUB']"));
        Assert.NotNull(page.QuerySelector(".open-note"));
        Assert.Null(page.QuerySelector(".frozen"));
        Assert.NotNull(page.QuerySelector("#create-form"));
    }

    [Fact]
    public async Task An_administrator_creates_a_block_renames_it_and_moves_a_unit_into_it_each_audited()
    {
        var client = await factory.LoggedIn("admin");

        var created = await PostForm(client, "#create-form", "Create", ("Code", "k-xa-moi"), ("TitleVi", "Khối xã mới"), ("TitleEn", "New communes"), ("Reason", "Quyết định 10"));
        Assert.Equal("/Admin/Blocks", created.Headers.Location!.PathOnly());

        var renamed = await PostForm(client, "section[data-block='K-XA-MOI'] form[action*='Rename']", "Rename", ("TitleVi", "Khối xã phía đông"), ("TitleEn", "Eastern communes"), ("Reason", "Quyết định 11"));
        Assert.Equal("/Admin/Blocks", renamed.Headers.Location!.PathOnly());

        var moved = await PostForm(client, "section[data-block='K-XA-CG'] tr[data-unit='CG-PHUKIET'] form", "Move", ("Block", "K-XA-MOI"), ("Reason", "Quyết định 12"));
        Assert.Equal("/Admin/Blocks", moved.Headers.Location!.PathOnly());

        Assert.Equal("K-XA-MOI", await BlockOf("CG-PHUKIET"));
        Assert.Equal("Khối xã phía đông", await factory.WithDb(db => db.Blocks.Where(b => b.Code == "K-XA-MOI").Select(b => b.TitleVi).SingleAsync()));
        var audit = await factory.WithDb(db => db.AuditEntries.Where(a => a.Action.StartsWith("block.")).OrderBy(a => a.Id).Select(a => new { a.Action, a.Who, a.Reason, a.OldValue, a.NewValue }).ToListAsync());
        Assert.Contains(audit, a => a.Action == AuditActions.BlockCreated && a.Who == "admin" && a.Reason == "Quyết định 10");
        Assert.Contains(audit, a => a.Action == AuditActions.BlockRenamed && a.Reason == "Quyết định 11");
        Assert.Contains(audit, a => a.Action == AuditActions.BlockMemberMoved && a.OldValue == "K-XA-CG" && a.NewValue == "K-XA-MOI" && a.Reason == "Quyết định 12");
        var page = await client.GetDocument(Url);
        Assert.Contains("UBND xã Phú Kiết", page.QuerySelector("section[data-block='K-XA-MOI']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_unit_valid_in_the_campaign_is_offered_and_placed_in_a_block()
    {
        var admin = await factory.UserAsync("admin");
        await factory.SendAsync(new Pages.Admin.Units.IndexModel.Add(admin, "CG-TANLAP", "UBND xã Tân Lập", "Tân Lập Commune", "commune", "CHOGAO", new DateOnly(2017, 11, 1)));
        await factory.SendAsync(new Pages.Admin.Units.IndexModel.Add(admin, "CG-SAU", "UBND xã Sau", "Later Commune", "commune", null, new DateOnly(2025, 7, 1)));
        var client = await factory.LoggedIn("admin");
        var page = await client.GetDocument(Url);
        Assert.NotNull(page.QuerySelector("#unplaced tr[data-unit='CG-TANLAP']"));
        Assert.Null(page.QuerySelector("#unplaced tr[data-unit='CG-SAU']"));

        var placed = await PostForm(client, "#unplaced tr[data-unit='CG-TANLAP'] form", "Move", ("Block", "K-XA-CG"), ("Reason", "Thành lập xã mới"));

        Assert.Equal("/Admin/Blocks", placed.Headers.Location!.PathOnly());
        Assert.Equal("K-XA-CG", await BlockOf("CG-TANLAP"));
        var refused = await Assert.ThrowsAsync<DomainException>(async () => await factory.SendAsync(new IndexModel.Move(admin, Campaign, "CG-SAU", "K-XA-CG", "x")));
        Assert.Equal("Blocks.UnitNotValid", refused.Key);
    }

    [Fact]
    public async Task A_unit_of_another_kind_an_existing_code_and_a_missing_reason_are_refused_keeping_what_was_typed()
    {
        var client = await factory.LoggedIn("admin");
        var admin = await factory.UserAsync("admin");

        var again = await PostForm(client, "#create-form", "Create", ("Code", "K-TH"), ("TitleVi", "Khối trùng"), ("TitleEn", "Duplicate"), ("Reason", "x"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var page = await again.ReadDocument();
        Assert.Contains("đã có khối mã K-TH", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Khối trùng", ((IHtmlInputElement)page.QuerySelector("#new-vi")!).Value);

        var kind = await PostForm(client, "section[data-block='K-TH'] tr[data-unit='STP'] form", "Move", ("Block", "K-XA-CG"), ("Reason", "x"));
        Assert.Contains("khác loại với các đơn vị của khối K-XA-CG", (await kind.ReadDocument()).QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("K-TH", await BlockOf("STP"));

        var reason = await Assert.ThrowsAsync<DomainException>(async () => await factory.SendAsync(new IndexModel.Move(admin, Campaign, "STP", "K-KT", " ")));
        Assert.Equal("Units.ReasonRequired", reason.Key);
        Assert.Equal("K-TH", await BlockOf("STP"));
    }

    [Theory]
    [InlineData("NO-SUCH-CAMPAIGN", "STP", "K-KT")]
    [InlineData(Campaign, "NO-SUCH-UNIT", "K-KT")]
    [InlineData(Campaign, "STP", "NO-SUCH-BLOCK")]
    public async Task Forged_campaigns_units_and_blocks_are_404(string campaign, string unit, string block)
    {
        var client = await factory.LoggedIn("admin");
        var page = await client.GetDocument(Url);
        var fields = Forms.Fields((IHtmlFormElement)page.QuerySelector("section[data-block='K-TH'] tr[data-unit='STP'] form")!);
        fields.Set("Unit", unit);
        fields.Set("Block", block);
        fields.Set("Reason", "x");

        var response = await client.Post($"/Admin/Blocks?campaign={campaign}&handler=Move", fields);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/Admin/Blocks?campaign=nope", UriKind.Relative))).StatusCode);
    }
}
