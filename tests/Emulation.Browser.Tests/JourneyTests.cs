using Microsoft.Playwright;

namespace Emulation.Browser.Tests;

public sealed class JourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Demo@2017";

    [SkippableFact]
    public async Task A_unit_head_signs_in_sees_the_home_page_in_Vietnamese_and_switches_to_English()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed at /usr/bin/chromium (and CI is not set).");
        var page = await fixture.NewPage();

        await page.GotoAsync("/");
        Assert.EndsWith("/Account/Login?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Tên đăng nhập").FillAsync("chogao");
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.Equal("vi", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.Equal("Xin chào, Nguyễn Văn An", await page.Locator("h1").TextContentAsync());
        Assert.Contains("UBND huyện Chợ Gạo", await page.Locator("#unit-heading").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("28/11/2017", await page.Locator("footer time").TextContentAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await page.Locator("html[lang='en']").WaitForAsync();
        Assert.Equal("Welcome, Nguyễn Văn An", await page.Locator("h1").TextContentAsync());
        var unitHeading = await page.Locator("#unit-heading").TextContentAsync();
        Assert.StartsWith("Unit: ", unitHeading, StringComparison.Ordinal);
        Assert.Contains("District", unitHeading, StringComparison.Ordinal);
        Assert.Equal("28/11/2017", await page.Locator("footer time").TextContentAsync());
        Assert.True(await page.GetByRole(AriaRole.Button, new() { Name = "Tiếng Việt" }).IsVisibleAsync());
    }

    [SkippableFact]
    public async Task The_area_maxima_chart_renders_with_Chart_js_from_LibMan()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed at /usr/bin/chromium (and CI is not set).");
        var page = await fixture.NewPage();
        await SignIn(page, "admin");

        await page.GotoAsync("/Admin");

        await page.Locator("canvas#area-maxima[data-rendered='true']").WaitForAsync();
        Assert.Equal("4.5.1", await page.EvaluateAsync<string>("() => window.Chart.version"));
        var bars = await page.EvaluateAsync<int>("() => window.Chart.getChart('area-maxima').getDatasetMeta(0).data.length");
        var areas = await page.Locator("#area-maxima-data").TextContentAsync();
        Assert.True(bars >= 8, $"one bar per area, got {bars} for {areas}");
        var painted = await page.EvaluateAsync<bool>("""
            () => {
              const c = document.getElementById('area-maxima');
              const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) return true; }
              return false;
            }
            """);
        Assert.True(painted, "the canvas has painted pixels");
    }

    [SkippableFact]
    public async Task The_first_tab_on_the_public_page_reaches_the_skip_link_to_the_content()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed at /usr/bin/chromium (and CI is not set).");
        var page = await fixture.NewPage();
        await page.GotoAsync("/Public");

        await page.Keyboard.PressAsync("Tab");

        Assert.Equal("Bỏ qua, đến nội dung chính", await page.EvaluateAsync<string>("() => document.activeElement.textContent"));
        await page.Keyboard.PressAsync("Enter");
        Assert.EndsWith("#main", page.Url, StringComparison.Ordinal);
    }

    private static async Task SignIn(IPage page, string userName)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }
}
