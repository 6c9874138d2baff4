using Microsoft.Playwright;

namespace Emulation.Browser.Tests;

/// <summary>
/// A new commune gets its head: `admin` creates the account, the head signs in with the one-time
/// password, must choose their own, and lands on the unit's home page.
/// </summary>
public sealed class AccountJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task Admin_creates_a_commune_head_who_changes_the_one_time_password_and_lands_on_the_unit_s_home_page()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed at /usr/bin/chromium (and CI is not set).");
        var admin = await fixture.NewPage();
        var problems = Watch(admin);
        await admin.GotoAsync("/Account/Login");
        await admin.GetByLabel("Tên đăng nhập").FillAsync("admin");
        await admin.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync("Demo@2017");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await admin.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        await admin.GotoAsync("/Admin/Users");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Tạo tài khoản" }).ClickAsync();
        await admin.GetByLabel("Tên đăng nhập").FillAsync("ubnd.binhninh");
        await admin.GetByLabel("Họ và tên").FillAsync("Lê Thị Hồng");
        await admin.GetByLabel("Chức vụ").FillAsync("Chủ tịch UBND xã");
        await admin.GetByLabel("Lãnh đạo đơn vị").CheckAsync();
        await admin.GetByLabel("Đơn vị", new() { Exact = true }).SelectOptionAsync("CG-BINHNINH");
        await admin.GetByLabel("Lý do").FillAsync("Xã mới có Chủ tịch");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Tạo tài khoản" }).ClickAsync();
        var password = (await admin.Locator(".one-time-password").TextContentAsync())!.Trim();
        Assert.Empty(problems);

        var head = await fixture.NewPage();
        var headProblems = Watch(head);
        await head.GotoAsync("/Account/Login");
        await head.GetByLabel("Tên đăng nhập").FillAsync("ubnd.binhninh");
        await head.GetByLabel("Mật khẩu", new() { Exact = true }).FillAsync(password);
        await head.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await head.WaitForURLAsync("**/Account/ChangePassword");
        await head.GotoAsync("/Assessments");
        await head.WaitForURLAsync("**/Account/ChangePassword");
        Assert.Contains("ít nhất 10 ký tự", await head.Locator("#password-rules").TextContentAsync(), StringComparison.Ordinal);
        await head.GetByLabel("Mật khẩu hiện tại").FillAsync(password);
        await head.GetByLabel("Mật khẩu mới", new() { Exact = true }).FillAsync("Cánh đồng Bình Ninh mùa nước nổi");
        await head.GetByLabel("Nhập lại mật khẩu mới").FillAsync("Cánh đồng Bình Ninh mùa nước nổi");
        await head.GetByRole(AriaRole.Button, new() { Name = "Đổi mật khẩu" }).ClickAsync();

        await head.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.Equal("Xin chào, Lê Thị Hồng", await head.Locator("h1").TextContentAsync());
        Assert.Contains("UBND xã Bình Ninh", await head.Locator("#unit-heading").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("Chủ tịch UBND xã, UBND xã Bình Ninh", await head.Locator(".who").TextContentAsync(), StringComparison.Ordinal);
        Assert.Empty(headProblems);
    }

    private static List<string> Watch(IPage page)
    {
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add(message.Text);
            }
        };
        page.PageError += (_, error) => problems.Add(error);
        return problems;
    }
}
