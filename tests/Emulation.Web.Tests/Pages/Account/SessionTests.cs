using System.Net;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Account;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

/// <summary>A session ended on the server opens nothing, whatever copy of its cookie is kept.</summary>
public sealed class SessionTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    private HttpClient Raw() => factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<HttpStatusCode> Open(HttpClient client, string cookie, string url = "/")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task A_cookie_saved_before_signing_out_opens_nothing_afterwards()
    {
        var client = factory.CreateBrowserlikeClient();
        var (_, saved) = await client.RawLogIn("hoidong1", DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, await Open(Raw(), saved!));
        var session = await factory.WithDb(db => db.UserSessions.Where(s => s.UserName == "hoidong1" && s.EndedAtUtc == null).SingleAsync());

        await factory.SendAsync(new LogoutModel.Command("hoidong1", session.Id));

        Assert.Equal(HttpStatusCode.Redirect, await Open(Raw(), saved!));
    }

    [Fact]
    public async Task Logging_out_through_the_form_ends_the_server_session()
    {
        var (_, saved) = await Raw().RawLogIn("stp", DemoAccounts.Password);
        var client = factory.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.Add("Cookie", saved);

        var response = await client.PostForm("/Account/Logout", "main form", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await Open(Raw(), saved!));
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        using var own = new EmulationFactory();
        var other = own.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var (_, otherCookie) = await other.RawLogIn("chogao.staff", DemoAccounts.Password);
        var client = await own.LoggedIn("chogao.staff");

        var changed = await client.PostForm("/Account/ChangePassword", "main form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = DemoAccounts.Password,
            ["Input.NewPassword"] = "Ruộng lúa Chợ Gạo 2017",
            ["Input.ConfirmPassword"] = "Ruộng lúa Chợ Gạo 2017",
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("/Account/Manage", changed.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", otherCookie);
        Assert.Equal(HttpStatusCode.Redirect, (await other.SendAsync(request)).StatusCode);
        Assert.True(await own.WithDb(db => db.AuditEntries.AnyAsync(a => a.Who == "chogao.staff" && a.Action == AuditActions.PasswordChanged)));
        Assert.Equal(HttpStatusCode.Redirect, (await own.CreateBrowserlikeClient().LogIn("chogao.staff", "Ruộng lúa Chợ Gạo 2017")).StatusCode);
    }

    [Fact]
    public async Task A_weak_new_password_is_refused_with_the_rules_in_Vietnamese()
    {
        var client = await factory.LoggedIn("hoidong2");

        var refused = await client.PostForm("/Account/ChangePassword", "main form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = DemoAccounts.Password,
            ["Input.NewPassword"] = "hoidong2-password",
            ["Input.ConfirmPassword"] = "hoidong2-password",
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocument();
        Assert.Equal("Mật khẩu không được chứa tên đăng nhập.", page.QuerySelector(".errors li")?.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#password-rules"));
    }

    [Fact]
    public async Task A_wrong_current_password_is_refused_in_Vietnamese()
    {
        var client = await factory.LoggedIn("hoidong3");

        var refused = await client.PostForm("/Account/ChangePassword", "main form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not-my-password",
            ["Input.NewPassword"] = "Một câu dài dễ nhớ",
            ["Input.ConfirmPassword"] = "Một câu dài dễ nhớ",
        });

        Assert.Equal("Mật khẩu hiện tại không đúng.", (await refused.ReadDocument()).QuerySelector(".errors li")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_user_sees_their_sessions_and_ends_the_other_ones()
    {
        var (_, elsewhere) = await Raw().RawLogIn("hoidong4", DemoAccounts.Password);
        var client = await factory.LoggedIn("hoidong4");
        var page = await client.GetDocument("/Account/Manage");
        Assert.True(page.QuerySelectorAll("tbody tr").Length >= 2);

        var response = await client.PostForm("/Account/Manage", "form[action$='handler=End']:not(:has(input[name='session']))", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await Open(Raw(), elsewhere!));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Another_user_s_session_cannot_be_ended_by_its_id()
    {
        var (_, victim) = await Raw().RawLogIn("tanphuoc", DemoAccounts.Password);
        var id = await factory.WithDb(db => db.UserSessions.Where(s => s.UserName == "tanphuoc" && s.EndedAtUtc == null).Select(s => s.Id).FirstAsync());

        await Assert.ThrowsAsync<NotFoundException>(async () => await factory.SendAsync(new ManageModel.EndOthers(await factory.UserAsync("chogao"), id)));

        Assert.Equal(HttpStatusCode.OK, await Open(Raw(), victim!));
    }
}

/// <summary>What the server writes is readable by its own account only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class FileModeTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    [SqliteFact]
    public async Task The_database_and_the_data_folder_are_private()
    {
        await factory.WithDb(db => db.Users.CountAsync());

        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(factory.DatabasePath));
        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(factory.Folder));
    }

    [Fact]
    public async Task Evidence_files_and_their_folders_are_private()
    {
        var store = (Infrastructure.Evidence.EvidenceStore)factory.Services.GetService(typeof(Infrastructure.Evidence.EvidenceStore))!;
        using var content = new MemoryStream(EvidenceSamples.Pdf);

        var stored = await store.Save(content, "bao-cao.pdf", CancellationToken.None);

        var files = Directory.EnumerateFiles(factory.Folder, "*", SearchOption.AllDirectories).Where(f => f.Contains(stored.Sha256, StringComparison.Ordinal)).ToList();
        var file = Assert.Single(files);
        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(file));
        Assert.Equal(PrivateFiles.FolderMode, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
    }
}
