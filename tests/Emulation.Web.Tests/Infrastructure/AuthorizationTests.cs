using System.Net;

namespace Emulation.Web.Tests;

public sealed class AuthorizationTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    private static readonly string[] FeatureRoutes = ["/Assessments", "/Verification", "/Rankings", "/Charts/HeatMap", "/Awards", "/Admin", "/Audit"];

    public static TheoryData<string> ProtectedRoutes() => ["/", "/Assessments", "/Verification", "/Rankings", "/Charts/HeatMap", "/Charts/Unit/CHOGAO", "/Awards", "/Admin", "/Audit", "/Account/Logout"];

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task Anonymous_users_are_sent_to_login_from_every_protected_route(string route)
    {
        var client = factory.CreateBrowserlikeClient();

        var response = await client.GetAsync(new Uri(route, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.PathOnly());
    }

    [Theory]
    [InlineData("/Public")]
    [InlineData("/Account/Login")]
    [InlineData("/health")]
    public async Task Anonymous_users_reach_the_open_pages(string route)
    {
        var client = factory.CreateBrowserlikeClient();

        var response = await client.GetAsync(new Uri(route, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Admin")]
    [InlineData("/Rankings")]
    [InlineData("/Assessments")]
    public async Task A_post_to_a_page_without_a_post_handler_is_405_not_500(string route)
    {
        var client = await factory.LoggedIn("admin");
        var token = Forms.Fields((AngleSharp.Html.Dom.IHtmlFormElement)(await client.GetDocument("/")).QuerySelector("#language-switch")!)
            .Single(f => f.Key == "__RequestVerificationToken").Value;

        var response = await client.Post(route, [new("__RequestVerificationToken", token), new("x", "1")]);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("admin", "/Assessments /Verification /Rankings /Charts/HeatMap /Awards /Admin /Audit")]
    [InlineData("noivu", "/Assessments /Verification /Rankings /Charts/HeatMap /Awards /Audit")]
    [InlineData("chutich", "/Rankings /Charts/HeatMap /Awards")]
    [InlineData("hoidong1", "/Rankings /Charts/HeatMap /Awards")]
    [InlineData("hoidong2", "/Rankings /Charts/HeatMap /Awards")]
    [InlineData("stp", "/Assessments /Rankings")]
    [InlineData("chogao", "/Assessments /Rankings")]
    [InlineData("chogao.staff", "/Assessments /Rankings")]
    [InlineData("tanphuoc", "/Assessments /Rankings")]
    public async Task Each_role_reaches_only_its_routes(string userName, string allowed)
    {
        var client = await factory.LoggedIn(userName);
        var expected = allowed.Split(' ');

        foreach (var route in FeatureRoutes)
        {
            var response = await client.GetAsync(new Uri(route, UriKind.Relative));
            if (expected.Contains(route))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{userName} should reach {route}, got {(int)response.StatusCode}");
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{userName} should be refused {route}, got {(int)response.StatusCode}");
                Assert.Equal("/Account/AccessDenied", response.Headers.Location!.PathOnly());
            }
        }
    }

    [Fact]
    public async Task The_access_denied_page_answers_403_in_Vietnamese()
    {
        var client = await factory.LoggedIn("chogao");

        var response = await client.GetAsync(new Uri("/Account/AccessDenied", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Equal("Không có quyền truy cập", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task The_navigation_shows_only_the_links_a_role_may_follow()
    {
        var client = await factory.LoggedIn("chogao.staff");

        var home = await client.GetDocument("/");

        var links = home.QuerySelectorAll("nav a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/", "/Assessments", "/Rankings", "/Charts/Unit/CHOGAO", "/Public"], links);
    }
}
