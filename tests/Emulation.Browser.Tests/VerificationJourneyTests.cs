using Emulation.Core.Campaigns;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Emulation.Browser.Tests;

/// <summary>
/// November's verification on the demo year: Sở Nội vụ returns Chợ Gạo's submission with a finding,
/// Chợ Gạo corrects and resubmits, Sở Nội vụ adjusts one criterion and accepts, and the month is
/// locked and published.
/// </summary>
public sealed class VerificationJourneyTests(DemoYearBrowserFixture fixture) : IClassFixture<DemoYearBrowserFixture>
{
    private const string Password = "Demo@2017";

    [SkippableFact]
    public async Task Sở_Nội_vụ_returns_Chợ_Gạo_s_November_Chợ_Gạo_resubmits_it_is_adjusted_accepted_and_the_month_published()
    {
        Skip.IfNot(BrowserFixture.Available, "Chromium is not installed at /usr/bin/chromium (and CI is not set).");
        var (finding, code) = await Arrange();

        var noivu = await SignedIn("noivu");
        await noivu.GotoAsync("/Verification?month=11");
        var row = noivu.Locator("tr", new() { HasText = "UBND huyện Chợ Gạo" });
        await row.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("Thẩm định|Xem") }).First.ClickAsync();
        await noivu.WaitForURLAsync("**/Verification/CHOGAO/11");
        var criterion = noivu.Locator($".criterion[data-code='{finding}']");
        await criterion.Locator("details.finding-box summary").ClickAsync();
        await criterion.Locator("textarea[name$='.Finding']").FillAsync("Chưa đính kèm báo cáo tháng 11 có chữ ký của thủ trưởng");
        noivu.Dialog += (_, dialog) => dialog.AcceptAsync();
        await noivu.Locator("button[formaction*='handler=Return']").ClickAsync();
        await Assertions.Expect(noivu.Locator(".flash")).ToBeVisibleAsync();
        Assert.Equal(SubmissionStatus.Returned, await Status("CHOGAO"));

        var chogao = await SignedIn("chogao");
        await chogao.GotoAsync("/Assessments/CHOGAO/11");
        await Assertions.Expect(chogao.Locator(".findings")).ToContainTextAsync("Chưa đính kèm báo cáo tháng 11");
        await chogao.Locator($".criterion[data-code='{finding}'] textarea[name$='.Note']").FillAsync("Đã bổ sung báo cáo số 215/BC-UBND");
        chogao.Dialog += (_, dialog) => dialog.AcceptAsync();
        await chogao.GetByRole(AriaRole.Button, new() { Name = "Nộp lại" }).ClickAsync();
        await Assertions.Expect(chogao.Locator(".flash")).ToContainTextAsync("Đã nộp bản tự chấm");
        Assert.Equal(SubmissionStatus.Submitted, await Status("CHOGAO"));

        await noivu.GotoAsync("/Verification/CHOGAO/11");
        var count = noivu.Locator($".criterion[data-code='{code}']");
        await count.Locator("input[name$='.Value']").FillAsync("0");
        await count.Locator("textarea[name$='.Reason']").FillAsync("Không có văn bản chứng minh số liệu");
        // The page previews the figures 0.4 s after typing (review.js); none may leave once the
        // form is sent, or one answered after the redirect reads the page's one-time message.
        var previewsAfterSubmit = 0;
        var submitted = false;
        noivu.Request += (_, request) =>
        {
            if (submitted && request.Url.Contains("handler=Preview", StringComparison.OrdinalIgnoreCase))
            {
                previewsAfterSubmit++;
            }
        };
        // A slow server: the accept answers after the preview's 0.4 s would have run out.
        await noivu.RouteAsync(url => url.Contains("handler=Accept", StringComparison.OrdinalIgnoreCase), async route =>
        {
            await Task.Delay(800);
            await route.ContinueAsync();
        });
        await count.Locator("input[name$='.Value']").FillAsync("0");
        submitted = true;
        await noivu.Locator("button[formaction*='handler=Accept']").ClickAsync();
        await Assertions.Expect(noivu.Locator(".flash")).ToBeVisibleAsync();
        await noivu.UnrouteAllAsync();
        Assert.Equal(0, previewsAfterSubmit);
        var stored = await Stored("CHOGAO");
        Assert.Equal(SubmissionStatus.Verified, stored.Status);
        Assert.Equal(("0", "Không có văn bản chứng minh số liệu"), (stored.EntryFor(code)!.AppraisedValue, stored.EntryFor(code)!.AdjustmentReason));

        await noivu.GotoAsync("/Verification?month=11");
        var publish = noivu.Locator("form.publish-form");
        await publish.Locator("input[name='Confirmed']").CheckAsync();
        await publish.Locator("button").ClickAsync();
        await Assertions.Expect(noivu.Locator(".publish-state")).ToContainTextAsync("Đã khóa và công bố (lần 1");
        Assert.Equal(SubmissionStatus.Locked, await Status("CHOGAO"));

        var citizen = await fixture.NewPage(phone: true);
        await citizen.GotoAsync("/Public");
        await Assertions.Expect(citizen.Locator("main")).ToContainTextAsync("đến hết tháng 11/2017");
    }

    /// <summary>
    /// The month as a verifier would find it on 6/12/2017, after its deadline: Chợ Gạo has submitted
    /// everything; every other unit is verified or closed out as missing. Returns the code of a
    /// criterion of Chợ Gạo's to find fault with, and of a count criterion to adjust.
    /// </summary>
    private async Task<(string Finding, string Count)> Arrange()
    {
        fixture.App.Time.Advance(TimeSpan.FromDays(8));
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmulationDb>();
        var clock = scope.ServiceProvider.GetRequiredService<BusinessClock>();
        var campaign = scope.ServiceProvider.GetRequiredService<CampaignCatalog>().Find("tien-giang-2017")!;
        var members = await db.BlockMemberships.Where(m => m.CampaignId == campaign.Id).Select(m => m.Unit!).ToListAsync();
        var november = await db.Submissions.Where(s => s.CampaignId == campaign.Id && s.Month == 11)
            .Include(s => s.Entries).Include(s => s.Files).Include(s => s.References).ToDictionaryAsync(s => s.UnitCode);
        var now = clock.UtcNow;
        string? finding = null, count = null;
        foreach (var unit in members)
        {
            var month = MonthFramework.For(campaign, unit.KindCode, 11);
            var submission = november.GetValueOrDefault(unit.Code);
            if (unit.Code == "CHOGAO")
            {
                submission!.SaveDraft(month, [.. month.DueLeaves.Select(c => Answer(c))], "chogao.staff", now);
                foreach (var criterion in month.DueLeaves.Where(c => c.EvidenceRequired && !submission.HasEvidence(c.Code)))
                {
                    submission.AddReference(month, criterion.Code, "210/BC-UBND", new DateOnly(2017, 11, 30), "UBND huyện Chợ Gạo", "chogao.staff", now);
                }

                submission.Submit(month, "chogao", now);
                finding = month.DueLeaves.First(c => c.EvidenceRequired).Code;
                count = month.DueLeaves.First(c => c.Method is CountMethod).Code;
                continue;
            }

            switch (submission?.Status)
            {
                case SubmissionStatus.Submitted:
                    submission.Verify(month, [], "noivu", now);
                    break;
                case null:
                    var missing = Submission.Start(unit, month, now);
                    missing.CloseOutAsMissing(month, "Không nộp bản tự chấm tháng 11", "noivu", now);
                    db.Submissions.Add(missing);
                    break;
                default:
                    submission.CloseOutAsMissing(month, "Không nộp bản tự chấm tháng 11", "noivu", now);
                    break;
            }
        }

        await db.SaveChangesAsync();
        return (finding!, count!);
    }

    private static EntryInput Answer(Criterion criterion) => criterion.Method switch
    {
        BinaryMethod => new(criterion.Code, "có", null, null),
        LevelsMethod levels => new(criterion.Code, levels.Options[0].Code, null, null),
        RatioMethod => new(criterion.Code, "1900", "2000", null),
        CountMethod => new(criterion.Code, "6", null, null),
        DeductionMethod => new(criterion.Code, "0", null, null),
        _ => new(criterion.Code, criterion.Max.ToString(System.Globalization.CultureInfo.InvariantCulture), null, null),
    };

    private async Task<Submission> Stored(string unit)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EmulationDb>().Submissions.AsNoTracking().Include(s => s.Entries)
            .SingleAsync(s => s.CampaignId == "tien-giang-2017" && s.Month == 11 && s.UnitCode == unit);
    }

    private async Task<SubmissionStatus> Status(string unit) => (await Stored(unit)).Status;

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
