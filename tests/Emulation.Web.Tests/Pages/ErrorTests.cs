using AngleSharp.Dom;
using System.Net;

namespace Emulation.Web.Tests;

public sealed class ErrorPageTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    [Fact]
    public async Task An_unknown_page_answers_404_with_a_Vietnamese_page_and_no_stack_trace()
    {
        var client = await factory.LoggedIn("stp");

        var response = await client.GetAsync(new Uri("/no/such/page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var page = await response.ReadDocument();
        Assert.Equal("Không tìm thấy trang", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain(" at ", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_whose_security_token_failed_is_explained_and_can_be_sent_again()
    {
        var client = factory.CreateBrowserlikeClient();
        await client.GetDocument("/Account/Login");

        var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = "chogao",
            ["Input.Password"] = "Demo@2017",
            ["__RequestVerificationToken"] = "expired-or-forged",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Equal("Biểu mẫu đã hết hạn", page.QuerySelector("h1")!.TextContent);
        var resend = page.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>("main form")!;
        Assert.Equal("/Account/Login", resend.GetAttribute("action"));
        Assert.Equal("chogao", resend.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.UserName']")!.Value);
        Assert.Null(resend.QuerySelector("input[name='Input.Password']"));

        var fields = resend.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().ToDictionary(i => i.Name!, i => i.Value);
        fields["Input.Password"] = "Demo@2017";
        var again = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }
}
