using System.Net;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Verification;
using Microsoft.EntityFrameworkCore;
using static Emulation.Web.Tests.AssessmentSupport;

namespace Emulation.Web.Tests.Verification;

/// <summary>
/// A verifier closes a month out as missing for a unit that never submitted, once its deadline has
/// passed; a month whose every unit is verified or closed out is locked and published. Tests that
/// move time forward, or need a month untouched by others, start their own application.
/// </summary>
public sealed class CloseOutTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    private static string Page(string unit, int month) => $"/Verification/{unit}/{month}/CloseOut";

    [Fact]
    public async Task Closing_out_before_the_deadline_is_refused_and_after_it_accepted()
    {
        using var own = new EmulationFactory();
        var verifier = await own.LoggedIn("noivu");

        // 28/11/2017: November is due on 05/12/2017.
        var early = await verifier.GetDocument(Page("STP", 11));
        Assert.Null(early.QuerySelector("#closeout-form"));
        Assert.Contains("Chưa quá hạn nộp (05/12/2017)", early.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        var forged = await verifier.Post(Page("STP", 11), [new("__RequestVerificationToken", early.Token()), new("Version", "0"), new("Reason", "Không nộp")]);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Chưa quá hạn nộp (05/12/2017).", (await forged.ReadDocument()).Errors(), StringComparison.Ordinal);
        Assert.Null(await own.Stored("STP", 11));

        // 06/12/2017: the day after the deadline.
        own.Time.Advance(TimeSpan.FromDays(8));
        var page = await verifier.GetDocument(Page("STP", 11));
        var fields = Forms.Fields(page.Form("#closeout-form"));
        fields.Set("Reason", "Đơn vị không gửi bản tự chấm dù đã được nhắc hai lần");

        var response = await verifier.Post(Page("STP", 11), fields);

        response.Redirected("/Verification?month=11");
        var stored = await own.Stored("STP", 11);
        Assert.Equal((SubmissionStatus.Missing, "Đơn vị không gửi bản tự chấm dù đã được nhắc hai lần"), (stored!.Status, stored.MissingReason));
        var queue = await own.SendAsync(new IndexModel.Query(await own.UserAsync("noivu"), "11", null, null, null));
        var row = queue.Rows.Single(r => r.Unit == "STP");
        Assert.Equal((SubmissionStatus.Missing, own.Campaign().MissingMonthScore), (row.Status, row.AppraisedTotal));
        Assert.Equal(1, queue.Completeness.Missing);
        var audit = await own.WithDb(db => db.AuditEntries.SingleAsync(a => a.Action == "submission.closed-out"));
        Assert.Equal(("noivu", "Đơn vị không gửi bản tự chấm dù đã được nhắc hai lần"), (audit.Who, audit.Reason));
    }

    [Fact]
    public async Task Publishing_is_refused_naming_the_units_neither_verified_nor_closed_out_and_then_locks_a_month_of_missing_units()
    {
        using var own = new EmulationFactory();
        var noivu = await own.UserAsync("noivu");
        var codes = await own.WithDb(db => db.BlockMemberships.Where(m => m.CampaignId == CampaignId).Select(m => m.Unit!.Code).ToListAsync());
        foreach (var code in codes.Where(c => c is not ("CHOGAO" or "STP")))
        {
            await own.SendAsync(new CloseOutModel.Command(noivu, code, 1, 0, "Không nộp"));
        }

        var verifier = await own.LoggedIn("noivu");
        var page = await verifier.GetDocument("/Verification?month=1");
        Assert.Null(page.QuerySelector("form.publish-form"));
        Assert.Contains("2 đơn vị chưa được thẩm định hoặc ghi nhận không nộp: CHOGAO, STP", page.QuerySelector("li[data-problem='not-verified']")!.Text(), StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<DomainException>(() => own.SendAsync(new IndexModel.Publish(noivu, 1, true)));
        Assert.Equal("Publish.NotVerified", refused.Key);
        var forged = await verifier.Post("/Verification?handler=Publish&month=1", [new("__RequestVerificationToken", page.Token()), new("Confirmed", "true")]);
        Assert.Contains("Chưa khóa được: 2 đơn vị chưa được thẩm định hoặc ghi nhận không nộp (CHOGAO, STP).", (await forged.ReadDocument()).Errors(), StringComparison.Ordinal);

        await own.SendAsync(new CloseOutModel.Command(noivu, "CHOGAO", 1, 0, "Không nộp"));
        await own.SendAsync(new CloseOutModel.Command(noivu, "STP", 1, 0, "Không nộp"));
        var ready = await verifier.GetDocument("/Verification?month=1");
        var fields = Forms.Fields(ready.Form("form.publish-form"));
        fields.Set("Confirmed", "true");
        var response = await verifier.Post("/Verification?handler=Publish&month=1", fields);

        response.Redirected("/Verification?month=1");
        var publication = Assert.Single(await own.Publications(1));
        Assert.Equal(codes.Count, publication.Units.Count);
        Assert.All(publication.Units, u => Assert.True(u.Missing));
        Assert.All((await own.MonthOf(1)).Values, s => Assert.Equal((SubmissionStatus.Locked, SubmissionStatus.Missing), (s.Status, s.LockedFrom)));
        var after = await own.SendAsync(new IndexModel.Query(noivu, "1", null, null, null));
        Assert.Equal((codes.Count, codes.Count, 0), (after.Completeness.Missing, after.Counts[SubmissionStatus.Locked], after.Completeness.Verified));
    }

    [Fact]
    public async Task A_submitted_month_cannot_be_closed_out()
    {
        var chogao = await factory.LoggedIn("chogao");
        (await chogao.Post(Url("CHOGAO", 10, "Submit"), AnswerAll(await chogao.MonthForm("CHOGAO", 10), factory.Month("district", 10)))).Redirected("/Assessments/CHOGAO/10");
        var verifier = await factory.LoggedIn("noivu");

        var noivu = await factory.UserAsync("noivu");
        var version = (await factory.Stored("CHOGAO", 10))!.Version;

        var page = await verifier.GetDocument(Page("CHOGAO", 10));
        var refused = await Assert.ThrowsAsync<DomainException>(() => factory.SendAsync(new CloseOutModel.Command(noivu, "CHOGAO", 10, version, "Không nộp")));

        Assert.Null(page.QuerySelector("#closeout-form"));
        Assert.Contains("Không thể ghi nhận \"không nộp\" cho bản ở trạng thái \"Đã nộp\"", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Submission.CannotCloseOut", refused.Key);
        Assert.Equal(SubmissionStatus.Submitted, (await factory.Stored("CHOGAO", 10))!.Status);
    }

    [Fact]
    public async Task A_close_out_needs_a_reason_and_the_page_keeps_the_form()
    {
        var verifier = await factory.LoggedIn("noivu");
        var fields = Forms.Fields((await verifier.GetDocument(Page("TANPHUOC", 9))).Form("#closeout-form"));
        fields.Set("Reason", "");

        var response = await verifier.Post(Page("TANPHUOC", 9), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Contains("Cần ghi lý do.", page.Errors(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#closeout-form"));
        Assert.Null(await factory.Stored("TANPHUOC", 9));
    }

    [Fact]
    public async Task Administrators_read_the_page_but_only_a_verifier_closes_out()
    {
        var admin = await factory.LoggedIn("admin");
        var page = await admin.GetDocument(Page("STP", 7));
        Assert.Null(page.QuerySelector("#closeout-form"));

        var response = await admin.Post(Page("STP", 7), [new("__RequestVerificationToken", page.Token()), new("Version", "0"), new("Reason", "Không nộp")]);

        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.PathOnly());
        foreach (var user in new[] { "admin", "stp", "chogao.staff" })
        {
            var principal = await factory.UserAsync(user);
            await Assert.ThrowsAsync<NotFoundException>(() => factory.SendAsync(new CloseOutModel.Command(principal, "STP", 7, 0, "Không nộp")));
        }

        var head = await factory.LoggedIn("stp");
        var byHead = await head.Post(Page("STP", 7), [new("__RequestVerificationToken", page.Token()), new("Version", "0"), new("Reason", "Không nộp")]);
        Assert.Equal("/Account/AccessDenied", byHead.Headers.Location!.PathOnly());
        Assert.Null(await factory.Stored("STP", 7));
    }
}
