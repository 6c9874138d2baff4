using Emulation.Web.Domain;
using Emulation.Web.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Emulation.Browser.Tests;

/// <summary>
/// A province brings in its first quarter from spreadsheets, on a demo database without history
/// (<c>Emulation:DemoHistory=false</c>): Sở Nội vụ imports January–March for every unit from a
/// file with an error, reads the error, fixes the file, imports it, locks and publishes the three
/// months, and reads the ranking.
/// </summary>
public sealed class ImportJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Demo@2017";

    [SkippableFact]
    public async Task Sở_Nội_vụ_imports_the_first_quarter_fixes_the_file_s_error_publishes_the_months_and_reads_the_ranking()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed at /usr/bin/chromium (and CI is not set).");
        Assert.False(fixture.App.DemoHistory);
        var members = await fixture.App.Members();
        var rows = ImportSupport.Rows(ImportSupport.CampaignOf(fixture.App), members, [1, 2, 3]).ToList();
        var wrong = rows.FindIndex(r => r.Denominator is not null && r.Month == 2);
        var broken = rows.ToList();
        broken[wrong] = rows[wrong] with { Value = "chín mươi" };

        var noivu = await SignedIn("noivu");
        await noivu.GotoAsync("/Verification");
        await noivu.GetByRole(AriaRole.Link, new() { Name = "Nhập số liệu" }).ClickAsync();
        await noivu.WaitForURLAsync("**/Verification/Import");
        await noivu.GetByLabel("Tệp số liệu (.csv hoặc .xlsx)").SetInputFilesAsync(File("quy-1-2017.csv", broken));
        await noivu.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra và nhập" }).ClickAsync();

        var problems = noivu.Locator(".import-problems li");
        await Assertions.Expect(problems).ToHaveCountAsync(1);
        await Assertions.Expect(problems.First).ToContainTextAsync($"Dòng {wrong + 2}, cột 7 (value)");
        await Assertions.Expect(problems.First).ToContainTextAsync("chín mươi");
        await Assertions.Expect(noivu.Locator(".import-errors")).ToContainTextAsync("Không có gì được ghi");
        Assert.Equal(0, await fixture.App.WithDb(db => db.Submissions.CountAsync()));

        await noivu.GetByLabel("Tệp số liệu (.csv hoặc .xlsx)").SetInputFilesAsync(File("quy-1-2017.csv", rows));
        await noivu.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra và nhập" }).ClickAsync();
        await noivu.WaitForURLAsync("**/Verification?month=1");
        await Assertions.Expect(noivu.Locator(".flash")).ToContainTextAsync($"Đã nhập {rows.Count} dòng");
        Assert.Equal(members.Count * 3, await fixture.App.WithDb(db => db.Submissions.CountAsync(s => s.Status == SubmissionStatus.Verified)));

        noivu.Dialog += (_, dialog) => dialog.AcceptAsync();
        foreach (var month in new[] { 1, 2, 3 })
        {
            await noivu.GotoAsync($"/Verification?month={month}");
            var publish = noivu.Locator("form.publish-form");
            await publish.Locator("input[name='Confirmed']").CheckAsync();
            await publish.Locator("button").ClickAsync();
            await Assertions.Expect(noivu.Locator(".publish-state")).ToContainTextAsync("Đã khóa và công bố (lần 1");
        }

        Assert.Equal(members.Count * 3, await fixture.App.WithDb(db => db.Submissions.CountAsync(s => s.Status == SubmissionStatus.Locked)));
        await noivu.GotoAsync("/Rankings");
        await Assertions.Expect(noivu.Locator("main")).ToContainTextAsync("3/2017");
        await Assertions.Expect(noivu.Locator(".ranking-table tbody tr").First).ToBeVisibleAsync();
        Assert.Equal(members.Count, await noivu.Locator(".ranking-table tbody tr").CountAsync());
        await Assertions.Expect(noivu.Locator("section.ranking canvas[data-chart]").First).ToHaveAttributeAsync("data-rendered", "true");
    }

    private static FilePayload File(string name, IEnumerable<Emulation.Core.Entries.EntriesRow> rows) => new()
    {
        Name = name,
        MimeType = "text/csv",
        Buffer = ImportSupport.Bytes(ImportSupport.Csv(rows)),
    };

    private async Task<IPage> SignedIn(string userName)
    {
        var page = await fixture.NewPage();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        return page;
    }
}
