using AngleSharp.Dom;
using System.Net;
using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

public sealed class LoginTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    private const string GenericFailure = "Tên đăng nhập hoặc mật khẩu không đúng.";

    public static TheoryData<string> DemoUsers() => [.. DemoAccounts.All.Select(a => a.UserName)];

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task Every_demo_account_logs_in_through_the_login_form(string userName)
    {
        var client = factory.CreateBrowserlikeClient();

        var response = await client.LogIn(userName, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".Emulation.Auth=", StringComparison.Ordinal));
        var home = await client.GetDocument("/");
        Assert.Contains(userName, home.QuerySelector(".who")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_the_generic_message()
    {
        var client = factory.CreateBrowserlikeClient();

        var response = await client.LogIn("stp", "Wrong@2017");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith(".Emulation.Auth=", StringComparison.Ordinal));
        var page = await response.ReadDocument();
        Assert.Equal(GenericFailure, page.QuerySelector(".errors li")?.TextContent.Trim());
        Assert.Equal("stp", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.UserName']")!.Value);
        Assert.Equal("", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name='Input.Password']")!.Value);
    }

    [Fact]
    public async Task An_unknown_user_gets_the_same_message_as_a_wrong_password()
    {
        var client = factory.CreateBrowserlikeClient();

        var response = await client.LogIn("nobody-here", DemoAccounts.Password);

        var page = await response.ReadDocument();
        Assert.Equal(GenericFailure, page.QuerySelector(".errors li")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_failed_login_is_audited_with_the_name_tried_and_never_the_password()
    {
        var client = factory.CreateBrowserlikeClient();
        const string secret = "Secret-Guess-4711";

        await client.LogIn("chogao.staff", secret);

        var entries = await factory.WithDb(db => db.AuditEntries.Where(a => a.Who == "chogao.staff").ToListAsync());
        var failed = Assert.Single(entries, e => e.Action == AuditActions.LoginFailed);
        Assert.Equal("user:chogao.staff", failed.Entity);
        Assert.DoesNotContain(entries, e => $"{e.Entity}{e.OldValue}{e.NewValue}{e.Reason}".Contains(secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_successful_login_is_audited_with_the_business_time()
    {
        var client = factory.CreateBrowserlikeClient();

        await client.LogIn("hoidong3", DemoAccounts.Password);

        var entry = await factory.WithDb(db => db.AuditEntries.Where(a => a.Who == "hoidong3" && a.Action == AuditActions.LoginSucceeded).OrderBy(a => a.Id).LastAsync());
        Assert.Equal(DateTimeKind.Utc, entry.AtUtc.Kind);
        Assert.Equal(2017, entry.AtUtc.Year);
    }

    [Fact]
    public async Task Logging_out_ends_the_session()
    {
        var client = await factory.LoggedIn("hoidong4");

        var response = await client.PostForm("/Account/Logout", "main form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/Account/Login", home.Headers.Location?.PathAndQuery ?? home.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Who == "hoidong4" && a.Action == AuditActions.Logout)));
    }
}

public sealed class LockoutTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    [Fact]
    public async Task Five_failures_lock_the_account_even_against_the_right_password()
    {
        var client = factory.CreateBrowserlikeClient();
        for (var i = 0; i < 5; i++)
        {
            var failed = await client.LogIn("tanphuoc", $"Wrong@{i}");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        var response = await client.LogIn("tanphuoc", DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Contains("tạm thời bị khóa", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Who == "tanphuoc" && a.Action == AuditActions.LoginLockedOut)));
    }

    [Fact]
    public async Task Four_failures_do_not_lock_the_account()
    {
        var client = factory.CreateBrowserlikeClient();
        for (var i = 0; i < 4; i++)
        {
            await client.LogIn("chogao", $"Wrong@{i}");
        }

        var response = await client.LogIn("chogao", DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
