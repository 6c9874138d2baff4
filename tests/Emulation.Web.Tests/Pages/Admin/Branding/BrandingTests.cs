using System.Net;
using AngleSharp.Html.Dom;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Admin.Branding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

public sealed class BrandingTests
{
    private static async Task<HttpResponseMessage> Save(HttpClient client, string province, string body, string phone, string email)
    {
        var page = await client.GetDocument("/Admin/Branding");
        var fields = Forms.Fields((IHtmlFormElement)page.QuerySelector("#branding-form")!);
        fields.Set("Input.Province", province);
        fields.Set("Input.IssuingBody", body);
        fields.Set("Input.HelpDeskPhone", phone);
        fields.Set("Input.HelpDeskEmail", email);
        return await client.Post("/Admin/Branding", fields);
    }

    [Fact]
    public async Task Saved_branding_shows_in_the_header_and_footer_the_sign_in_and_public_pages_and_the_printed_assessment()
    {
        using var factory = new EmulationFactory();
        var admin = await factory.LoggedIn("admin");
        var form = await admin.GetDocument("/Admin/Branding");
        Assert.Equal("Tiền Giang", ((IHtmlInputElement)form.QuerySelector("#Input_Province")!).Value);
        Assert.Equal("UBND tỉnh Tiền Giang", ((IHtmlInputElement)form.QuerySelector("#Input_IssuingBody")!).Value);

        var response = await Save(admin, "Đồng Tháp", "Ủy ban nhân dân tỉnh Đồng Tháp", "0277 3 851 234", "hotro@dongthap.gov.vn");

        response.Redirected("/Admin/Branding?saved=True");
        var anonymous = factory.CreateBrowserlikeClient();
        foreach (var (client, url) in new[] { (anonymous, "/Account/Login"), (anonymous, "/Public"), (admin, "/Admin") })
        {
            var page = await client.GetDocument(url);
            Assert.Equal("Ủy ban nhân dân tỉnh Đồng Tháp", page.QuerySelector(".site-header .brand-body")!.TextContent);
            var footer = page.QuerySelector(".site-footer .contacts")!;
            Assert.Contains("0277 3 851 234", footer.TextContent, StringComparison.Ordinal);
            Assert.Equal("tel:02773851234", footer.QuerySelector("a[href^='tel:']")!.GetAttribute("href"));
            Assert.Equal("mailto:hotro@dongthap.gov.vn", footer.QuerySelector("a[href^='mailto:']")!.GetAttribute("href"));
        }

        var print = await (await factory.LoggedIn("chogao")).GetDocument("/Assessments/CHOGAO/11/Print");
        Assert.StartsWith("Đồng Tháp, ngày", print.QuerySelector(".place-date")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("hotro@dongthap.gov.vn", print.QuerySelector(".doc-footer")!.TextContent, StringComparison.Ordinal);
        var audit = await factory.WithDb(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.BrandingChanged));
        Assert.Equal("admin", audit.Who);
        Assert.Contains("province: Tiền Giang → Đồng Tháp", audit.NewValue, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "UBND", "", "", "Hãy nhập tên tỉnh.")]
    [InlineData("Tiền Giang", " ", "", "", "Hãy nhập cơ quan ban hành.")]
    [InlineData("Tiền Giang", "UBND", "gọi 0273", "", "Số điện thoại chỉ gồm chữ số")]
    [InlineData("Tiền Giang", "UBND", "12345", "", "Số điện thoại chỉ gồm chữ số")]
    [InlineData("Tiền Giang", "UBND", "", "hotro@", "Địa chỉ e-mail không hợp lệ")]
    [InlineData("Tiền Giang", "UBND", "", "ho tro@tg.gov.vn", "Địa chỉ e-mail không hợp lệ")]
    public async Task Bad_values_are_refused_with_a_message_keeping_what_was_typed_and_nothing_is_stored(string province, string body, string phone, string email, string message)
    {
        using var factory = new EmulationFactory();
        var admin = await factory.LoggedIn("admin");

        var response = await Save(admin, province, body, phone, email);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Contains(message, page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(email, ((IHtmlInputElement)page.QuerySelector("#Input_HelpDeskEmail")!).Value);
        Assert.Equal(phone, ((IHtmlInputElement)page.QuerySelector("#Input_HelpDeskPhone")!).Value);
        Assert.False(await factory.WithDb(db => db.Brandings.AnyAsync()));
    }

    [Fact]
    public async Task A_name_over_the_limit_is_refused()
    {
        using var factory = new EmulationFactory();

        var response = await Save(await factory.LoggedIn("admin"), new string('x', Branding.MaxProvinceLength + 1), "UBND", "", "");

        Assert.Contains("dài quá 100 ký tự", (await response.ReadDocument()).QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        var admin = await factory.UserAsync("admin");
        var refused = await Assert.ThrowsAsync<DomainException>(async () =>
            await factory.SendAsync(new IndexModel.Command(admin, "Tiền Giang", new string('x', 201), null, null, 0)));
        Assert.Equal("Branding.TooLong", refused.Key);
    }

    [Fact]
    public async Task A_stale_form_is_refused_as_a_concurrent_change()
    {
        using var factory = new EmulationFactory();
        var admin = await factory.UserAsync("admin");
        var first = await factory.SendAsync(new IndexModel.Command(admin, "Tiền Giang", "UBND tỉnh Tiền Giang", "0273 3 000 000", null, 0));
        Assert.Equal(1, first.Version);

        var refused = await Assert.ThrowsAsync<DomainException>(async () =>
            await factory.SendAsync(new IndexModel.Command(admin, "Long An", "UBND tỉnh Long An", null, null, 0)));

        Assert.Equal("Concurrency.Conflict", refused.Key);
        Assert.Equal("Tiền Giang", (await factory.Services.GetRequiredService<BrandingSource>().Get(CancellationToken.None)).Province);
    }

    [Theory]
    [InlineData("noivu")]
    [InlineData("chogao")]
    [InlineData("hoidong1")]
    public async Task Only_administrators_change_the_branding(string person)
    {
        using var factory = new EmulationFactory();
        var response = await (await factory.LoggedIn(person)).GetAsync(new Uri("/Admin/Branding", UriKind.Relative));

        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.PathOnly());
        var user = await factory.UserAsync(person);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await factory.SendAsync(new IndexModel.Command(user, "X", "Y", null, null, 0)));
    }
}
