using Microsoft.Playwright;

namespace Emulation.Browser.Tests;

/// <summary>
/// The charts draw, on the demo year: Chợ Gạo's head follows "Biểu đồ" from the home page (whose
/// trend is drawn too) on a desktop and on a phone; Sở Nội vụ opens the ranking page and the heat
/// map. No console or Content-Security-Policy error anywhere, no sideways scrolling on a phone.
/// </summary>
public sealed class ChartJourneyTests(DemoYearBrowserFixture fixture) : IClassFixture<DemoYearBrowserFixture>
{
    private const string Password = "Demo@2017";

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Chợ_Gạo_s_head_sees_the_units_charts_drawn(bool phone)
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed at /usr/bin/chromium (and CI is not set).");
        var page = await fixture.NewPage(phone);
        var problems = Watch(page);
        await LogIn(page, "chogao");

        await Assertions.Expect(page.Locator("canvas#home-trend")).ToHaveAttributeAsync("data-rendered", "true");
        await page.GetByRole(AriaRole.Link, new() { Name = "Biểu đồ", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Biểu đồ của UBND huyện Chợ Gạo");
        foreach (var id in new[] { "trend", "area-profile", "one-stop" })
        {
            var canvas = page.Locator($"canvas#{id}");
            await Assertions.Expect(canvas).ToHaveAttributeAsync("data-rendered", "true");
            Assert.True(await Drawn(canvas), $"{id} has pixels drawn");
        }

        await page.GetByText("Xem số liệu dạng bảng").First.ClickAsync();
        await Assertions.Expect(page.Locator("figure.chart table").First).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task Sở_Nội_vụ_sees_the_block_ranking_charts_and_the_heat_map()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed at /usr/bin/chromium (and CI is not set).");
        var page = await fixture.NewPage();
        var problems = Watch(page);
        await LogIn(page, "noivu");

        await page.GotoAsync("/Rankings");
        var charts = page.Locator("section.ranking canvas[data-chart]");
        Assert.True(await charts.CountAsync() >= 6);
        await Assertions.Expect(charts.First).ToHaveAttributeAsync("data-rendered", "true");
        Assert.True(await Drawn(charts.First), "the first block's chart has pixels drawn");

        await page.GetByRole(AriaRole.Link, new() { Name = "Biểu đồ", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Bản đồ nhiệt các tháng");
        Assert.Equal(61, await page.Locator("table.heat-map tbody tr").CountAsync());
        await page.Locator("table.heat-map tbody tr th a").First.ClickAsync();
        await Assertions.Expect(page.Locator("canvas#trend")).ToHaveAttributeAsync("data-rendered", "true");
        Assert.Empty(problems);
    }

    private static async Task LogIn(IPage page, string user)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync(user);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    /// <summary>Whether the canvas holds drawn (non-transparent) pixels.</summary>
    private static Task<bool> Drawn(ILocator canvas) =>
        canvas.EvaluateAsync<bool>("""
            c => {
              if (!c.width || !c.height) return false;
              const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              for (let i = 3; i < data.length; i += 4) { if (data[i] !== 0) return true; }
              return false;
            }
            """);

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
