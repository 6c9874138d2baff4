using System.Text;
using Microsoft.Playwright;

namespace Emulation.Browser.Tests;

/// <summary>
/// The month a unit lives through: Chợ Gạo's staff member drafts November with an evidence file
/// uploaded, the live preview following what is typed; the head completes and submits it.
/// </summary>
public sealed class AssessmentJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "Demo@2017";

    [SkippableFact]
    public async Task Chợ_Gạos_staff_drafts_with_an_evidence_file_and_the_head_submits()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed at /usr/bin/chromium (and CI is not set).");
        var staff = await fixture.NewPage();
        var problems = Watch(staff);
        await SignIn(staff, "chogao.staff");

        await staff.GetByRole(AriaRole.Link, new() { Name = "Tự chấm điểm", Exact = true }).First.ClickAsync();
        await staff.GetByRole(AriaRole.Link, new() { Name = "Tháng 11/2017" }).ClickAsync();
        await staff.WaitForURLAsync("**/Assessments/CHOGAO/11");
        Assert.Contains("còn 7 ngày", await staff.Locator(".status-line").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await staff.Locator("button", new() { HasText = "Nộp bản tự chấm" }).CountAsync());

        // The first criterion is a ratio: typing it changes the preview, scored by the server.
        var first = staff.Locator(".criterion").First;
        var code = await first.GetAttributeAsync("data-code");
        var total = staff.Locator("#month-total");
        Assert.Equal("0,00", await total.TextContentAsync());
        await first.Locator("input[name$='.Value']").FillAsync("8");
        await first.Locator("input[name$='.Denominator']").FillAsync("10");
        await Expect(total).Not.ToHaveTextAsync("0,00");
        Assert.NotEqual("—", await staff.Locator($"output[data-points='{code}']").TextContentAsync());

        // Evidence for the first criterion that requires it: a PDF file.
        var needsEvidence = staff.Locator(".criterion:has(.tag)").First;
        var evidenceCode = await needsEvidence.GetAttributeAsync("data-code");
        await needsEvidence.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "bao-cao-thang-11.pdf",
            MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
        });
        await staff.GetByRole(AriaRole.Button, new() { Name = "Lưu nháp" }).ClickAsync();

        await Expect(staff.Locator(".flash")).ToContainTextAsync("Đã lưu nháp");
        var saved = staff.Locator($".criterion[data-code='{evidenceCode}']");
        await saved.Locator("summary").ClickAsync();
        await Expect(saved.Locator(".evidence-list")).ToContainTextAsync("bao-cao-thang-11.pdf");
        Assert.Equal("8", await staff.Locator(".criterion").First.Locator("input[name$='.Value']").InputValueAsync());
        Assert.Empty(problems);

        var head = await fixture.NewPage();
        var headProblems = Watch(head);
        await SignIn(head, "chogao");
        await head.GotoAsync("/Assessments/CHOGAO/11");
        await AnswerEverything(head);
        head.Dialog += (_, dialog) => dialog.AcceptAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "Nộp bản tự chấm" }).ClickAsync();

        await Expect(head.Locator(".flash")).ToContainTextAsync("Đã nộp bản tự chấm");
        await Expect(head.Locator(".badge").First).ToHaveTextAsync("Đã nộp");
        Assert.Equal(0, await head.Locator("#month-form input[name$='.Value']").CountAsync());
        Assert.Empty(headProblems);
    }

    /// <summary>Answers every criterion still empty the way a careful head would, and gives a document as evidence where one is missing.</summary>
    private static async Task AnswerEverything(IPage page)
    {
        var criteria = page.Locator("#month-form .criterion");
        var count = await criteria.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var criterion = criteria.Nth(i);
            var radios = criterion.Locator("input[type=radio]");
            if (await radios.CountAsync() > 0)
            {
                await radios.First.CheckAsync();
            }

            foreach (var name in new[] { ".Denominator", ".Value" })
            {
                var input = criterion.Locator($"input[type=text][name$='{name}'], input:not([type])[name$='{name}']");
                if (await input.CountAsync() > 0 && string.IsNullOrEmpty(await input.InputValueAsync()))
                {
                    await input.FillAsync(name == ".Denominator" ? "10" : "1");
                }
            }

            var number = criterion.Locator("input[name$='.ReferenceNumber']");
            if (await criterion.Locator(".tag").CountAsync() > 0 && await criterion.Locator(".evidence-list li").CountAsync() == 0)
            {
                await criterion.Locator("summary").ScrollIntoViewIfNeededAsync();
                if (!await number.IsVisibleAsync())
                {
                    await criterion.Locator("summary").ClickAsync();
                }

                await number.FillAsync($"{i + 1}/BC-UBND");
                await criterion.Locator("input[name$='.ReferenceDate']").FillAsync("2017-11-20");
                await criterion.Locator("input[name$='.ReferenceIssuer']").FillAsync("UBND huyện Chợ Gạo");
            }
        }
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

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static async Task SignIn(IPage page, string userName)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Tên đăng nhập").FillAsync(userName);
        await page.GetByLabel("Mật khẩu").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }
}
