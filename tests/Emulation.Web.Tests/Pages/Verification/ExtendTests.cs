using System.Net;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Verification;
using static Emulation.Web.Tests.AssessmentSupport;

namespace Emulation.Web.Tests.Verification;

/// <summary>
/// A verifier extends one unit's deadline for one month, through the page's form. The business date
/// is 28/11/2017: October's deadline (05/11/2017) has passed, so a unit submitting October today is
/// 23 days late unless its deadline was extended. Each test works on its own unit and month.
/// </summary>
public sealed class ExtendTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    private static string Page(string unit, int month) => $"/Verification/{unit}/{month}/Extend";

    [Fact]
    public async Task An_extension_starts_the_month_of_a_unit_not_started_and_lateness_then_counts_from_the_new_date()
    {
        var verifier = await factory.LoggedIn("noivu");
        var page = await verifier.GetDocument(Page("CHOGAO", 10));
        Assert.Contains("05/11/2017", page.QuerySelector("[data-fact='deadline']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("chưa gia hạn", page.QuerySelector("[data-fact='deadline']")!.TextContent, StringComparison.Ordinal);
        var form = page.Form("#extend-form");
        var fields = Forms.Fields(form);
        Assert.Equal("0", fields.Single(f => f.Key == "Version").Value);
        fields.Set("Deadline", "2017-11-30");
        fields.Set("Reason", "Bão số 12 gây ngập úng, đơn vị xin lùi hạn");

        var response = await verifier.Post(Page("CHOGAO", 10), fields);

        response.Redirected("/Verification?month=10");
        var stored = await factory.Stored("CHOGAO", 10);
        Assert.Equal((SubmissionStatus.NotStarted, new DateOnly(2017, 11, 30), "Bão số 12 gây ngập úng, đơn vị xin lùi hạn"),
            (stored!.Status, stored.ExtendedDeadline, stored.ExtensionReason));
        var again = await verifier.GetDocument(Page("CHOGAO", 10));
        Assert.Contains("30/11/2017", again.QuerySelector("[data-fact='deadline']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bão số 12", again.QuerySelector("[data-fact='deadline']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Đã gia hạn cho CHOGAO tháng 10 đến ngày 30/11/2017.", (await verifier.GetDocument("/Verification?month=10")).QuerySelector(".flash")?.TextContent ?? "", StringComparison.Ordinal);

        // Submitted today, after the campaign's deadline but before the extended one: not late.
        var month = factory.Month("district", 10);
        var chogao = await factory.LoggedIn("chogao");
        (await chogao.Post(Url("CHOGAO", 10, "Submit"), AnswerAll(await chogao.MonthForm("CHOGAO", 10), month))).Redirected("/Assessments/CHOGAO/10");
        var tanphuoc = await factory.LoggedIn("tanphuoc");
        (await tanphuoc.Post(Url("TANPHUOC", 10, "Submit"), AnswerAll(await tanphuoc.MonthForm("TANPHUOC", 10), month))).Redirected("/Assessments/TANPHUOC/10");

        var extended = await factory.Stored("CHOGAO", 10);
        var notExtended = await factory.Stored("TANPHUOC", 10);
        Assert.Equal((SubmissionStatus.Submitted, new DateOnly(2017, 11, 28), 0), (extended!.Status, extended.FirstSubmittedOn, extended.DaysLate(month)));
        Assert.Equal(23, notExtended!.DaysLate(month));
        var queue = await factory.SendAsync(new IndexModel.Query(await factory.UserAsync("noivu"), "10", "K-HUYEN", null, "Submitted"));
        Assert.Equal((0, true), (queue.Rows.Single(r => r.Unit == "CHOGAO").DaysLate, queue.Rows.Single(r => r.Unit == "CHOGAO").Extended));
        Assert.Equal((23, false), (queue.Rows.Single(r => r.Unit == "TANPHUOC").DaysLate, queue.Rows.Single(r => r.Unit == "TANPHUOC").Extended));
    }

    [Theory]
    [InlineData("2017-10-01", "Bão", "Hạn mới phải sau hạn đang áp dụng (05/10/2017).")]
    [InlineData("2017-10-05", "Bão", "Hạn mới phải sau hạn đang áp dụng (05/10/2017).")]
    [InlineData("2017-02-30", "Bão", "Hạn mới phải là một ngày hợp lệ trong năm 2017 hoặc 2018.")]
    [InlineData("30/10/2017", "Bão", "Hạn mới phải là một ngày hợp lệ trong năm 2017 hoặc 2018.")]
    [InlineData("2030-01-01", "Bão", "Hạn mới phải là một ngày hợp lệ trong năm 2017 hoặc 2018.")]
    [InlineData("", "Bão", "Hạn mới phải là một ngày hợp lệ trong năm 2017 hoặc 2018.")]
    [InlineData("2017-10-20", "  ", "Cần ghi lý do.")]
    public async Task An_extension_needs_a_real_later_date_and_a_reason_and_the_form_keeps_what_was_typed(string deadline, string reason, string message)
    {
        var verifier = await factory.LoggedIn("noivu");
        var fields = Forms.Fields((await verifier.GetDocument(Page("STP", 9))).Form("#extend-form"));
        fields.Set("Deadline", deadline);
        fields.Set("Reason", reason);

        var response = await verifier.Post(Page("STP", 9), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Contains(message, page.Errors(), StringComparison.Ordinal);
        Assert.Equal(reason.Trim(), page.QuerySelector("#reason")!.TextContent.Trim());
        Assert.Equal(deadline, page.QuerySelector("#deadline")!.GetAttribute("value") ?? "");
        Assert.Null(await factory.Stored("STP", 9));
    }

    [Fact]
    public async Task A_reason_longer_than_the_limit_is_refused()
    {
        var noivu = await factory.UserAsync("noivu");

        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            factory.SendAsync(new ExtendModel.Command(noivu, "STP", 8, 0, "2017-10-20", new string('x', Submission.MaxReasonLength + 1))));

        Assert.Equal("Reason.TooLong", refused.Key);
        Assert.Null(await factory.Stored("STP", 8));
    }

    [Fact]
    public async Task A_second_extension_from_a_stale_form_is_refused()
    {
        var verifier = await factory.LoggedIn("noivu");
        var fields = Forms.Fields((await verifier.GetDocument(Page("TANPHUOC", 8))).Form("#extend-form"));
        fields.Set("Deadline", "2017-10-10");
        fields.Set("Reason", "Tết Trung thu");
        (await verifier.Post(Page("TANPHUOC", 8), fields)).Redirected("/Verification?month=8");
        fields.Set("Deadline", "2017-10-20");

        var stale = await verifier.Post(Page("TANPHUOC", 8), fields);

        Assert.Contains("Người khác vừa thay đổi bản này", (await stale.ReadDocument()).Errors(), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2017, 10, 10), (await factory.Stored("TANPHUOC", 8))!.ExtendedDeadline);
    }

    [Fact]
    public async Task Administrators_read_the_page_but_only_a_verifier_extends()
    {
        var admin = await factory.LoggedIn("admin");
        var page = await admin.GetDocument(Page("CHOGAO", 9));
        Assert.Null(page.QuerySelector("#extend-form"));
        Assert.Contains("Chỉ cán bộ thẩm định", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);

        var response = await admin.Post(Page("CHOGAO", 9),
            [new("__RequestVerificationToken", page.Token()), new("Version", "0"), new("Deadline", "2017-11-30"), new("Reason", "Bão")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.PathOnly());
        foreach (var user in new[] { "admin", "chogao", "hoidong1" })
        {
            var principal = await factory.UserAsync(user);
            await Assert.ThrowsAsync<NotFoundException>(() => factory.SendAsync(new ExtendModel.Command(principal, "CHOGAO", 9, 0, "2017-11-30", "Bão")));
        }

        Assert.Null(await factory.Stored("CHOGAO", 9));
    }

    [Theory]
    [InlineData("/Verification/NOWHERE/9/Extend")]
    [InlineData("/Verification/CHOGAO/12/Extend")]
    [InlineData("/Verification/CHOGAO/0/Extend")]
    [InlineData("/Verification/CHOGAO/99999999999/Extend")]
    public async Task An_unknown_unit_or_month_is_a_404(string url)
    {
        var verifier = await factory.LoggedIn("noivu");

        var response = await verifier.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_month_closed_out_as_missing_can_no_longer_be_extended()
    {
        var noivu = await factory.UserAsync("noivu");
        await factory.SendAsync(new CloseOutModel.Command(noivu, "SNV", 3, 0, "Không nộp"));
        var verifier = await factory.LoggedIn("noivu");

        var page = await verifier.GetDocument(Page("SNV", 3));
        var refused = await Assert.ThrowsAsync<DomainException>(() => factory.SendAsync(new ExtendModel.Command(noivu, "SNV", 3, 1, "2017-11-30", "Bão")));

        Assert.Null(page.QuerySelector("#extend-form"));
        Assert.Contains("Không gia hạn được cho bản ở trạng thái \"Không nộp\"", page.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Extension.Closed", refused.Key);
    }
}
