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
        var account = DemoAccounts.All.Single(a => a.UserName == userName);
        Assert.Contains(account.DisplayName, home.QuerySelector(".who")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(userName, home.QuerySelector(".who a")!.GetAttribute("title"));
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
        Assert.StartsWith("/Account/Login", home.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Who == "hoidong4" && a.Action == AuditActions.Logout)));
    }
}

/// <summary>
/// Failed sign-ins never lock an account (a stranger could lock the administrator out); they read
/// the same and take the same work whatever the reason, and are throttled per address and per name.
/// </summary>
public sealed class LockoutTests(LockoutTests.ThrottledFactory factory) : IClassFixture<LockoutTests.ThrottledFactory>
{
    public sealed class ThrottledFactory : SecurityFactory
    {
        public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Emulation:SignIn:FailuresPerAddress"] = "8",
            ["Emulation:SignIn:FailuresPerAccount"] = "6",
        };
    }

    private const string GenericFailure = "Tên đăng nhập hoặc mật khẩu không đúng.";

    private static (string, string) From(string address) => (SecurityFactory.Peer, address);

    [Fact]
    public async Task Five_failures_from_a_stranger_do_not_lock_the_account()
    {
        var stranger = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        for (var i = 0; i < 5; i++)
        {
            var (failed, _) = await stranger.RawLogIn("tanphuoc", $"Wrong@{i}", From("198.51.100.1"));
            Assert.Equal(GenericFailure, (await failed.ReadDocument()).QuerySelector(".errors li")?.TextContent.Trim());
        }

        var owner = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var (response, cookie) = await owner.RawLogIn("tanphuoc", DemoAccounts.Password, From("192.0.2.10"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(cookie);
        Assert.Null(await factory.WithDb(db => db.Users.Where(u => u.UserName == "tanphuoc").Select(u => u.LockoutEnd).SingleAsync()));
        Assert.False(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Who == "tanphuoc" && a.Action == AuditActions.LoginLockedOut)));
    }

    [Fact]
    public async Task Four_failures_do_not_lock_the_account()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        for (var i = 0; i < 4; i++)
        {
            await client.RawLogIn("chogao", $"Wrong@{i}", From("198.51.100.2"));
        }

        var (response, _) = await client.RawLogIn("chogao", DemoAccounts.Password, From("198.51.100.2"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_user_costs_a_password_check_like_a_known_one()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var before = factory.Hasher.Verified;
        await client.RawLogIn("nobody-at-all", "Wrong@password", From("198.51.100.3"));
        var unknown = factory.Hasher.Verified - before;

        before = factory.Hasher.Verified;
        await client.RawLogIn("hoidong2", "Wrong@password", From("198.51.100.3"));
        var known = factory.Hasher.Verified - before;

        Assert.Equal(1, unknown);
        Assert.Equal(known, unknown);
    }

    [Fact]
    public async Task Failures_from_one_address_are_throttled_even_for_the_right_password()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        for (var i = 0; i < 8; i++)
        {
            await client.RawLogIn($"guess{i}", "Wrong@password", From("198.51.100.4"));
        }

        var (throttled, cookie) = await client.RawLogIn("hoidong3", DemoAccounts.Password, From("198.51.100.4"));
        var (elsewhere, _) = await client.RawLogIn("hoidong3", DemoAccounts.Password, From("198.51.100.5"));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Null(cookie);
        Assert.Equal("Đăng nhập sai quá nhiều lần. Vui lòng chờ vài phút rồi thử lại.", (await throttled.ReadDocument()).QuerySelector(".errors li")?.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Failures_for_one_name_are_throttled_from_every_address_and_the_same_for_an_unknown_name()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        foreach (var name in new[] { "hoidong4", "no-such-user" })
        {
            for (var i = 0; i < 6; i++)
            {
                await client.RawLogIn(name, "Wrong@password", From($"203.0.113.{i + 1}"));
            }

            var (throttled, _) = await client.RawLogIn(name, name == "hoidong4" ? DemoAccounts.Password : "Wrong@password", From("203.0.113.99"));
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        }
    }
}
