using AngleSharp.Dom;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using Emulation.Web.Domain;
using static Emulation.Web.Tests.AssessmentSupport;

namespace Emulation.Web.Tests;

/// <summary>
/// Who may read and write which unit's months, and every bad input of the form: refused with a
/// message in the user's language, nothing stored half-way, never a 500.
/// </summary>
public sealed class AccessAndBadInputTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Theory]
    [InlineData("/Assessments/TANPHUOC/11")]
    [InlineData("/Assessments/TANPHUOC/11/History")]
    [InlineData("/Assessments/TANPHUOC/11/Print")]
    [InlineData("/Assessments?unit=TANPHUOC")]
    [InlineData("/Assessments/NOSUCHUNIT/11")]
    [InlineData("/Assessments/CHOGAO/12")]
    [InlineData("/Assessments/CHOGAO/0")]
    public async Task Chợ_Gạos_head_gets_404_for_another_units_pages_and_for_months_outside_the_campaign(string url)
    {
        var client = await factory.LoggedIn("chogao");

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Chợ_Gạos_head_cannot_write_Tân_Phước_s_month_nor_read_its_evidence()
    {
        var tanphuoc = await factory.LoggedIn("tanphuoc");
        var month = factory.Month("district", 11);
        var fields = AnswerAll(await tanphuoc.MonthForm("TANPHUOC", 11), month);
        var response = await tanphuoc.Post(Url("TANPHUOC", 11, "Save"), fields, [($"file:{month.DueLeaves[0].Code}", "kehoach.pdf", Pdf)]);
        response.Redirected("/Assessments/TANPHUOC/11");
        var evidence = Assert.Single((await factory.Stored("TANPHUOC", 11))!.Files);
        var chogao = await factory.LoggedIn("chogao");
        // Chợ Gạo's own form gives a valid security token; the handler must still refuse the other unit.
        var token = Forms.Fields(await chogao.MonthForm("CHOGAO", 11)).Single(f => f.Key == "__RequestVerificationToken").Value;
        fields.Set("__RequestVerificationToken", token);

        var write = await chogao.Post(Url("TANPHUOC", 11, "Save"), fields);
        var read = await chogao.GetAsync(new Uri($"/Assessments/Evidence/{evidence.Id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        var own = await tanphuoc.GetAsync(new Uri($"/Assessments/Evidence/{evidence.Id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Pdf, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await (await factory.LoggedIn("noivu")).GetAsync(new Uri($"/Assessments/Evidence/{evidence.Id}", UriKind.Relative))).StatusCode);
        Assert.Contains("/Account/AccessDenied", (await (await factory.LoggedIn("hoidong1")).GetAsync(new Uri($"/Assessments/Evidence/{evidence.Id}", UriKind.Relative))).Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_committee_member_of_a_unit_gets_no_unit_rights_from_belonging_to_it()
    {
        // hoidong1 belongs to Sở Tư pháp but is a committee member: the assessment pages are not theirs.
        var client = await factory.LoggedIn("hoidong1");

        var response = await client.GetAsync(new Uri("/Assessments/STP/11", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verifier_reads_any_units_month_but_cannot_type_in_it()
    {
        var client = await factory.LoggedIn("noivu");

        var page = await client.GetDocument("/Assessments/STP/11");
        var fields = Forms.Fields((IHtmlFormElement)page.QuerySelector("#month-form")!);
        var save = await client.Post(Url("STP", 11, "Save"), fields);

        Assert.Null(page.QuerySelector("#month-form input[name$='.Value']"));
        Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
        Assert.Null(await factory.Stored("STP", 11));
    }

    [Theory]
    [InlineData("virus.pdf", "MZ", "không thuộc loại")]
    [InlineData("../../etc/passwd.pdf", "%PDF-1.4", "Tên tệp")]
    [InlineData("bao\u0001cao.pdf", "%PDF-1.4", "Tên tệp")]
    public async Task A_bad_file_is_refused_with_a_message_and_the_typed_values_are_still_saved(string name, string head, string message)
    {
        var client = await factory.LoggedIn("tanphuoc");
        var month = factory.Month("district", 10);
        var fields = Forms.Fields(await client.MonthForm("TANPHUOC", 10));
        fields.Set("Entries[0].Note", "ghi chú " + name.Length);

        var response = await client.Post(Url("TANPHUOC", 10, "Save"), fields, [($"file:{month.DueLeaves[0].Code}", name, Encoding.ASCII.GetBytes(head + new string('x', 100)))]);

        response.Redirected("/Assessments/TANPHUOC/10");
        var stored = await factory.Stored("TANPHUOC", 10);
        Assert.Empty(stored!.Files);
        Assert.Equal("ghi chú " + name.Length, stored.EntryFor(month.DueLeaves[0].Code)!.Note);
        var page = await client.GetDocument(Url("TANPHUOC", 10));
        Assert.Contains(message, page.QuerySelector(".flash-error")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_50_MB_file_is_refused_with_a_message()
    {
        var client = await factory.LoggedIn("tanphuoc");
        var month = factory.Month("district", 9);
        var fields = Forms.Fields(await client.MonthForm("TANPHUOC", 9));
        var big = new byte[50 * 1024 * 1024];
        Pdf.CopyTo(big, 0);

        var response = await client.Post(Url("TANPHUOC", 9, "Save"), fields, [($"file:{month.DueLeaves[0].Code}", "lon.pdf", big)]);

        response.Redirected("/Assessments/TANPHUOC/9");
        Assert.Empty((await factory.Stored("TANPHUOC", 9))!.Files);
        var page = await client.GetDocument(Url("TANPHUOC", 9));
        Assert.Contains("vượt quá 10 MB", page.QuerySelector(".flash-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_100000_character_note_is_refused_and_nothing_is_stored()
    {
        var client = await factory.LoggedIn("tanphuoc");
        var fields = Forms.Fields(await client.MonthForm("TANPHUOC", 8));
        fields.Set("Entries[1].Value", "5");
        fields.Set("Entries[0].Note", new string('a', 100_000));

        var response = await client.Post(Url("TANPHUOC", 8, "Save"), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Contains("ghi chú dài quá 4000 ký tự", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await factory.Stored("TANPHUOC", 8));
    }

    [Fact]
    public async Task A_forged_criterion_is_refused_and_nothing_is_stored()
    {
        var client = await factory.LoggedIn("tanphuoc");
        var fields = Forms.Fields(await client.MonthForm("TANPHUOC", 7));
        fields.Set("Entries[0].Criterion", "9.9.9");
        fields.Set("Entries[0].Value", "1");

        var response = await client.Post(Url("TANPHUOC", 7, "Save"), fields);

        Assert.Contains("9.9.9", (await response.ReadDocument()).QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await factory.Stored("TANPHUOC", 7));
    }

    [Theory]
    [InlineData("Version", "abc")]
    [InlineData("RemoveFiles", "x")]
    public async Task A_malformed_field_is_a_message_not_a_500(string field, string value)
    {
        var client = await factory.LoggedIn("tanphuoc");
        var fields = Forms.Fields(await client.MonthForm("TANPHUOC", 6));
        fields.Set(field, value);

        var response = await client.Post(Url("TANPHUOC", 6, "Save"), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty((await response.ReadDocument()).QuerySelector(".errors")!.TextContent.Trim());
        Assert.Null(await factory.Stored("TANPHUOC", 6));
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_stores_nothing()
    {
        var client = await factory.LoggedIn("tanphuoc");
        var fields = Forms.Fields(await client.MonthForm("TANPHUOC", 5)).Where(f => f.Key != "__RequestVerificationToken").ToList();

        var response = await client.Post(Url("TANPHUOC", 5, "Save"), fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await factory.Stored("TANPHUOC", 5));
    }

    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        var client = await factory.LoggedIn("tanphuoc");

        var response = await client.GetAsync(new Uri(Url("TANPHUOC", 11), UriKind.Relative));

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotMatch("<script(?![^>]*(src=|type=\"application/json\"))", html);
    }

    [Fact]
    public async Task A_form_posted_after_the_session_expired_is_offered_back_after_signing_in()
    {
        var client = await factory.LoggedIn("tanphuoc");
        var fields = Forms.Fields(await client.MonthForm("TANPHUOC", 4));
        fields.Set("Entries[0].Note", "viết trong lúc phiên hết hạn");
        var expired = factory.CreateBrowserlikeClient();

        var response = await expired.Post(Url("TANPHUOC", 4, "Save"), fields.Where(f => f.Key != "__RequestVerificationToken"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Account/Login?ReturnUrl=%2FAccount%2FResume", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var signedIn = await expired.PostForm(response.Headers.Location!.OriginalString, "main form", new Dictionary<string, string>
        {
            ["Input.UserName"] = "tanphuoc",
            ["Input.Password"] = DemoAccountsPassword,
        });
        signedIn.Redirected("/Account/Resume");
        var resume = await expired.GetDocument("/Account/Resume");
        var form = (IHtmlFormElement)resume.QuerySelector("#resume-form")!;
        Assert.Equal("/Assessments/TANPHUOC/4?handler=Save", form.GetAttribute("action"));
        var resent = await expired.Post(form.GetAttribute("action")!, Forms.Fields(form));
        resent.Redirected("/Assessments/TANPHUOC/4");
        Assert.Equal("viết trong lúc phiên hết hạn", (await factory.Stored("TANPHUOC", 4))!.Entries.Single(e => e.Note is not null).Note);
    }

    private const string DemoAccountsPassword = Emulation.Web.Infrastructure.DemoAccounts.Password;
}
