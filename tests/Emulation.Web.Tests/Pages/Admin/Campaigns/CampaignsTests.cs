using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Emulation.Core.Campaigns;
using Emulation.Core.Output;
using Emulation.Core.Units;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Admin.Campaigns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Emulation.Web.Tests.AssessmentSupport;

namespace Emulation.Web.Tests;

/// <summary>/Admin/Campaigns: real multipart uploads with antiforgery, previews, activation and every refusal.</summary>
public sealed class CampaignsTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    private const string Url = "/Admin/Campaigns";

    internal static string Shipped => File.ReadAllText(Path.Combine(TestFolders.ShippedCriteria, "tien-giang-2017.json"));

    internal static string ShippedUnits => File.ReadAllText(Path.Combine(TestFolders.ShippedCriteria, "units", "tien-giang.json"));

    /// <summary>The shipped campaign under another id (same year).</summary>
    internal static string Renamed(string id) => Shipped.Replace("\"id\": \"tien-giang-2017\"", $"\"id\": \"{id}\"", StringComparison.Ordinal);

    internal static async Task<HttpResponseMessage> Upload(HttpClient client, string handler, string fileName, byte[] content)
    {
        var page = await client.GetDocument(Url);
        var form = (IHtmlFormElement)page.QuerySelector(handler == "Campaign" ? "#campaign-form" : "#units-form")!;
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        return await client.Post(form.GetAttribute("action")!, Forms.Fields(form), [("file", fileName, content)]);
    }

    internal static async Task<(IHtmlDocument Page, string Token)> Preview(HttpClient client, string handler, string fileName, string json)
    {
        var response = await Upload(client, handler, fileName, Encoding.UTF8.GetBytes(json));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, (await response.ReadDocument()).QuerySelector("#upload-errors, .errors")?.TextContent);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Admin/Campaigns?upload=", location, StringComparison.Ordinal);
        return (await client.GetDocument(location), location.Split('=')[1]);
    }

    internal static async Task<HttpResponseMessage> Activate(HttpClient client, IHtmlDocument preview, string? reason, bool confirm)
    {
        var form = (IHtmlFormElement)preview.QuerySelector("#activate-form")!;
        var fields = Forms.Fields(form);
        fields.Set("Reason", reason ?? "");
        if (confirm)
        {
            fields.Set("Confirmed", "true");
        }

        return await client.Post(form.GetAttribute("action")!, fields);
    }

    private static string Text(IHtmlDocument page, string selector) => page.QuerySelector(selector)?.TextContent ?? "";

    public static TheoryData<string> Everyone => new() { "admin", "noivu", "chutich", "hoidong1", "stp", "chogao", "chogao.staff" };

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Only_administrators_reach_the_campaigns_page_and_its_handlers(string userName)
    {
        var client = await factory.LoggedIn(userName);

        var response = await client.GetAsync(new Uri(Url, UriKind.Relative));

        if (userName == "admin")
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal("/Account/AccessDenied", response.Headers.Location!.PathOnly());
            var user = await factory.UserAsync(userName);
            await Assert.ThrowsAsync<ForbiddenException>(() => factory.SendAsync(new IndexModel.Check(user, UploadKind.Campaign, "x.json", Encoding.UTF8.GetBytes(Shipped))));
            await Assert.ThrowsAsync<ForbiddenException>(() => factory.SendAsync(new IndexModel.Activate(user, new string('a', 32), "x", true)));
        }
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await factory.CreateBrowserlikeClient().GetAsync(new Uri(Url, UriKind.Relative));

        Assert.Equal("/Account/Login", response.Headers.Location!.PathOnly());
    }

    [Fact]
    public async Task The_list_shows_the_shipped_campaign_in_use_for_its_year_with_its_fingerprint_and_the_admin_page_links_to_it()
    {
        var client = await factory.LoggedIn("admin");

        var page = await client.GetDocument(Url);

        var row = page.QuerySelector("tr[data-campaign='tien-giang-2017']")!;
        Assert.Equal("Active", row.GetAttribute("data-status"));
        var campaign = factory.Services.GetRequiredService<CampaignCatalog>().Find("tien-giang-2017")!;
        Assert.Contains(campaign.Fingerprint[..12], row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Đang dùng cho năm 2017", row.TextContent, StringComparison.Ordinal);
        Assert.NotNull((await client.GetDocument("/Admin")).QuerySelector("a[href='/Admin/Campaigns']"));
    }

    [Fact]
    public async Task A_campaign_file_with_errors_shows_the_lines_emulation_validate_prints_and_nothing_is_kept()
    {
        var client = await factory.LoggedIn("admin");
        var broken = Shipped.Replace("\"deadlineDay\": 5", "\"deadlineDay\": 40", StringComparison.Ordinal)
            .Replace("\"year\": 2017", "\"year\": 1999", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetBytes(broken);
        var uploads = Path.Combine(factory.Folder, "uploads");
        var parked = Directory.Exists(uploads) ? Directory.GetFiles(uploads).Length : 0;

        var response = await Upload(client, "Campaign", "broken.json", bytes);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        using var stream = new MemoryStream(bytes);
        var expected = ValidationReport.ErrorLines(CampaignLoader.Load(stream, "broken.json").Errors);
        Assert.Equal(3, expected.Count);
        Assert.Equal(string.Join("\n", expected), Text(page, "#upload-errors pre.file-errors"));
        Assert.Contains("broken.json:$.deadlineDay: 40 nằm ngoài khoảng 1–31", Text(page, "#upload-errors"), StringComparison.Ordinal);
        Assert.Contains("có lỗi nên không được nhận", Text(page, ".errors"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#activate-form"));
        Assert.Equal(parked, Directory.Exists(uploads) ? Directory.GetFiles(uploads).Length : 0);
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.CampaignUploadRefused && a.Who == "admin" && a.NewValue == "broken.json")));
    }

    public static TheoryData<string, byte[], string> BrokenUploads => new()
    {
        { "anh.json", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "không phải tệp JSON" },
        { "bang.json", Encoding.UTF8.GetBytes("id,title\nx,y\n"), "không phải tệp JSON" },
        { "latin1.json", [.. "{ \"id\": \""u8, 0xE0, 0xE1, .. "\" }"u8], "không phải văn bản UTF-8" },
        { "rong.json", [], "rỗng" },
        { "to.json", [.. "{"u8, .. Enumerable.Repeat((byte)' ', (int)IndexModel.MaxFileBytes), .. "}"u8], "Tệp quá lớn: tối đa 2048 KB" },
        { "units.json", Encoding.UTF8.GetBytes("{ \"units\": [] }"), "tệp đơn vị, không phải tệp chuyên đề" },
    };

    [Theory]
    [MemberData(nameof(BrokenUploads))]
    public async Task A_broken_upload_gets_a_clear_vietnamese_message_never_a_server_error(string fileName, byte[] content, string message)
    {
        var client = await factory.LoggedIn("admin");

        var response = await Upload(client, "Campaign", fileName, content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Contains(message, Text(page, ".errors"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#activate-form"));
    }

    [Fact]
    public async Task A_request_beyond_the_limit_or_a_broken_multipart_body_is_refused_with_the_error_page_not_a_500()
    {
        var client = await factory.LoggedIn("admin");
        var page = await client.GetDocument(Url);
        var form = (IHtmlFormElement)page.QuerySelector("#campaign-form")!;

        var huge = await client.Post(form.GetAttribute("action")!, Forms.Fields(form), [("file", "to.json", new byte[IndexModel.MaxRequestBytes + 1024])]);
        var refusedPage = await huge.Content.ReadAsStringAsync();
        var token = Forms.Fields(form).Single(f => f.Key == "__RequestVerificationToken").Value;
        using var broken = new StringContent($"--b\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.json\"\r\n\r\n{{ \"id\"", Encoding.UTF8);
        broken.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        var cut = await client.PostAsync(new Uri(form.GetAttribute("action")!, UriKind.Relative), broken);
        var empty = await client.Post(form.GetAttribute("action")!, Forms.Fields(form));

        Assert.Contains(huge.StatusCode, new[] { HttpStatusCode.RequestEntityTooLarge, HttpStatusCode.BadRequest });
        Assert.Contains("lang=\"vi", refusedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, cut.StatusCode);
        Assert.Contains("Chưa chọn tệp nào", Text(await empty.ReadDocument(), ".errors"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_units_file_with_errors_shows_the_lines_emulation_validate_prints()
    {
        var client = await factory.LoggedIn("admin");
        var broken = ShippedUnits.Replace("\"kind\": \"commune\"", "\"kind\": \"ward\"", StringComparison.Ordinal);

        var response = await Upload(client, "Units", "don-vi.json", Encoding.UTF8.GetBytes(broken));

        var page = await response.ReadDocument();
        var campaigns = factory.Services.GetRequiredService<CampaignCatalog>().Campaigns;
        var expected = ValidationReport.ErrorLines(OrganisationLoader.Load(broken, "don-vi.json", campaigns).Errors);
        Assert.True(expected.Count > 2);
        Assert.Equal(string.Join("\n", expected), Text(page, "#upload-errors pre.file-errors"));
    }

    [Fact]
    public async Task The_same_file_as_the_campaign_in_use_is_already_active()
    {
        var client = await factory.LoggedIn("admin");

        var (page, token) = await Preview(client, "Campaign", "tien-giang-2017.json", Shipped);

        Assert.Contains("đã được kích hoạt và đang dùng cho năm 2017", Text(page, "#preview"), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#activate-form"));
        var refused = await Assert.ThrowsAsync<DomainException>(() => factory.SendAsync(new IndexModel.Activate(factory.UserAsync("admin").Result, token, "thử", true)));
        Assert.Equal("Campaigns.AlreadyActive", refused.Key);
    }
}

/// <summary>Activations change the application, so each test has its own factory, moving time forward.</summary>
public sealed class CampaignActivationTests
{
    private const string Url = "/Admin/Campaigns";

    private sealed class Restarted(EmulationFactory earlier) : EmulationFactory(earlier, owns: true);

    [Fact]
    public async Task A_campaign_activated_on_one_server_is_used_by_the_other_once_it_follows_the_database()
    {
        using var first = new EmulationFactory();
        using var second = first.SecondServer();
        var client = await first.LoggedIn("admin");
        var other = second.Services.GetRequiredService<CampaignCatalog>(); // the second server is running
        first.Time.Advance(TimeSpan.FromMinutes(5));
        var (page, _) = await CampaignsTests.Preview(client, "Campaign", "tien-giang-2017b.json", CampaignsTests.Renamed("tien-giang-2017b"));
        (await CampaignsTests.Activate(client, page, "Quyết định 123/QĐ-UBND", confirm: true)).Redirected(Url);

        Assert.Equal("tien-giang-2017", other.Current(new DateOnly(2017, 11, 28))!.Id);

        await second.Services.GetRequiredService<CampaignCatalogSync>().RunOnce(CancellationToken.None);

        Assert.Equal("tien-giang-2017b", other.Current(new DateOnly(2017, 11, 28))!.Id);
        Assert.Equal(first.Services.GetRequiredService<CampaignCatalog>().Find("tien-giang-2017b")!.Fingerprint, other.Find("tien-giang-2017b")!.Fingerprint);
        var list = await (await second.LoggedIn("admin")).GetDocument(Url);
        Assert.Equal("Active", list.QuerySelector("tr[data-campaign='tien-giang-2017b']")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task A_new_campaign_is_previewed_confirmed_activated_for_its_year_and_loaded_again_after_a_restart()
    {
        var factory = new EmulationFactory();
        var client = await factory.LoggedIn("admin");
        factory.Time.Advance(TimeSpan.FromMinutes(5));

        var (page, token) = await CampaignsTests.Preview(client, "Campaign", "tien-giang-2017b.json", CampaignsTests.Renamed("tien-giang-2017b"));

        var preview = page.QuerySelector("#preview")!.TextContent;
        Assert.Contains("tien-giang-2017b.json: hợp lệ (valid) — đợt thi đua (campaign) tien-giang-2017b, 2017", preview, StringComparison.Ordinal);
        Assert.Equal(8, page.QuerySelectorAll("table.campaign-areas tbody tr").Length);
        Assert.Equal(4, page.QuerySelectorAll("table.campaign-areas thead th").Length);
        Assert.Contains("Chuyên đề mới «tien-giang-2017b»", preview, StringComparison.Ordinal);
        Assert.Contains("chưa có khối thi đua nào cho chuyên đề «tien-giang-2017b»", page.QuerySelector(".no-blocks")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll("ul.award-rules li"));

        // The confirmation is a step of its own: without the box ticked nothing happens and the preview stays.
        var unconfirmed = await CampaignsTests.Activate(client, page, "Quyết định 123/QĐ-UBND", confirm: false);
        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        var again = await unconfirmed.ReadDocument();
        Assert.Contains("Hãy đánh dấu ô xác nhận", again.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Quyết định 123/QĐ-UBND", ((IHtmlTextAreaElement)again.QuerySelector("#activate-reason")!).Value);
        Assert.Null(await factory.WithDb(db => db.Campaigns.SingleOrDefaultAsync(c => c.Id == "tien-giang-2017b")));

        var done = await CampaignsTests.Activate(client, again, "Quyết định 123/QĐ-UBND", confirm: true);

        done.Redirected(Url);
        var list = await client.GetDocument(Url);
        Assert.Contains("Đã kích hoạt chuyên đề «tien-giang-2017b»", list.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Active", list.QuerySelector("tr[data-campaign='tien-giang-2017b']")!.GetAttribute("data-status"));
        Assert.Equal("Superseded", list.QuerySelector("tr[data-campaign='tien-giang-2017']")!.GetAttribute("data-status"));
        var file = Path.Combine(factory.Folder, "campaigns", "tien-giang-2017b.json");
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        Assert.Empty(Directory.EnumerateFiles(Path.Combine(factory.Folder, "uploads")));
        var catalog = factory.Services.GetRequiredService<CampaignCatalog>();
        Assert.Equal("tien-giang-2017b", catalog.Current(new DateOnly(2017, 11, 28))!.Id);
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.CampaignStored && a.Entity == "campaign:tien-giang-2017b" && a.Who == "admin" && a.Reason == "Quyết định 123/QĐ-UBND")));
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.CampaignActivated && a.OldValue == "tien-giang-2017" && a.Who == "admin")));

        // The next start loads the file from the data folder and keeps using it for 2017.
        factory.LeaveDatabase();
        factory.Dispose();
        using var restarted = new Restarted(factory);
        var reloaded = restarted.Services.GetRequiredService<CampaignCatalog>();
        Assert.Equal(catalog.Find("tien-giang-2017b")!.Fingerprint, reloaded.Find("tien-giang-2017b")!.Fingerprint);
        Assert.Equal("tien-giang-2017b", reloaded.Current(new DateOnly(2017, 11, 28))!.Id);
        var after = await (await restarted.LoggedIn("admin")).GetDocument(Url);
        Assert.Equal("Active", after.QuerySelector("tr[data-campaign='tien-giang-2017b']")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task A_changed_file_of_a_campaign_with_submissions_is_refused_saying_a_new_campaign_id_is_the_way()
    {
        using var factory = new EmulationFactory();
        var unit = await factory.LoggedIn("tanphuoc");
        (await unit.Post(AssessmentSupport.Url("TANPHUOC", 11, "Save"), Forms.Fields(await unit.MonthForm("TANPHUOC", 11)))).Redirected("/Assessments/TANPHUOC/11");
        var client = await factory.LoggedIn("admin");
        var changed = CampaignsTests.Shipped.Replace("\"deadlineDay\": 5", "\"deadlineDay\": 10", StringComparison.Ordinal);

        var (page, token) = await CampaignsTests.Preview(client, "Campaign", "tien-giang-2017.json", changed);

        Assert.Contains("đã có bản tự chấm điểm nên không thể thay thế", page.QuerySelector("#preview")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("hãy đặt mã chuyên đề mới", page.QuerySelector("#preview")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#activate-form"));
        var refused = await Assert.ThrowsAsync<DomainException>(() => factory.SendAsync(new IndexModel.Activate(factory.UserAsync("admin").Result, token, "sửa hạn nộp", true)));
        Assert.Equal("Campaigns.HasSubmissions", refused.Key);
        var stored = await factory.WithDb(db => db.Campaigns.SingleAsync(c => c.Id == "tien-giang-2017"));
        Assert.Equal(factory.Services.GetRequiredService<CampaignCatalog>().Find("tien-giang-2017")!.Fingerprint, stored.Fingerprint);
        Assert.False(File.Exists(Path.Combine(factory.Folder, "campaigns", "tien-giang-2017.json")));
    }

    [Fact]
    public async Task A_units_file_with_a_new_commune_and_the_blocks_of_a_new_campaign_is_activated_through_the_units_import()
    {
        using var factory = new EmulationFactory();
        var client = await factory.LoggedIn("admin");
        factory.Time.Advance(TimeSpan.FromMinutes(5));
        var (campaignPreview, _) = await CampaignsTests.Preview(client, "Campaign", "moi.json", CampaignsTests.Renamed("tien-giang-2017b"));
        (await CampaignsTests.Activate(client, campaignPreview, "chuyên đề mới", confirm: true)).Redirected(Url);
        var shipped = CampaignsTests.ShippedUnits;
        var list = shipped.IndexOf("\"units\": [", StringComparison.Ordinal) + "\"units\": [".Length;
        var units = shipped.Insert(list, """

                    { "code": "CG-MOI", "name": { "vi": "UBND xã Mới", "en": "Mới Commune People's Committee" }, "kind": "commune", "parent": "CHOGAO", "validFrom": "2017-11-01", "validTo": null },
                """)
            .Replace("\"tien-giang-2017\": [", """
                "tien-giang-2017b": [
                    { "code": "K-XA", "title": { "vi": "Khối xã", "en": "Communes block" }, "units": ["CG-MOI", "CG-BINHNINH"] }
                ],
                "tien-giang-2017": [
                """, StringComparison.Ordinal);

        var (page, _) = await CampaignsTests.Preview(client, "Units", "don-vi-2.json", units);

        Assert.NotNull(page.QuerySelector("ul.new-units li[data-unit='CG-MOI']"));
        Assert.Single(page.QuerySelectorAll("ul.new-units li"));
        Assert.Contains("Được thêm", page.QuerySelector("tr[data-block='tien-giang-2017b/K-XA']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Giữ khối đang có", page.QuerySelector("tr[data-block='tien-giang-2017/K-HUYEN']")!.TextContent, StringComparison.Ordinal);

        var done = await CampaignsTests.Activate(client, page, "Nghị quyết sáp nhập", confirm: true);

        Assert.True(done.StatusCode == HttpStatusCode.Redirect, (await done.ReadDocument()).QuerySelector(".errors")?.TextContent);
        Assert.Contains("thêm 1 đơn vị mới và 1 khối", (await client.GetDocument(Url)).QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        var unit = await factory.WithDb(db => db.Units.AsNoTracking().Include(u => u.Parent).SingleAsync(u => u.Code == "CG-MOI"));
        Assert.Equal("CHOGAO", unit.Parent!.Code);
        var block = await factory.WithDb(db => db.Blocks.AsNoTracking().Include(b => b.Memberships).SingleAsync(b => b.CampaignId == "tien-giang-2017b"));
        Assert.Equal(2, block.Memberships.Count);
        Assert.Equal(units, File.ReadAllText(Path.Combine(factory.Folder, "units.json")));
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.UnitImported && a.Who == "admin" && a.NewValue == "CG-MOI")));
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.UnitsFileActivated && a.Who == "admin" && a.Reason == "Nghị quyết sáp nhập")));

        // The units page now reads the activated file: nothing left to import.
        Assert.Null((await client.GetDocument("/Admin/Units")).QuerySelector("#import-form"));
    }
}
