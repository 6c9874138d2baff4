using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Emulation.Browser.Tests;

/// <summary>
/// The year end on the demo year: admin forces the proposal after October with a reason, the four
/// members and the chair vote (hoidong1, of Sở Tư pháp, is recused from it), the chair closes and
/// confirms, and the documents download.
/// </summary>
public sealed class AwardsJourneyTests(DemoYearBrowserFixture fixture) : IClassFixture<DemoYearBrowserFixture>
{
    private const string Password = "Demo@2017";

    [SkippableFact]
    public async Task Admin_forces_the_proposal_the_council_votes_with_hoidong1_recused_the_chair_closes_and_the_documents_download()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed at /usr/bin/chromium (and CI is not set).");
        var problems = new List<string>();

        var admin = await SignedIn("admin", problems);
        await admin.GotoAsync("/Awards");
        await admin.GetByLabel("Lý do lập đề nghị sớm").FillAsync("Hội đồng họp ngày 05/12 trước khi tháng 11 được công bố");
        admin.Dialog += (_, dialog) => dialog.AcceptAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Lập đề nghị khen thưởng" }).ClickAsync();
        await Assertions.Expect(admin.Locator(".flash")).ToContainTextAsync("Đã lập đề nghị khen thưởng số 1");
        await Assertions.Expect(admin.Locator("h2").First).ToContainTextAsync("lũy kế đến tháng 10/2017");

        foreach (var member in new[] { "hoidong1", "hoidong2", "hoidong3", "hoidong4", "chutich" })
        {
            var page = await SignedIn(member, problems);
            await page.GotoAsync("/Awards");
            var stp = page.Locator("table.award-table tr.selected", new() { HasText = "Sở Tư pháp" }).First;
            if (member == "hoidong1")
            {
                await Assertions.Expect(stp).ToContainTextAsync("Bạn thuộc đơn vị này: không bỏ phiếu");
                Assert.Equal(0, await stp.Locator("input[type=radio]").CountAsync());
            }

            var ballots = page.Locator("fieldset.vote");
            var count = await ballots.CountAsync();
            Assert.True(count > 0, $"{member} has candidates to vote on");
            for (var i = 0; i < count; i++)
            {
                await ballots.Nth(i).Locator(member == "hoidong4" && i == count - 1 ? "input[value=Abstain]" : "input[value=Agree]").CheckAsync();
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu phiếu" }).ClickAsync();
            await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã lưu phiếu");
            await Assertions.Expect(page.Locator(".progress-list li", new() { HasText = member })).ToContainTextAsync("— đã bỏ phiếu (");
            if (member == "chutich")
            {
                page.Dialog += (_, dialog) => dialog.AcceptAsync();
                await page.Locator("#close-form input[name=Confirmed]").CheckAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Kết thúc bỏ phiếu và kiểm phiếu" }).ClickAsync();
                await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã kết thúc bỏ phiếu");
                await Assertions.Expect(stp).ToContainTextAsync("Thông qua");
                await Assertions.Expect(stp).ToContainTextAsync("Tránh bỏ phiếu: hoidong1");
                await page.Locator("#confirm-form input[name=Confirmed]").CheckAsync();
                await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận quyết định" }).ClickAsync();
                await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã xác nhận quyết định");

                foreach (var (link, file) in new[] { ("Danh sách được đề nghị (.xlsx)", "danh-sach-khen-thuong-2017.xlsx"), ("Tờ trình (.docx)", "to-trinh-khen-thuong-2017.docx"), ("Biên bản họp Hội đồng (.docx)", "bien-ban-hop-hoi-dong-2017.docx") })
                {
                    var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync());
                    Assert.Equal(file, download.SuggestedFilename);
                    var path = await download.PathAsync();
                    Assert.True(new FileInfo(path).Length > 1000, $"{file} has content");
                }
            }
        }

        var decided = await fixture.App.WithDb(db => db.Proposals.Include(p => p.Candidates).SingleAsync());
        Assert.Equal(ProposalStatus.Decided, decided.Status);
        Assert.Equal(["hoidong1"], decided.Candidates.Single(c => c.Award == "flag" && c.UnitCode == "STP").RecusedMembers);
        Assert.Empty(problems);
    }

    private async Task<IPage> SignedIn(string userName, List<string> problems)
    {
        var page = await fixture.NewPage();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"{userName}: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"{userName}: {error}");
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        return page;
    }
}
