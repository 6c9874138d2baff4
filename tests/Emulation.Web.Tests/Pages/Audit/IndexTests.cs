using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Audit;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

public sealed class AuditIndexTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    // The test class shares one database: every test writes lines under its own person or action and filters by it.
    private static readonly DateTime Noon = new(2017, 6, 15, 5, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_audit_page_shows_the_latest_logins_with_their_label()
    {
        var client = await factory.LoggedIn("noivu");

        var page = await client.GetDocument("/Audit");

        Assert.Contains(Rows(page), row => Cell(row, 1) == "noivu" && Cell(row, 2) == "Đăng nhập");
    }

    [Fact]
    public async Task A_line_shows_its_Vietnam_time_who_action_entity_change_and_reason()
    {
        var unit = await UnitId("CHOGAO");
        await Write(AuditEntry.Create(new DateTime(2017, 11, 20, 17, 5, 0, DateTimeKind.Utc), "line-shape", "entry.adjusted",
            "submission:tien-giang-2017/CHOGAO/11/1.2.1", "3 / 10", "4 / 10", "Báo cáo số 12", unit, 11));
        var client = await factory.LoggedIn("noivu");

        var row = Rows(await client.GetDocument("/Audit?who=line-shape")).Single();

        Assert.Equal("21/11/2017 00:05", Cell(row, 0));
        Assert.Equal("2017-11-20T17:05:00Z", row.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("line-shape", Cell(row, 1));
        Assert.Equal("Điều chỉnh khi thẩm định", Cell(row, 2));
        Assert.Equal("submission:tien-giang-2017/CHOGAO/11/1.2.1", Cell(row, 3));
        Assert.Equal("3 / 10", row.QuerySelector("td.change .old")!.TextContent.Trim());
        Assert.Equal("4 / 10", row.QuerySelector("td.change .new")!.TextContent.Trim());
        Assert.Equal("Báo cáo số 12", Cell(row, 5));
    }

    [Fact]
    public async Task Filters_by_unit_and_keeps_the_unit_chosen()
    {
        var chogao = await UnitId("CHOGAO");
        var tanphuoc = await UnitId("TANPHUOC");
        await Write(
            AuditEntry.Create(Noon, "by-unit", "entry.changed", "submission:tien-giang-2017/CHOGAO/6/1.1", "1", "2", null, chogao, 6),
            AuditEntry.Create(Noon, "by-unit", "entry.changed", "submission:tien-giang-2017/TANPHUOC/6/1.1", "1", "2", null, tanphuoc, 6),
            AuditEntry.Create(Noon, "by-unit", "login.succeeded", "user:by-unit", null, null, null));
        var client = await factory.LoggedIn("admin");

        var page = await client.GetDocument("/Audit?unit=CHOGAO&who=by-unit");

        Assert.Equal(["submission:tien-giang-2017/CHOGAO/6/1.1"], Rows(page).Select(r => Cell(r, 3)));
        var selected = page.QuerySelector<IHtmlSelectElement>("select[name=unit]")!.SelectedOptions.Single();
        Assert.Equal("CHOGAO", selected.Value);
        Assert.Contains("Chợ Gạo", selected.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_by_month()
    {
        var chogao = await UnitId("CHOGAO");
        await Write(
            AuditEntry.Create(Noon, "by-month", "submission.submitted", "submission:tien-giang-2017/CHOGAO/10", "Draft", "Submitted", null, chogao, 10),
            AuditEntry.Create(Noon, "by-month", "submission.submitted", "submission:tien-giang-2017/CHOGAO/11", "Draft", "Submitted", null, chogao, 11),
            AuditEntry.Create(Noon, "by-month", "month.published", "campaign:tien-giang-2017/month:11", null, "1", null, null, 11));
        var client = await factory.LoggedIn("noivu");

        var page = await client.GetDocument("/Audit?month=11&who=by-month");

        Assert.Equal(["campaign:tien-giang-2017/month:11", "submission:tien-giang-2017/CHOGAO/11"], Rows(page).Select(r => Cell(r, 3)));
        Assert.Equal("11", page.QuerySelector<IHtmlSelectElement>("select[name=month]")!.Value);
        var submitted = Rows(page)[1];
        // A submission's status reads in the reader's language (the CSV keeps the stored name).
        Assert.Equal(("Bản nháp", "Đã nộp"), (submitted.QuerySelector(".old")!.TextContent.Trim(), submitted.QuerySelector(".new")!.TextContent.Trim()));
    }

    [Fact]
    public async Task Filters_by_person_exactly_or_by_the_start_of_the_name_with_a_star()
    {
        await Write(
            AuditEntry.Create(Noon, "who-a", "login.succeeded", "user:who-a", null, null, null),
            AuditEntry.Create(Noon, "who-ab", "login.succeeded", "user:who-ab", null, null, null),
            AuditEntry.Create(Noon, "whO-b", "login.failed", "user:whO-b", null, null, null));
        var client = await factory.LoggedIn("noivu");

        var exact = await client.GetDocument("/Audit?who=who-a");
        var prefix = await client.GetDocument("/Audit?who=" + Uri.EscapeDataString("who-a*"));
        var wider = await client.GetDocument("/Audit?who=" + Uri.EscapeDataString("who*"));

        Assert.Equal(["who-a"], Rows(exact).Select(r => Cell(r, 1)));
        Assert.Equal(["who-ab", "who-a"], Rows(prefix).Select(r => Cell(r, 1)));
        Assert.Equal(["who-ab", "who-a"], Rows(wider).Select(r => Cell(r, 1)));
        Assert.Equal("who-a*", prefix.QuerySelector<IHtmlInputElement>("input[name=who]")!.Value);
    }

    [Fact]
    public async Task Filters_by_action_and_offers_the_actions_present_with_their_labels()
    {
        await Write(
            AuditEntry.Create(Noon, "by-action", "test.brand-new", "x:1", null, null, null),
            AuditEntry.Create(Noon, "by-action", "delegation.granted", "unit:CHOGAO/user:chogao.staff", null, "may submit", null));
        var client = await factory.LoggedIn("noivu");

        var page = await client.GetDocument("/Audit?act=delegation.granted&who=by-action");

        var row = Rows(page).Single();
        Assert.Equal("Ủy quyền nộp bản tự chấm điểm", Cell(row, 2));
        var options = page.QuerySelector<IHtmlSelectElement>("select[name=act]")!.Options.ToDictionary(o => o.Value, o => o.TextContent);
        Assert.Equal("test.brand-new", options["test.brand-new"]);
        Assert.Equal("Đăng nhập", options["login.succeeded"]);
        Assert.Equal("Khởi tạo danh sách đơn vị", options["units.seeded"]);
        Assert.DoesNotContain("submission.verified", options.Keys);
        Assert.Equal("delegation.granted", page.QuerySelector<IHtmlSelectElement>("select[name=act]")!.Value);

        var unknown = Rows(await client.GetDocument("/Audit?act=test.brand-new")).Single();
        Assert.Equal("test.brand-new", unknown.QuerySelector("td:nth-child(3) code")!.TextContent);
    }

    [Fact]
    public async Task Filters_by_Vietnam_dates_from_the_first_to_the_last_minute_of_the_days()
    {
        await Write(
            AuditEntry.Create(new DateTime(2017, 3, 31, 16, 59, 0, DateTimeKind.Utc), "by-date", "login.succeeded", "31/03 23:59", null, null, null),
            AuditEntry.Create(new DateTime(2017, 3, 31, 17, 0, 0, DateTimeKind.Utc), "by-date", "login.succeeded", "01/04 00:00", null, null, null),
            AuditEntry.Create(new DateTime(2017, 4, 30, 16, 59, 0, DateTimeKind.Utc), "by-date", "login.succeeded", "30/04 23:59", null, null, null),
            AuditEntry.Create(new DateTime(2017, 4, 30, 17, 0, 0, DateTimeKind.Utc), "by-date", "login.succeeded", "01/05 00:00", null, null, null));
        var client = await factory.LoggedIn("noivu");

        var april = await client.GetDocument("/Audit?who=by-date&from=2017-04-01&to=2017-04-30");
        var typed = await client.GetDocument("/Audit?who=by-date&from=" + Uri.EscapeDataString("30/4/2017"));

        Assert.Equal(["30/04 23:59", "01/04 00:00"], Rows(april).Select(r => Cell(r, 3)));
        Assert.Equal("2017-04-01", april.QuerySelector<IHtmlInputElement>("input[name=from]")!.Value);
        Assert.Equal(["01/05 00:00", "30/04 23:59"], Rows(typed).Select(r => Cell(r, 3)));
    }

    [Fact]
    public async Task Pages_hold_fifty_lines_newest_first_with_links_that_keep_the_filters()
    {
        await Write([.. Enumerable.Range(1, 120).Select(i =>
            AuditEntry.Create(Noon.AddMinutes(i), "pager", "entry.changed", $"line:{i:000}", null, null, null, null, 3))]);
        var client = await factory.LoggedIn("noivu");

        var first = await client.GetDocument("/Audit?who=pager&month=3");

        Assert.Equal(Enumerable.Range(71, 50).Reverse().Select(i => $"line:{i:000}"), Rows(first).Select(r => Cell(r, 3)));
        Assert.Contains("120 dòng khớp bộ lọc", first.QuerySelector("#lines-heading")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("trang 1/3", Pager(first).QuerySelector("[aria-current=page]")!.TextContent);
        Assert.Null(Pager(first).QuerySelector("a[rel=prev]"));
        var next = Query(Pager(first).QuerySelector("a[rel=next]")!);
        Assert.Equal(("pager", "3", "2"), (next["who"].ToString(), next["month"].ToString(), next["p"].ToString()));

        var second = await client.GetDocument(Pager(first).QuerySelector("a[rel=next]")!.GetAttribute("href")!);
        Assert.Equal("line:070", Cell(Rows(second)[0], 3));
        var previous = Query(Pager(second).QuerySelector("a[rel=prev]")!);
        Assert.Equal(("pager", "3", false), (previous["who"].ToString(), previous["month"].ToString(), previous.ContainsKey("p")));

        var last = await client.GetDocument("/Audit?who=pager&month=3&p=3");
        Assert.Equal(Enumerable.Range(1, 20).Reverse().Select(i => $"line:{i:000}"), Rows(last).Select(r => Cell(r, 3)));
        Assert.Null(Pager(last).QuerySelector("a[rel=next]"));

        var beyond = await client.GetDocument("/Audit?who=pager&month=3&p=99");
        Assert.Equal(Rows(last).Select(r => Cell(r, 3)), Rows(beyond).Select(r => Cell(r, 3)));
        Assert.Contains("Không có trang 99", beyond.QuerySelector("main .flash")!.TextContent, StringComparison.Ordinal);

        Assert.Equal("line:120", Cell(Rows(await client.GetDocument("/Audit?who=pager&p=abc"))[0], 3));
    }

    [Fact]
    public async Task A_filter_nothing_matches_says_so()
    {
        var client = await factory.LoggedIn("noivu");

        var page = await client.GetDocument("/Audit?who=nobody-at-all");

        Assert.Empty(page.QuerySelectorAll("table.audit-lines"));
        Assert.Contains("Không có dòng nào khớp bộ lọc.", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("nav.pager"));
    }

    [Theory]
    [InlineData("month=13", "month", "Tháng “13” không hợp lệ")]
    [InlineData("month=abc", "month", "Tháng “abc” không hợp lệ")]
    [InlineData("unit=NOPE", "unit", "Không có đơn vị mã “NOPE”")]
    [InlineData("act=%3Cscript%3E", "act", "Nhật ký không có thao tác “<script>”")]
    [InlineData("from=2017-02-30", "from", "“Từ ngày” không hợp lệ: “2017-02-30”")]
    [InlineData("to=h%C3%B4m-qua", "to", "“Đến ngày” không hợp lệ: “hôm-qua”")]
    [InlineData("from=0001-01-01", "from", "“Từ ngày” không hợp lệ")]
    [InlineData("from=2017-05-02&to=2017-05-01", "to", "“Đến ngày” (01/05/2017) đứng trước “Từ ngày” (02/05/2017)")]
    public async Task A_bad_filter_value_is_a_message_on_the_page_not_an_error(string query, string field, string message)
    {
        var client = await factory.LoggedIn("noivu");

        foreach (var url in new[] { "/Audit?" + query, "/Audit?handler=Csv&" + query })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/html", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
            Assert.False(response.Content.Headers.Contains("Content-Disposition"));
            var page = await response.ReadDocument();
            Assert.Contains(message, page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("true", page.QuerySelector($"[name={field}]")!.GetAttribute("aria-invalid"));
            if (page.QuerySelector($"select[name={field}]") is IHtmlSelectElement list)
            {
                Assert.Equal(QueryHelpers.ParseQuery(query)[field].ToString(), list.Value);
            }

            Assert.Empty(page.QuerySelectorAll("table.audit-lines"));
        }
    }

    [Fact]
    public async Task A_person_longer_than_a_stored_name_is_refused_with_a_message()
    {
        var client = await factory.LoggedIn("noivu");

        var page = await client.GetDocument("/Audit?who=" + new string('x', AuditEntry.MaxWhoLength + 1));

        Assert.Contains("dài quá 256 ký tự", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markup_in_a_value_is_shown_as_text_and_a_long_value_is_cut_with_the_whole_text_behind_it()
    {
        var longNote = string.Concat(Enumerable.Repeat("Ghi chú dài. ", 40));
        await Write(
            AuditEntry.Create(Noon, "markup", "entry.note-changed", "x:1", "<b>bold</b>", "<script>alert(1)</script>", "<i>why</i>"),
            AuditEntry.Create(Noon.AddMinutes(1), "markup", "entry.note-changed", "x:2", null, longNote, null));
        var client = await factory.LoggedIn("noivu");

        var rows = Rows(await client.GetDocument("/Audit?who=markup"));

        var markup = rows[1];
        Assert.Empty(markup.QuerySelectorAll("td b, td script, td i"));
        Assert.Equal("<b>bold</b>", markup.QuerySelector(".old")!.TextContent.Trim());
        Assert.Equal("<script>alert(1)</script>", markup.QuerySelector(".new")!.TextContent.Trim());
        Assert.Equal("<i>why</i>", Cell(markup, 5));
        var details = rows[0].QuerySelector(".new details.long-value")!;
        Assert.Equal(longNote[..IndexModel.ShortValueLength] + "…", details.QuerySelector("summary .cut")!.TextContent);
        Assert.Equal(longNote, details.Children.Last().TextContent);
    }

    [Fact]
    public async Task The_csv_has_a_byte_order_mark_and_quotes_commas_quotes_and_line_breaks()
    {
        var chogao = await UnitId("CHOGAO");
        await Write(AuditEntry.Create(new DateTime(2017, 11, 20, 17, 5, 9, DateTimeKind.Utc), "csv-test", "entry.changed",
            "submission:tien-giang-2017/CHOGAO/11/1.2.1", "=HYPERLINK(\"x\")", "một, \"hai\"\nba", "-5", chogao, 11));
        var client = await factory.LoggedIn("noivu");

        var response = await client.GetAsync(new Uri("/Audit?handler=Csv&who=csv-test", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nhat-ky-20171128-1000.csv", response.Content.Headers.ContentDisposition.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = new UTF8Encoding(false).GetString(bytes[3..]);
        var id = await factory.WithDb(db => db.AuditEntries.Where(a => a.Who == "csv-test").Select(a => a.Id).SingleAsync());
        Assert.Equal(
            "Số thứ tự,Thời điểm (giờ Việt Nam),Người thực hiện,Mã thao tác,Thao tác,Đối tượng,Mã đơn vị,Tháng,Giá trị cũ,Giá trị mới,Lý do\r\n"
            + $"{id},2017-11-21 00:05:09,csv-test,entry.changed,Sửa số liệu tiêu chí,submission:tien-giang-2017/CHOGAO/11/1.2.1,CHOGAO,11,"
            + "\"'=HYPERLINK(\"\"x\"\")\",\"một, \"\"hai\"\"\nba\",-5\r\n",
            text);
    }

    [Fact]
    public async Task The_csv_stops_at_its_limit()
    {
        await Write([.. Enumerable.Range(1, 5).Select(i => AuditEntry.Create(Noon.AddMinutes(i), "csv-limit", "login.succeeded", $"n:{i}", null, null, null))]);
        using var output = new MemoryStream();

        var outcome = await factory.SendAsync(new IndexModel.CsvQuery(new AuditFilter(null, null, "csv-limit", null, null, null), 3, () => output));

        Assert.Equal(3, outcome.Lines);
        var lines = Encoding.UTF8.GetString(output.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["n:5", "n:4", "n:3"], lines.Skip(1).Select(l => l.Split(',')[5]));
    }

    [Fact]
    public async Task Past_a_hundred_thousand_lines_the_csv_holds_the_newest_and_the_page_says_so()
    {
        using var big = new EmulationFactory();
        var client = await big.LoggedIn("noivu");
        await big.WithDb(db => db.Database.ExecuteSqlRawAsync("""
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100001)
            INSERT INTO "AuditEntries" ("AtUtc", "Who", "Action", "Entity") SELECT '2017-06-01 00:00:00', 'bulk', 'entry.changed', 'n:' || i FROM n
            """));

        var page = await client.GetDocument("/Audit?who=bulk");
        var csv = await client.GetStringAsync(new Uri("/Audit?handler=Csv&who=bulk", UriKind.Relative));

        Assert.Contains("chỉ gồm 100.000 dòng mới nhất trong số 100.001 dòng", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(IndexModel.CsvLimit + 1, lines.Length);
        Assert.EndsWith(",n:100001,,,,,", lines[1], StringComparison.Ordinal);
        Assert.EndsWith(",n:2,,,,,", lines[^1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("noivu")]
    public async Task Administrators_and_verifiers_read_the_log_and_its_csv(string userName)
    {
        var client = await factory.LoggedIn(userName);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Audit", UriKind.Relative))).StatusCode);
        var csv = await client.GetAsync(new Uri("/Audit?handler=Csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("chogao", "/Account/AccessDenied")]
    [InlineData("chogao.staff", "/Account/AccessDenied")]
    [InlineData("chutich", "/Account/AccessDenied")]
    [InlineData(null, "/Account/Login")]
    public async Task Others_are_refused_the_log_and_its_csv(string? userName, string sentTo)
    {
        var client = userName is null ? factory.CreateBrowserlikeClient() : await factory.LoggedIn(userName);

        foreach (var url in new[] { "/Audit", "/Audit?handler=Csv", "/Audit?who=admin&p=2" })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(sentTo, response.Headers.Location!.PathOnly());
        }
    }

    [Fact]
    public async Task The_page_never_offers_to_change_a_line_and_a_post_changes_nothing()
    {
        await Write(AuditEntry.Create(Noon, "read-only", "entry.changed", "x:1", "1", "2", null));
        var client = await factory.LoggedIn("admin");
        var before = await factory.WithDb(db => db.AuditEntries.CountAsync());

        var page = await client.GetDocument("/Audit?who=read-only");

        var main = page.QuerySelector("main")!;
        Assert.All(main.QuerySelectorAll("form"), form => Assert.Equal("get", form.GetAttribute("method")));
        Assert.Empty(main.QuerySelectorAll("input[name=__RequestVerificationToken], textarea, [contenteditable]"));
        Assert.Equal(["Lọc"], main.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
        Assert.All(main.QuerySelectorAll("a[href]"), a => Assert.Matches("^/Audit(\\?|$)", a.GetAttribute("href")!));
        Assert.Empty(Rows(page).SelectMany(r => r.QuerySelectorAll("a, button, input")));

        var token = page.QuerySelector<IHtmlInputElement>("input[name=__RequestVerificationToken]")!.Value;
        var post = await client.Post("/Audit?who=read-only", [new("__RequestVerificationToken", token), new("OldValue", "tampered")]);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        var postCsv = await client.Post("/Audit?handler=Csv", [new("__RequestVerificationToken", token)]);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, postCsv.StatusCode);
        Assert.Single(Rows(await client.GetDocument("/Audit?handler=Delete&who=read-only")));
        Assert.Equal(before, await factory.WithDb(db => db.AuditEntries.CountAsync()));
        Assert.Equal("2", await factory.WithDb(db => db.AuditEntries.Where(a => a.Who == "read-only").Select(a => a.NewValue).SingleAsync()));
    }

    [Theory]
    [InlineData("cg-", "cg.")]
    [InlineData("a", "b")]
    [InlineData("z", "{")]
    public void The_end_of_a_prefix_range_is_the_prefix_with_its_last_character_moved_up(string prefix, string end) =>
        Assert.Equal(end, AuditSearch.Successor(prefix));

    private async Task Write(params AuditEntry[] entries) =>
        await factory.WithDb(async db =>
        {
            db.AuditEntries.AddRange(entries);
            return await db.SaveChangesAsync();
        });

    private Task<int> UnitId(string code) => factory.WithDb(db => db.Units.Where(u => u.Code == code).Select(u => u.Id).SingleAsync());

    private static List<IElement> Rows(IHtmlDocument page) => [.. page.QuerySelectorAll("table.audit-lines tbody tr")];

    private static string Cell(IElement row, int index) => row.QuerySelectorAll("td")[index].TextContent.Trim();

    private static IElement Pager(IHtmlDocument page) => page.QuerySelector("nav.pager")!;

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Query(IElement link) =>
        QueryHelpers.ParseQuery(new Uri(new Uri("http://x"), link.GetAttribute("href")!).Query);
}
