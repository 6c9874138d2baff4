using Microsoft.Playwright;

namespace Emulation.Browser.Tests;

/// <summary>
/// Where a unit stands, on the demo year: Tân Phước's head opens the ranking and its explanation;
/// a citizen reads the public page on a phone.
/// </summary>
public sealed class RankingJourneyTests(DemoYearBrowserFixture fixture) : IClassFixture<DemoYearBrowserFixture>
{
    private const string Password = "Demo@2017";

    [SkippableFact]
    public async Task Tân_Phước_s_head_opens_the_ranking_and_the_explanation_of_its_score()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed at /usr/bin/chromium (and CI is not set).");
        var page = await fixture.NewPage();
        var problems = Watch(page);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync("tanphuoc");
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Xếp hạng", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Xếp hạng thi đua");
        Assert.Contains("đến hết tháng 10/2017", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        var districts = page.Locator("section.ranking", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Khối UBND các huyện" }) });
        var row = districts.Locator("tbody tr", new() { HasText = "UBND huyện Tân Phước" });
        var rank = (await row.Locator("td.rank").InnerTextAsync()).Trim().TrimEnd('=');
        var score = (await row.Locator("td.score").InnerTextAsync()).Trim();

        await row.GetByRole(AriaRole.Link, new() { Name = "UBND huyện Tân Phước" }).ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Điểm thi đua của UBND huyện Tân Phước");
        Assert.Equal(score, (await page.Locator(".big-score strong").InnerTextAsync()).Trim());
        Assert.Contains($"Hạng {rank} trong Khối UBND các huyện", await page.Locator("section.summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.Locator(".criteria-points tr.leaf").CountAsync() > 30);
        await page.Locator("#f-period").SelectOptionAsync("month");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await Assertions.Expect(page.Locator(".lead")).ToContainTextAsync("Kết quả riêng tháng 10/2017");
        Assert.Empty(problems);
    }

    [SkippableFact]
    public async Task A_citizen_reads_the_public_page_on_a_phone_without_signing_in()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed at /usr/bin/chromium (and CI is not set).");
        var page = await fixture.NewPage(phone: true);
        var problems = Watch(page);

        await page.GotoAsync("/Public");

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Kết quả thi đua công bố");
        Assert.True(await page.Locator(".ranking-table").CountAsync() >= 6);
        // The page itself never scrolls sideways on a phone: wide tables scroll inside their card.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");
        await page.Locator("#f-month").SelectOptionAsync("9");
        await page.Locator("#f-block").SelectOptionAsync("K-TH");
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem" }).ClickAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("đến hết tháng 9/2017");
        Assert.Equal(1, await page.Locator(".ranking-table").CountAsync());

        await page.Locator(".ranking-table tbody tr th a").First.ClickAsync();

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Điểm thi đua của");
        Assert.True(await page.Locator(".criteria-points tr.leaf").CountAsync() > 20);
        Assert.Equal(0, await page.Locator("#adjustments-heading").CountAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling");

        await page.GotoAsync("/Public?month=11");
        await Assertions.Expect(page.Locator("#not-published")).ToContainTextAsync("Tháng 11/2017 chưa công bố");
        Assert.Empty(problems);
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
