using System.Net;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Setup;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

/// <summary>Outside demo mode no account has a known password: the first start asks for the administrator's, with a one-time code.</summary>
public sealed class SetupTests(SetupTests.ProductionFactory factory) : IClassFixture<SetupTests.ProductionFactory>
{
    public sealed class ProductionFactory : EmulationFactory
    {
        public override bool Demo => false;
    }

    [Fact]
    public async Task The_first_start_sends_every_request_to_setup_then_setup_is_gone()
    {
        using var fresh = new ProductionFactory();
        var client = fresh.CreateBrowserlikeClient();
        Assert.Equal(0, await fresh.WithDb(db => db.Users.CountAsync()));
        foreach (var route in new[] { "/", "/Account/Login", "/Admin", "/Public" })
        {
            var redirected = await client.GetAsync(new Uri(route, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
            Assert.Equal("/Setup", redirected.Headers.Location!.OriginalString);
        }

        var code = fresh.SetupCode();
        var created = await client.PostForm("/Setup", "main form", new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.UserName"] = "quantri",
            ["Input.DisplayName"] = "Nguyễn Quản Trị",
            ["Input.Password"] = "Chosen#Password9",
            ["Input.ConfirmPassword"] = "Chosen#Password9",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.False(File.Exists(Path.Combine(fresh.Folder, SetupState.CodeFileName)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/Setup", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LogIn("quantri", "Chosen#Password9")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Admin", UriKind.Relative))).StatusCode);
        var demoAdmin = await fresh.CreateBrowserlikeClient().LogIn("admin", DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, demoAdmin.StatusCode);
        Assert.True(await fresh.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.AdministratorCreated && a.Who == "quantri")));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_setup_code_is_written_for_the_server_account_only_and_logged()
    {
        await factory.WithDb(db => db.Users.CountAsync());
        var file = Path.Combine(factory.Folder, SetupState.CodeFileName);

        Assert.True(File.Exists(file));
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", factory.SetupCode());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task Without_the_code_nobody_becomes_administrator()
    {
        var client = factory.CreateBrowserlikeClient();

        var refused = await client.PostForm("/Setup", "main form", new Dictionary<string, string>
        {
            ["Input.Code"] = "AAAA-BBBB-CCCC",
            ["Input.UserName"] = "intruder",
            ["Input.DisplayName"] = "Intruder",
            ["Input.Password"] = "Chosen#Password9",
            ["Input.ConfirmPassword"] = "Chosen#Password9",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("Mã khởi tạo không đúng.", (await refused.ReadDocument()).QuerySelector(".errors li")?.TextContent.Trim());
        Assert.Null(await factory.WithDb(db => db.Users.FirstOrDefaultAsync(u => u.UserName == "intruder")));
    }

    [Theory]
    [InlineData("quantri", "Short#1", "Mật khẩu phải dài ít nhất 10 ký tự.")]
    [InlineData("quantri", "matkhau123", "Mật khẩu này quá phổ biến, dễ bị đoán.")]
    [InlineData("quantri2017", "quantri2017", "Mật khẩu không được chứa tên đăng nhập.")]
    public async Task A_weak_password_is_refused_in_Vietnamese(string userName, string password, string message)
    {
        var errors = await factory.SendAsync(new IndexModel.Command(factory.SetupCode(), userName, "Quản trị", password));

        Assert.Contains(message, errors);
        Assert.Null(await factory.WithDb(db => db.Users.FirstOrDefaultAsync(u => u.UserName == userName)));
    }

    [Fact]
    public async Task Six_simultaneous_setups_create_exactly_one_administrator()
    {
        using var fresh = new ProductionFactory();
        await fresh.WithDb(db => db.Users.CountAsync());
        var code = fresh.SetupCode();

        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            fresh.SendAsync(new IndexModel.Command(code, $"quantri{i}", $"Quản trị {i}", "Chosen#Password9"))));

        Assert.Single(results, r => r.Count == 0);
        var administrators = await fresh.WithDb(async db => await (
            from user in db.Users
            join link in db.UserRoles on user.Id equals link.UserId
            join role in db.Roles on link.RoleId equals role.Id
            where role.Name == Roles.Administrator
            select user.UserName).ToListAsync());
        Assert.Single(administrators);
    }

    [Fact]
    public async Task The_setup_page_shows_the_password_rules_before_typing()
    {
        var page = await factory.CreateBrowserlikeClient().GetDocument("/Setup");

        var rules = page.QuerySelector("#password-rules")!;
        Assert.Contains("ít nhất 10 ký tự", rules.TextContent, StringComparison.Ordinal);
        Assert.Equal("password-rules", page.QuerySelector("input[name='Input.Password']")!.GetAttribute("aria-describedby"));
    }
}
