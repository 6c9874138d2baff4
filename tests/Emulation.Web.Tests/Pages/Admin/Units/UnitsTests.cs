using System.Net;
using AngleSharp.Html.Dom;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Admin.Units;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

public sealed class UnitsTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    private static async Task<HttpResponseMessage> PostForm(HttpClient client, string formSelector, string handler, params (string Name, string Value)[] values)
    {
        var page = await client.GetDocument("/Admin/Units");
        var fields = Forms.Fields((IHtmlFormElement)page.QuerySelector(formSelector)!);
        foreach (var (name, value) in values)
        {
            fields.Set(name, value);
        }

        return await client.Post($"/Admin/Units?handler={handler}", fields);
    }

    [Fact]
    public async Task The_tree_groups_communes_under_their_district_with_departments_beside_and_a_search_opens_what_matches()
    {
        var client = await factory.LoggedIn("admin");

        var page = await client.GetDocument("/Admin/Units");

        var chogao = page.QuerySelector("details.unit-group[data-group='CHOGAO']")!;
        Assert.Null(chogao.GetAttribute("open"));
        Assert.NotNull(chogao.QuerySelector("tr[data-unit='CG-BINHNINH']"));
        Assert.NotNull(page.QuerySelector("details.unit-group tr[data-unit='STP']"));
        Assert.True(page.QuerySelectorAll("details.unit-group").Length >= 3);

        var found = await client.GetDocument("/Admin/Units?q=binh ninh");
        var groups = found.QuerySelectorAll("details.unit-group");
        Assert.All(groups, g => Assert.NotNull(g.GetAttribute("open")));
        Assert.Contains(found.QuerySelectorAll("tr[data-unit]"), r => r.GetAttribute("data-unit") == "CG-BINHNINH");
        Assert.DoesNotContain(found.QuerySelectorAll("tr[data-unit]"), r => r.GetAttribute("data-unit") == "STP");
    }

    [Fact]
    public async Task An_administrator_adds_a_commune_and_a_second_one_with_the_same_code_is_refused_keeping_what_was_typed()
    {
        var client = await factory.LoggedIn("admin");

        var response = await PostForm(client, "#add-form", "Add", ("Code", "CG-MOI"), ("NameVi", "UBND xã Mới"), ("NameEn", "Mới Commune"),
            ("Kind", "commune"), ("Parent", "CHOGAO"), ("Date", "2017-11-01"));

        Assert.Equal("/Admin/Units", response.Headers.Location!.OriginalString.Split('?')[0]);
        var unit = await factory.WithDb(db => db.Units.AsNoTracking().Include(u => u.Parent).SingleAsync(u => u.Code == "CG-MOI"));
        Assert.Equal(("UBND xã Mới", "CHOGAO", new DateOnly(2017, 11, 1)), (unit.NameVi, unit.Parent!.Code, unit.ValidFrom!.Value));
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.UnitAdded && a.Entity == "unit:CG-MOI" && a.Who == "admin")));

        var again = await PostForm(client, "#add-form", "Add", ("Code", "cg-moi"), ("NameVi", "UBND xã Mới 2"), ("NameEn", "x"), ("Kind", "commune"), ("Date", "2017-11-01"));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var page = await again.ReadDocument();
        Assert.Contains("Đã có đơn vị mã CG-MOI", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("UBND xã Mới 2", ((IHtmlInputElement)page.QuerySelector("#add-vi")!).Value);
    }

    [Theory]
    [InlineData("", "Mã đơn vị chỉ gồm")]
    [InlineData("CÓ DẤU", "Mã đơn vị chỉ gồm")]
    public async Task A_bad_code_is_refused(string code, string message)
    {
        var refused = await Assert.ThrowsAsync<DomainException>(async () =>
            await factory.SendAsync(new IndexModel.Add(await factory.UserAsync("admin"), code, "A", "B", "commune", "CHOGAO", null)));

        Assert.Equal("Units.BadCode", refused.Key);
        Assert.NotEmpty(message);
    }

    [Fact]
    public async Task A_unit_under_a_parent_that_has_ended_is_refused()
    {
        var refused = await Assert.ThrowsAsync<DomainException>(async () =>
            await factory.SendAsync(new IndexModel.Add(await factory.UserAsync("admin"), "CG-SAU2025", "A", "B", "commune", "CHOGAO", new DateOnly(2025, 7, 1))));

        Assert.Equal("Units.ParentEnded", refused.Key);
    }

    [Fact]
    public async Task Renaming_changes_both_names_and_is_audited_with_the_reason()
    {
        var client = await factory.LoggedIn("admin");

        var response = await PostForm(client, "tr[data-unit='CG-BINHPHUCNHUT'] form[action*='Rename']", "Rename",
            ("NameVi", "UBND xã Bình Phục Nhứt"), ("NameEn", "Bình Phục Nhứt Commune People's Committee"), ("Reason", "Quyết định 12/QĐ-UBND"));

        Assert.Equal("/Admin/Units", response.Headers.Location!.OriginalString.Split('?')[0]);
        Assert.Equal("UBND xã Bình Phục Nhứt", await factory.WithDb(db => db.Units.Where(u => u.Code == "CG-BINHPHUCNHUT").Select(u => u.NameVi).SingleAsync()));
        var audit = await factory.WithDb(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.UnitRenamed && a.Entity == "unit:CG-BINHPHUCNHUT"));
        Assert.Equal("Quyết định 12/QĐ-UBND", audit.Reason);
    }

    [Fact]
    public async Task Ending_a_unit_before_a_month_it_has_begun_is_refused_and_a_later_day_is_taken()
    {
        await factory.SubmitAsChoGao(10);
        var admin = await factory.UserAsync("admin");

        var refused = await Assert.ThrowsAsync<DomainException>(async () =>
            await factory.SendAsync(new IndexModel.End(admin, "CHOGAO", new DateOnly(2017, 9, 30), "Sáp nhập")));
        Assert.Equal("Units.HasLaterMonths", refused.Key);

        var unknown = await Assert.ThrowsAsync<NotFoundException>(async () =>
            await factory.SendAsync(new IndexModel.End(admin, "NOPE", new DateOnly(2017, 9, 30), "x")));
        Assert.NotNull(unknown);

        // Chợ Gạo already ends on 30/06/2025 (units file): ending again later is refused, earlier is taken.
        var again = await Assert.ThrowsAsync<DomainException>(async () =>
            await factory.SendAsync(new IndexModel.End(admin, "CHOGAO", new DateOnly(2025, 12, 31), "x")));
        Assert.Equal("Unit.AlreadyEnded", again.Key);
        await factory.SendAsync(new IndexModel.End(admin, "CHOGAO", new DateOnly(2024, 12, 31), "Sáp nhập"));
        Assert.Equal(new DateOnly(2024, 12, 31), await factory.WithDb(db => db.Units.Where(u => u.Code == "CHOGAO").Select(u => u.ValidTo).SingleAsync()));
    }

    [Theory]
    [InlineData("noivu")]
    [InlineData("chogao")]
    [InlineData("hoidong1")]
    public async Task Only_administrators_reach_the_units(string person)
    {
        var response = await (await factory.LoggedIn(person)).GetAsync(new Uri("/Admin/Units", UriKind.Relative));
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.PathOnly());

        var user = await factory.UserAsync(person);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await factory.SendAsync(new IndexModel.Rename(user, "STP", "A", "B", null)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await factory.SendAsync(new IndexModel.End(user, "STP", new DateOnly(2025, 1, 1), null)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await factory.SendAsync(new IndexModel.Add(user, "X", "A", "B", "commune", null, null)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await factory.SendAsync(new IndexModel.ImportFromFile(user, ["X"])));
    }
}

public sealed class UnitsFileTests
{
    [Fact]
    public async Task A_unit_added_to_the_file_after_the_first_start_is_offered_for_import_and_its_block_shown_as_an_error_until_imported()
    {
        var criteria = TestFolders.CopyOfCriteria();
        using var factory = new CriteriaFactory(criteria);
        var client = await factory.LoggedIn("admin");
        Assert.Null((await client.GetDocument("/Admin/Units")).QuerySelector("#import-form"));

        var file = Path.Combine(criteria, "units", "tien-giang.json");
        var text = await File.ReadAllTextAsync(file);
        text = text.Replace("units.schema.json\",\n  \"units\": [\n", "units.schema.json\",\n  \"units\": [\n    { \"code\": \"SMOI\", \"name\": { \"vi\": \"Sở Mới\", \"en\": \"New Department\" }, \"kind\": \"department\", \"parent\": null, \"validFrom\": \"2017-01-01\", \"validTo\": null },\n", StringComparison.Ordinal)
            .Replace("\"units\": [\"VPUB\", ", "\"units\": [\"SMOI\", \"VPUB\", ", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, text);

        var page = await client.GetDocument("/Admin/Units");
        Assert.True(page.QuerySelector(".file-errors") is null, page.QuerySelector(".file-errors")?.TextContent);
        Assert.Contains("SMOI", page.QuerySelector("#import-form")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("khối K-TH: không có đơn vị SMOI", page.QuerySelector(".block-errors")!.TextContent, StringComparison.Ordinal);

        var response = await client.Post("/Admin/Units?handler=Import", Forms.Fields((IHtmlFormElement)page.QuerySelector("#import-form")!));

        Assert.Equal("/Admin/Units", response.Headers.Location!.OriginalString.Split('?')[0]);
        page = await client.GetDocument("/Admin/Units");
        Assert.Null(page.QuerySelector("#import-form"));
        Assert.Null(page.QuerySelector(".block-errors"));
        Assert.Equal("Sở Mới", await factory.WithDb(db => db.Units.Where(u => u.Code == "SMOI").Select(u => u.NameVi).SingleAsync()));
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.UnitImported && a.NewValue == "SMOI")));
    }

    private sealed class CriteriaFactory(string criteria) : EmulationFactory
    {
        public override string CriteriaDirectory => criteria;
    }
}
