using System.Net;
using AngleSharp.Html.Dom;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Admin.Units;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

/// <summary>Merging and splitting units from a date (/Admin/Units/Reorganise): real form posts, handlers, refusals.</summary>
public sealed class ReorganiseTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    private static readonly DateOnly July2025 = new(2025, 7, 1);

    private static async Task<(HttpClient Client, List<KeyValuePair<string, string>> Fields)> MergeForm(EmulationFactory factory, string unit)
    {
        var client = await factory.LoggedIn("admin");
        var page = await client.GetDocument($"/Admin/Units/Reorganise?unit={unit}");
        return (client, Forms.Fields((IHtmlFormElement)page.QuerySelector("#merge-form")!));
    }

    private Task<int> Successions(string code) =>
        factory.WithDb(db => db.UnitSuccessions.CountAsync(s => s.Predecessor!.Code == code || s.Successor!.Code == code));

    private Task<DateOnly?> End(string code) => factory.WithDb(db => db.Units.Where(u => u.Code == code).Select(u => u.ValidTo).SingleAsync());

    [Fact]
    public async Task An_administrator_merges_two_communes_from_1_July_2025_into_a_new_commune_and_the_tree_shows_the_succession()
    {
        var (client, fields) = await MergeForm(factory, "CG-BINHNINH");
        Assert.Equal("CG-BINHNINH", Assert.Single(fields, f => f.Key == "Merge.Units").Value);
        fields.Add(new("Merge.Units", "CG-BINHPHAN"));
        fields.Set("Merge.Date", "2025-07-01");
        fields.Set("Merge.Code", "X-BINHNINHPHAN");
        fields.Set("Merge.NameVi", "UBND xã Bình Ninh Phan");
        fields.Set("Merge.NameEn", "Bình Ninh Phan Commune People's Committee");
        fields.Set("Merge.Kind", "commune");
        fields.Set("Merge.Parent", "");
        fields.Set("Merge.Reason", "Nghị quyết 1234/NQ-UBTVQH15");
        fields.Set("Merge.Confirmed", "true");

        var response = await client.Post("/Admin/Units/Reorganise?handler=Merge", fields);

        Assert.Equal("/Admin/Units", response.Headers.Location!.PathOnly());
        var merged = await factory.WithDb(db => db.Units.AsNoTracking().SingleAsync(u => u.Code == "X-BINHNINHPHAN"));
        Assert.Equal((July2025, (DateOnly?)null, (int?)null, "commune"), (merged.ValidFrom!.Value, merged.ValidTo, merged.ParentId, merged.KindCode));
        Assert.Equal(new DateOnly(2025, 6, 30), await End("CG-BINHNINH"));
        Assert.Equal(new DateOnly(2025, 6, 30), await End("CG-BINHPHAN"));
        var lines = await factory.WithDb(db => db.UnitSuccessions.AsNoTracking().Where(s => s.SuccessorId == merged.Id).Select(s => new { s.Predecessor!.Code, s.Kind, s.EffectiveFrom, s.Reason, s.Who }).ToListAsync());
        Assert.Equal(["CG-BINHNINH", "CG-BINHPHAN"], lines.Select(l => l.Code).Order(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.Equal((SuccessionKind.Merge, July2025, "Nghị quyết 1234/NQ-UBTVQH15", "admin"), (l.Kind, l.EffectiveFrom, l.Reason, l.Who)));
        Assert.Equal(2, await factory.WithDb(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.UnitMerged && a.Who == "admin" && a.Reason == "Nghị quyết 1234/NQ-UBTVQH15")));
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.UnitAdded && a.Entity == "unit:X-BINHNINHPHAN")));

        var tree = await client.GetDocument("/Admin/Units");
        Assert.Contains("Sáp nhập vào UBND xã Bình Ninh Phan (X-BINHNINHPHAN) từ ngày 01/07/2025", tree.QuerySelector("tr[data-unit='CG-BINHNINH']")!.TextContent, StringComparison.Ordinal);
        var successor = tree.QuerySelector("tr[data-unit='X-BINHNINHPHAN']")!.TextContent;
        Assert.Contains("Hợp nhất từ", successor, StringComparison.Ordinal);
        Assert.Contains("UBND xã Bình Ninh (CG-BINHNINH)", successor, StringComparison.Ordinal);
        Assert.Contains("UBND xã Bình Phan (CG-BINHPHAN)", successor, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_merge_into_a_unit_that_has_ended_is_refused_keeping_what_was_typed_and_nothing_changes()
    {
        var (client, fields) = await MergeForm(factory, "CG-HOATINH");
        fields.Add(new("Merge.Units", "CG-LONGBINHDIEN"));
        fields.Set("Merge.Date", "2025-07-01");
        fields.Set("Merge.Into", "existing");
        fields.Set("Merge.Successor", "CG-HOADINH");
        fields.Set("Merge.Reason", "Quyết định 99");
        fields.Set("Merge.Confirmed", "true");

        var response = await client.Post("/Admin/Units/Reorganise?handler=Merge", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Contains("Đơn vị CG-HOADINH không hoạt động vào ngày 01/07/2025", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Quyết định 99", ((IHtmlInputElement)page.QuerySelector("#merge-reason")!).Value);
        Assert.True(((IHtmlInputElement)page.QuerySelector("#merge-form input[value='CG-LONGBINHDIEN']")!).IsChecked);
        Assert.Equal(0, await Successions("CG-HOATINH"));
        Assert.Equal(new DateOnly(2025, 6, 30), await End("CG-HOATINH"));
    }

    [Fact]
    public async Task A_merge_into_an_existing_unit_valid_on_the_date_is_taken()
    {
        var admin = await factory.UserAsync("admin");
        await factory.SendAsync(new IndexModel.Add(admin, "X-TRUNGXUAN", "UBND xã Trung Xuân", "Trung Xuân Commune", "commune", null, July2025));

        var into = await factory.SendAsync(new ReorganiseModel.MergeUnits(admin, ["CG-TRUNGHOA", "CG-XUANDONG"], July2025, "X-TRUNGXUAN", null, "Nghị quyết 5", true));

        Assert.Equal("X-TRUNGXUAN", into);
        Assert.Equal(2, await Successions("X-TRUNGXUAN"));
        Assert.Null(await End("X-TRUNGXUAN"));
    }

    [Fact]
    public async Task A_new_code_that_exists_is_refused_and_nothing_is_stored()
    {
        var admin = await factory.UserAsync("admin");

        var refused = await Assert.ThrowsAsync<DomainException>(async () => await factory.SendAsync(new ReorganiseModel.MergeUnits(admin, ["CG-MYTINHAN", "CG-PHUKIET"], July2025, null,
            new NewUnit("cg-phukiet", "UBND xã Phú Kiết", "Phú Kiết", "commune", null), "Nghị quyết 7", true)));

        Assert.Equal("Units.CodeExists", refused.Key);
        Assert.Equal(0, await Successions("CG-MYTINHAN"));
        Assert.Equal(new DateOnly(2025, 6, 30), await End("CG-MYTINHAN"));
    }

    [Fact]
    public async Task A_split_with_no_successor_is_refused_and_a_split_into_two_new_communes_is_taken()
    {
        var client = await factory.LoggedIn("admin");
        var page = await client.GetDocument("/Admin/Units/Reorganise?unit=CG-QUONLONG");
        var fields = Forms.Fields((IHtmlFormElement)page.QuerySelector("#split-form")!);
        Assert.Equal("CG-QUONLONG", fields.Single(f => f.Key == "Split.Unit").Value);
        fields.Set("Split.Date", "2025-07-01");
        fields.Set("Split.Reason", "Quyết định 8");
        fields.Set("Split.Confirmed", "true");

        var refused = await client.Post("/Admin/Units/Reorganise?handler=Split", fields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Chưa có đơn vị kế thừa", (await refused.ReadDocument()).QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Successions("CG-QUONLONG"));

        fields.Set("Split.New[0].Code", "X-QUONLONG-A");
        fields.Set("Split.New[0].NameVi", "UBND xã Quơn Long A");
        fields.Set("Split.New[0].NameEn", "Quơn Long A Commune");
        fields.Set("Split.New[1].Code", "X-QUONLONG-B");
        fields.Set("Split.New[1].NameVi", "UBND xã Quơn Long B");
        fields.Set("Split.New[1].NameEn", "Quơn Long B Commune");
        fields.Set("Split.Kind", "commune");

        var response = await client.Post("/Admin/Units/Reorganise?handler=Split", fields);

        Assert.Equal("/Admin/Units", response.Headers.Location!.PathOnly());
        var lines = await factory.WithDb(db => db.UnitSuccessions.Where(s => s.Predecessor!.Code == "CG-QUONLONG").Select(s => new { s.Successor!.Code, s.Kind, s.Successor.ValidFrom }).ToListAsync());
        Assert.Equal(["X-QUONLONG-A", "X-QUONLONG-B"], lines.Select(l => l.Code).Order(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.Equal((SuccessionKind.Split, (DateOnly?)July2025), (l.Kind, l.ValidFrom)));
        var tree = await client.GetDocument("/Admin/Units?q=quon long");
        Assert.Contains("Tách thành", tree.QuerySelector("tr[data-unit='CG-QUONLONG']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tách ra từ UBND xã Quơn Long (CG-QUONLONG)", tree.QuerySelector("tr[data-unit='X-QUONLONG-A']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_reason_a_missing_confirmation_one_unit_and_a_unit_already_merged_are_refused()
    {
        var admin = await factory.UserAsync("admin");
        NewUnit Fresh(string code) => new(code, "UBND xã Mới", "New Commune", "commune", null);
        async Task<string> Refused(ReorganiseModel.MergeUnits merge) => (await Assert.ThrowsAsync<DomainException>(async () => await factory.SendAsync(merge))).Key;

        Assert.Equal("Units.ReasonRequired", await Refused(new(admin, ["CG-SONGBINH", "CG-TANBINHTHANH"], July2025, null, Fresh("X-A"), "  ", true)));
        Assert.Equal("Succession.ConfirmRequired", await Refused(new(admin, ["CG-SONGBINH", "CG-TANBINHTHANH"], July2025, null, Fresh("X-A"), "Lý do", false)));
        Assert.Equal("Succession.MergeNeedsTwo", await Refused(new(admin, ["CG-SONGBINH", "CG-SONGBINH"], July2025, null, Fresh("X-A"), "Lý do", true)));
        Assert.Equal("Units.DateRequired", await Refused(new(admin, ["CG-SONGBINH", "CG-TANBINHTHANH"], null, null, Fresh("X-A"), "Lý do", true)));
        Assert.Equal("Succession.PredecessorNotValid", await Refused(new(admin, ["CG-SONGBINH", "CG-TANBINHTHANH"], new DateOnly(2025, 9, 1), null, Fresh("X-A"), "Lý do", true)));
        Assert.Equal("Succession.NoSuccessor",
            (await Assert.ThrowsAsync<DomainException>(async () => await factory.SendAsync(new ReorganiseModel.SplitUnit(admin, "CG-SONGBINH", July2025, [new NewUnit("", " ", "", "commune", null)], "Lý do", true)))).Key);

        await factory.SendAsync(new ReorganiseModel.MergeUnits(admin, ["CG-SONGBINH", "CG-TANBINHTHANH"], July2025, null, Fresh("X-SONGTAN"), "Lý do", true));
        Assert.Equal("Succession.AlreadySucceeded", await Refused(new(admin, ["CG-SONGBINH", "CG-THANHBINH"], July2025, null, Fresh("X-B"), "Lý do", true)));
        Assert.Equal(0, await Successions("CG-THANHBINH"));
    }

    [Fact]
    public async Task A_merge_that_would_leave_a_begun_month_without_its_unit_is_refused()
    {
        await factory.SubmitAsChoGao(10);
        var admin = await factory.UserAsync("admin");

        var refused = await Assert.ThrowsAsync<DomainException>(async () => await factory.SendAsync(new ReorganiseModel.MergeUnits(admin, ["CHOGAO", "GOCONGTAY"],
            new DateOnly(2017, 10, 1), null, new NewUnit("X-CGGCT", "UBND huyện Mới", "New District", "district", null), "Lý do", true)));

        Assert.Equal("Units.HasLaterMonths", refused.Key);
        Assert.Equal(new DateOnly(2025, 6, 30), await End("GOCONGTAY"));
    }

    [Fact]
    public async Task Forged_codes_are_404()
    {
        var admin = await factory.UserAsync("admin");
        await Assert.ThrowsAsync<NotFoundException>(async () => await factory.SendAsync(new ReorganiseModel.MergeUnits(admin, ["CG-ANTHANHTHUY", "NOPE"], July2025, null,
            new NewUnit("X-N", "A", "B", "commune", null), "Lý do", true)));
        await Assert.ThrowsAsync<NotFoundException>(async () => await factory.SendAsync(new ReorganiseModel.MergeUnits(admin, ["CG-ANTHANHTHUY", "CG-DANGHUNGPHUOC"], July2025, new string('X', 500),
            null, "Lý do", true)));

        var (client, fields) = await MergeForm(factory, "CG-ANTHANHTHUY");
        fields.Add(new("Merge.Units", "NO-SUCH-UNIT"));
        fields.Set("Merge.Reason", "Lý do");
        fields.Set("Merge.Confirmed", "true");
        var response = await client.Post("/Admin/Units/Reorganise?handler=Merge", fields);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(new DateOnly(2025, 6, 30), await End("CG-ANTHANHTHUY"));
    }

    [Theory]
    [InlineData("noivu")]
    [InlineData("chogao")]
    [InlineData("hoidong1")]
    [InlineData("chutich")]
    public async Task Only_administrators_reorganise_units_and_blocks(string person)
    {
        var client = await factory.LoggedIn(person);
        foreach (var url in new[] { "/Admin/Units/Reorganise", "/Admin/Blocks", "/Admin/Blocks?campaign=tien-giang-2017" })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal("/Account/AccessDenied", response.Headers.Location!.PathOnly());
        }

        var user = await factory.UserAsync(person);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await factory.SendAsync(new ReorganiseModel.MergeUnits(user, ["CG-HOATINH", "CG-HOADINH"], July2025, null, new NewUnit("X", "A", "B", "commune", null), "x", true)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await factory.SendAsync(new ReorganiseModel.SplitUnit(user, "CG-HOATINH", July2025, [new NewUnit("X", "A", "B", "commune", null)], "x", true)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await factory.SendAsync(new Pages.Admin.Blocks.IndexModel.Query(user, "tien-giang-2017")));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await factory.SendAsync(new Pages.Admin.Blocks.IndexModel.Create(user, "tien-giang-2017", "K-X", "A", "B", "x")));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await factory.SendAsync(new Pages.Admin.Blocks.IndexModel.Rename(user, "tien-giang-2017", "K-TH", "A", "B", "x")));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await factory.SendAsync(new Pages.Admin.Blocks.IndexModel.Move(user, "tien-giang-2017", "STP", "K-KT", "x")));
        Assert.Equal(0, await Successions("CG-HOADINH"));
    }
}
