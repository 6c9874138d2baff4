using Microsoft.Playwright;

namespace Emulation.Browser.Tests;

/// <summary>
/// The 2025 reorganisation on the demo year: the administrator merges two communes of Chợ Gạo from
/// 01/07/2025 into a new commune; the units tree shows the succession and the 2017 rankings still
/// show both old communes with their names and scores.
/// </summary>
public sealed class UnitsJourneyTests(DemoYearBrowserFixture fixture) : IClassFixture<DemoYearBrowserFixture>
{
    private const string Password = "Demo@2017";

    [SkippableFact]
    public async Task The_administrator_merges_two_communes_and_the_tree_and_the_2017_rankings_read_correctly()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed at /usr/bin/chromium (and CI is not set).");
        var page = await fixture.NewPage();
        var problems = Watch(page);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync("admin");
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath != "/Account/Login");

        // The 2017 ranking of the Chợ Gạo communes before the merge.
        await page.GotoAsync("/Rankings?block=K-XA-CG");
        var before = await Scores(page);
        Assert.True(before.ContainsKey("UBND xã Bình Ninh") && before.ContainsKey("UBND xã Bình Phan"), string.Join(", ", before.Keys));

        // From the tree: the line of Bình Ninh leads to the merge form with it ticked.
        await page.GotoAsync("/Admin/Units");
        await page.Locator("details.unit-group[data-group='CHOGAO'] > summary").ClickAsync();
        var binhNinh = page.Locator("tr[data-unit='CG-BINHNINH']");
        await binhNinh.GetByText("Thay đổi").ClickAsync();
        await binhNinh.GetByRole(AriaRole.Link, new() { Name = "Sáp nhập…" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Sáp nhập, chia tách đơn vị");
        var form = page.Locator("#merge-form");
        await Assertions.Expect(form.Locator("input[value='CG-BINHNINH']")).ToBeCheckedAsync();
        await form.Locator("input[value='CG-BINHPHAN']").CheckAsync();
        await form.GetByLabel("Ngày hiệu lực", new() { Exact = true }).FillAsync("2025-07-01");
        await form.GetByLabel("Mã", new() { Exact = true }).FillAsync("CG-BINHNINHPHAN");
        await form.GetByLabel("Tên tiếng Việt", new() { Exact = true }).FillAsync("UBND xã Bình Ninh Phan");
        await form.GetByLabel("Tên tiếng Anh", new() { Exact = true }).FillAsync("Bình Ninh Phan Commune People's Committee");
        await form.Locator("#merge-kind").SelectOptionAsync("commune");
        await form.GetByLabel("Lý do", new() { Exact = true }).FillAsync("Nghị quyết 1234/NQ-UBTVQH15");
        await form.Locator("input[name='Merge.Confirmed']").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Sáp nhập", Exact = true }).ClickAsync();

        // The tree, searched for the new commune, shows the succession both ways.
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Admin/Units");
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã sáp nhập vào CG-BINHNINHPHAN");
        await Assertions.Expect(page.Locator("tr[data-unit='CG-BINHNINHPHAN']")).ToContainTextAsync("Hợp nhất từ UBND xã Bình Ninh (CG-BINHNINH), UBND xã Bình Phan (CG-BINHPHAN)");
        await page.GotoAsync("/Admin/Units?q=binh ninh");
        await Assertions.Expect(page.Locator("tr[data-unit='CG-BINHNINH']")).ToContainTextAsync("Sáp nhập vào UBND xã Bình Ninh Phan (CG-BINHNINHPHAN) từ ngày 01/07/2025");
        await Assertions.Expect(page.Locator("tr[data-unit='CG-BINHNINH']")).ToContainTextAsync("30/06/2025");

        // 2017 is untouched: both old communes, their names and scores.
        await page.GotoAsync("/Rankings?block=K-XA-CG");
        Assert.Equal(before, await Scores(page));
        Assert.DoesNotContain("Bình Ninh Phan", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(problems);
    }

    private static async Task<Dictionary<string, string>> Scores(IPage page)
    {
        var rows = page.Locator(".ranking-table tbody tr");
        var scores = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < await rows.CountAsync(); i++)
        {
            var row = rows.Nth(i);
            scores[(await row.Locator("th a").InnerTextAsync()).Trim()] = (await row.Locator("td.score").InnerTextAsync()).Trim();
        }

        return scores;
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
