using System.Globalization;
using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Verification;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Emulation.Web.Tests.AssessmentSupport;

namespace Emulation.Web.Tests;

/// <summary>
/// The verifier's review of one submission through real HTTP posts with the antiforgery token:
/// accepting with and without adjustments, refusals shown beside their fields, returns, answers to
/// disputes, two verifiers at once, and who may read and act. Chợ Gạo submits each month through
/// its own form first; each test works on its own month.
/// </summary>
public sealed class ReviewTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task Accepting_without_changes_verifies_the_month_with_the_units_values_and_shows_its_evidence()
    {
        var month = factory.Month("district", 1);
        var first = month.DueLeaves[0];
        await Submit(1, [($"file:{first.Code}", "kehoach.pdf", Pdf)]);
        var noivu = await factory.LoggedIn("noivu");
        var page = await noivu.GetDocument(ReviewUrl(1));
        var file = Assert.Single((await factory.Stored("CHOGAO", 1))!.Files);
        var link = page.QuerySelector<IHtmlAnchorElement>($".criterion[data-code='{first.Code}'] a[href='/Assessments/Evidence/{file.Id}']");
        Assert.NotNull(link);
        Assert.Equal("_blank", link!.Target);
        Assert.Contains("Đã nộp", page.QuerySelector(".status-line .badge")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/Assessments/CHOGAO/1/History']"));
        Assert.NotNull(page.QuerySelector("a[href='/Verification/CHOGAO/1/Extend']"));
        var accept = page.QuerySelector<IHtmlButtonElement>("#review-form button[formaction*='handler=Accept']")!;
        Assert.False(string.IsNullOrEmpty(accept.GetAttribute("data-confirm")));

        var response = await noivu.Post(ReviewUrl(1, "Accept"), Forms.Fields(ReviewForm(page)));

        response.Redirected("/Verification/CHOGAO/1");
        var stored = await factory.Stored("CHOGAO", 1);
        Assert.Equal((SubmissionStatus.Verified, "noivu"), (stored!.Status, stored.VerifiedBy));
        Assert.DoesNotContain(stored.Entries, e => e.Adjusted);
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == "submission.verified" && a.Entity == stored.AuditName && a.Who == "noivu")));
        var after = await noivu.GetDocument(ReviewUrl(1));
        Assert.Contains("không điều chỉnh", after.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Đã thẩm định ngày 28/11/2017", after.QuerySelector(".review-state")!.TextContent, StringComparison.Ordinal);
        // Verified, not locked: the form stays for re-appraisal, and returning is no longer offered.
        Assert.Null(after.QuerySelector("#review-form button[formaction*='handler=Return']"));
        Assert.NotNull(after.QuerySelector("#review-form button[formaction*='handler=Accept']"));
    }

    [Fact]
    public async Task An_adjustment_keeps_the_units_value_stores_the_appraised_one_with_its_reason_and_the_engine_scores_it()
    {
        var month = factory.Month("district", 2);
        await Submit(2);
        var ratio = month.DueLeaves.First(c => c.Method is RatioMethod);
        var noivu = await factory.LoggedIn("noivu");
        var fields = Forms.Fields(ReviewForm(await noivu.GetDocument(ReviewUrl(2))));
        var i = IndexOf(month, ratio.Code);
        Assert.Equal(("9", "10"), (Field(fields, $"Entries[{i}].Value"), Field(fields, $"Entries[{i}].Denominator")));
        fields.Set($"Entries[{i}].Value", "0");
        fields.Set($"Entries[{i}].Reason", "Phần mềm một cửa không ghi nhận hồ sơ nào");

        var response = await noivu.Post(ReviewUrl(2, "Accept"), fields);

        response.Redirected("/Verification/CHOGAO/2");
        var stored = await factory.Stored("CHOGAO", 2);
        Assert.Equal(SubmissionStatus.Verified, stored!.Status);
        var entry = stored.EntryFor(ratio.Code)!;
        Assert.Equal(("9", "10"), (entry.Value, entry.Denominator));
        Assert.Equal((true, "0", "10", "Phần mềm một cửa không ghi nhận hồ sơ nào"), (entry.Adjusted, entry.AppraisedValue, entry.AppraisedDenominator, entry.AdjustmentReason));
        Assert.Single(stored.Entries, e => e.Adjusted);
        var audit = await factory.WithDb(db => db.AuditEntries.SingleAsync(a => a.Action == "entry.adjusted" && a.Entity == $"{stored.AuditName}/{ratio.Code}"));
        Assert.Equal(("noivu", "9 / 10", "0 / 10", "Phần mềm một cửa không ghi nhận hồ sơ nào"), (audit.Who, audit.OldValue, audit.NewValue, audit.Reason));
        var page = await noivu.GetDocument(ReviewUrl(2));
        var appraised = ScoringEngine.ScoreMonth(month.Campaign, "district", 2, stored.ToEngine(month, appraised: true));
        var self = ScoringEngine.ScoreMonth(month.Campaign, "district", 2, stored.ToEngine(month, appraised: false));
        Assert.True(appraised.Total < self.Total);
        Assert.Equal(Vi(appraised.Total), page.QuerySelector("#appraised-total")!.TextContent);
        Assert.Equal(Vi(self.Total), page.QuerySelector("#self-total")!.TextContent);
        Assert.Contains("Phần mềm một cửa không ghi nhận", page.QuerySelector($".criterion[data-code='{ratio.Code}'] dd.adjusted")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("với 1 điều chỉnh", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_without_a_reason_is_refused_beside_its_field_and_nothing_is_stored()
    {
        var month = factory.Month("district", 3);
        await Submit(3);
        var count = month.DueLeaves.First(c => c.Method is CountMethod);
        var noivu = await factory.LoggedIn("noivu");
        var fields = Forms.Fields(ReviewForm(await noivu.GetDocument(ReviewUrl(3))));
        var i = IndexOf(month, count.Code);
        fields.Set($"Entries[{i}].Value", "3");

        var response = await noivu.Post(ReviewUrl(3, "Accept"), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Contains($"Tiêu chí {count.Code}: điều chỉnh cần ghi lý do", Problem(page, count.Code), StringComparison.Ordinal);
        Assert.Equal("3", page.QuerySelector<IHtmlInputElement>($"input[name='Entries[{i}].Value']")!.Value);
        Assert.Equal("true", page.QuerySelector($"textarea[name='Entries[{i}].Reason']")!.GetAttribute("aria-invalid"));
        var stored = await factory.Stored("CHOGAO", 3);
        Assert.Equal(SubmissionStatus.Submitted, stored!.Status);
        Assert.DoesNotContain(stored.Entries, e => e.Adjusted);
        Assert.False(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == "submission.verified" && a.Entity == stored.AuditName)));
    }

    [Fact]
    public async Task An_adjusted_value_outside_the_criterions_range_is_refused_beside_its_field()
    {
        var month = factory.Month("district", 6);
        await Submit(6);
        var manual = month.DueLeaves.First(c => c.Method is ManualMethod);
        var noivu = await factory.LoggedIn("noivu");
        var fields = Forms.Fields(ReviewForm(await noivu.GetDocument(ReviewUrl(6))));
        var i = IndexOf(month, manual.Code);
        var above = (manual.Max + 0.5m).ToString(CultureInfo.InvariantCulture);
        fields.Set($"Entries[{i}].Value", above);
        fields.Set($"Entries[{i}].Reason", "Theo kết quả kiểm tra công vụ");

        var response = await noivu.Post(ReviewUrl(6, "Accept"), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Contains("vượt quá điểm tối đa", Problem(page, manual.Code), StringComparison.Ordinal);
        Assert.Equal(above, page.QuerySelector<IHtmlInputElement>($"input[name='Entries[{i}].Value']")!.Value);
        Assert.Equal("Theo kết quả kiểm tra công vụ", page.QuerySelector<IHtmlTextAreaElement>($"textarea[name='Entries[{i}].Reason']")!.Value);
        var stored = await factory.Stored("CHOGAO", 6);
        Assert.Equal(SubmissionStatus.Submitted, stored!.Status);
        Assert.DoesNotContain(stored.Entries, e => e.Adjusted);
    }

    [Fact]
    public async Task A_return_with_findings_sends_the_month_back_and_the_unit_sees_them()
    {
        var month = factory.Month("district", 4);
        await Submit(4);
        var criterion = month.DueLeaves[1];
        var noivu = await factory.LoggedIn("noivu");
        var fields = Forms.Fields(ReviewForm(await noivu.GetDocument(ReviewUrl(4))));
        fields.Set($"Entries[{IndexOf(month, criterion.Code)}].Finding", "Thiếu báo cáo quý III");

        var response = await noivu.Post(ReviewUrl(4, "Return"), fields);

        response.Redirected("/Verification/CHOGAO/4");
        var stored = await factory.Stored("CHOGAO", 4);
        Assert.Equal((SubmissionStatus.Returned, "noivu"), (stored!.Status, stored.ReturnedBy));
        Assert.Equal("Thiếu báo cáo quý III", stored.EntryFor(criterion.Code)!.Finding);
        Assert.Single(stored.Entries, e => e.Finding is not null);
        var unit = await (await factory.LoggedIn("chogao")).GetDocument(Url("CHOGAO", 4));
        Assert.Contains("Thiếu báo cáo quý III", unit.QuerySelector(".findings")!.TextContent, StringComparison.Ordinal);
        var after = await noivu.GetDocument(ReviewUrl(4));
        Assert.Contains("Đã trả lại cho đơn vị ngày 28/11/2017", after.QuerySelector(".review-state")!.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("#review-form"));
    }

    [Fact]
    public async Task A_return_without_findings_is_refused_and_keeps_what_was_typed()
    {
        var month = factory.Month("district", 5);
        await Submit(5);
        var count = month.DueLeaves.First(c => c.Method is CountMethod);
        var noivu = await factory.LoggedIn("noivu");
        var fields = Forms.Fields(ReviewForm(await noivu.GetDocument(ReviewUrl(5))));
        var i = IndexOf(month, count.Code);
        fields.Set($"Entries[{i}].Value", "2");
        fields.Set($"Entries[{i}].Reason", "Chỉ có 2 tin bài");

        var response = await noivu.Post(ReviewUrl(5, "Return"), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Contains("Trả lại cần ít nhất một nhận xét", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", page.QuerySelector<IHtmlInputElement>($"input[name='Entries[{i}].Value']")!.Value);
        Assert.Equal("Chỉ có 2 tin bài", page.QuerySelector<IHtmlTextAreaElement>($"textarea[name='Entries[{i}].Reason']")!.Value);
        Assert.Equal(SubmissionStatus.Submitted, (await factory.Stored("CHOGAO", 5))!.Status);
    }

    [Fact]
    public async Task Disputes_are_answered_in_one_save_keeping_one_and_changing_the_other_and_the_month_is_verified_again()
    {
        var month = factory.Month("district", 7);
        await Submit(7);
        var ratio = month.DueLeaves.First(c => c.Method is RatioMethod);
        var count = month.DueLeaves.First(c => c.Method is CountMethod);
        await factory.Act("CHOGAO", 7, (s, m, now) => s.Verify(m, [new Adjustment(ratio.Code, "5", "10", "Chỉ 5 hồ sơ đúng hạn")], "noivu", now));
        await factory.Act("CHOGAO", 7, (s, m, now) => s.Dispute(m,
            [new DisputeInput(ratio.Code, "Phần mềm ghi nhận 9 hồ sơ đúng hạn"), new DisputeInput(count.Code, "Đề nghị xem lại")], "chogao", now));
        var noivu = await factory.LoggedIn("noivu");
        var page = await noivu.GetDocument(ReviewUrl(7));
        Assert.Null(page.QuerySelector("#review-form"));
        var fields = Forms.Fields(page.QuerySelector<IHtmlFormElement>("#dispute-form")!);
        var ratioAt = DisputePrefix(page, ratio.Code);
        var countAt = DisputePrefix(page, count.Code);
        Assert.Equal(("5", "10"), (Field(fields, $"{ratioAt}.Value"), Field(fields, $"{ratioAt}.Denominator")));
        fields.Set($"{ratioAt}.Decision", "Changed");
        fields.Set($"{ratioAt}.Value", "9");
        fields.Set($"{ratioAt}.Reason", "Đã đối chiếu phần mềm một cửa");
        fields.Set($"{countAt}.Decision", "Kept");

        // The kept one has no reason: nothing of the save is stored, and both answers stay on screen.
        var refused = await noivu.Post(ReviewUrl(7, "Answer"), fields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var again = await refused.ReadDocument();
        Assert.Contains("trả lời giải trình cần ghi lý do", again.QuerySelector($".dispute-answer[data-code='{count.Code}'] .field-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Đã đối chiếu phần mềm một cửa", again.QuerySelector<IHtmlTextAreaElement>($"textarea[name='{ratioAt}.Reason']")!.Value);
        Assert.Equal("Changed", again.QuerySelector<IHtmlInputElement>($"input[name='{ratioAt}.Decision']:checked")!.Value);
        Assert.Equal(SubmissionStatus.Disputed, (await factory.Stored("CHOGAO", 7))!.Status);
        Assert.All((await factory.Stored("CHOGAO", 7))!.Disputes, d => Assert.True(d.IsOpen));

        fields.Set($"{countAt}.Reason", "Số tin bài đúng như báo cáo");
        var response = await noivu.Post(ReviewUrl(7, "Answer"), fields);

        response.Redirected("/Verification/CHOGAO/7");
        var stored = await factory.Stored("CHOGAO", 7);
        Assert.Equal(SubmissionStatus.Verified, stored!.Status);
        var entry = stored.EntryFor(ratio.Code)!;
        Assert.Equal(("9", "10", "Đã đối chiếu phần mềm một cửa"), (entry.AppraisedValue, entry.AppraisedDenominator, entry.AdjustmentReason));
        Assert.Equal(("9", "10"), (entry.Value, entry.Denominator));
        Assert.Equal(DisputeDecision.Changed, stored.Disputes.Single(d => d.Criterion == ratio.Code).Decision);
        Assert.Equal((DisputeDecision.Kept, "Số tin bài đúng như báo cáo"), (stored.Disputes.Single(d => d.Criterion == count.Code).Decision, stored.Disputes.Single(d => d.Criterion == count.Code).Answer));
        Assert.False(stored.EntryFor(count.Code)!.Adjusted);
        Assert.Equal(2, await factory.WithDb(db => db.AuditEntries.CountAsync(a => a.Action == "entry.dispute-answered" && a.Entity.StartsWith(stored.AuditName))));
        var after = await noivu.GetDocument(ReviewUrl(7));
        Assert.Null(after.QuerySelector("#dispute-form"));
        var answered = after.QuerySelector("table.dispute-list")!.TextContent;
        Assert.Contains("Đã đối chiếu phần mềm một cửa", answered, StringComparison.Ordinal);
        Assert.Contains("Số tin bài đúng như báo cáo", answered, StringComparison.Ordinal);
        Assert.Contains("Đã trả lời 2 nội dung giải trình", after.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_two_verifiers_on_the_same_submission_the_second_is_refused_and_keeps_its_values_on_screen()
    {
        var month = factory.Month("district", 8);
        await Submit(8);
        await AddVerifier("noivu2");
        var ratio = month.DueLeaves.First(c => c.Method is RatioMethod);
        var first = await factory.LoggedIn("noivu");
        var second = await factory.LoggedIn("noivu2");
        var firstFields = Forms.Fields(ReviewForm(await first.GetDocument(ReviewUrl(8))));
        var secondFields = Forms.Fields(ReviewForm(await second.GetDocument(ReviewUrl(8))));
        var i = IndexOf(month, ratio.Code);
        secondFields.Set($"Entries[{i}].Value", "7");
        secondFields.Set($"Entries[{i}].Reason", "Đối chiếu sổ theo dõi");

        (await first.Post(ReviewUrl(8, "Accept"), firstFields)).Redirected("/Verification/CHOGAO/8");
        var response = await second.Post(ReviewUrl(8, "Accept"), secondFields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Contains("Người khác vừa thay đổi", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("7", page.QuerySelector<IHtmlInputElement>($"input[name='Entries[{i}].Value']")!.Value);
        Assert.Equal("Đối chiếu sổ theo dõi", page.QuerySelector<IHtmlTextAreaElement>($"textarea[name='Entries[{i}].Reason']")!.Value);
        Assert.Contains("Đã thẩm định", page.QuerySelector(".status-line .badge")!.TextContent, StringComparison.Ordinal);
        var stored = await factory.Stored("CHOGAO", 8);
        Assert.Equal((SubmissionStatus.Verified, "noivu"), (stored!.Status, stored.VerifiedBy));
        Assert.DoesNotContain(stored.Entries, e => e.Adjusted);
    }

    [Fact]
    public async Task The_handlers_refuse_administrators_stale_versions_and_empty_returns_and_accept_a_verifiers_adjustment()
    {
        var month = factory.Month("district", 9);
        await Submit(9);
        var count = month.DueLeaves.First(c => c.Method is CountMethod);
        var version = (await factory.Stored("CHOGAO", 9))!.Version;
        var noivu = await factory.UserAsync("noivu");

        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await factory.SendAsync(new ReviewModel.Accept(await factory.UserAsync("admin"), "CHOGAO", 9, version, [])));
        await Assert.ThrowsAsync<ForbiddenException>(async () =>
            await factory.SendAsync(new ReviewModel.ReturnToUnit(await factory.UserAsync("admin"), "CHOGAO", 9, version, [new Finding(count.Code, "x")])));
        var stale = await Assert.ThrowsAsync<DomainException>(async () => await factory.SendAsync(new ReviewModel.Accept(noivu, "CHOGAO", 9, version - 1, [])));
        Assert.Equal("Concurrency.Conflict", stale.Key);
        var empty = await Assert.ThrowsAsync<DomainException>(async () => await factory.SendAsync(new ReviewModel.ReturnToUnit(noivu, "CHOGAO", 9, version, [new Finding(count.Code, "  ")])));
        Assert.Equal("Return.NoFindings", empty.Key);
        await Assert.ThrowsAsync<NotFoundException>(async () => await factory.SendAsync(new ReviewModel.Accept(noivu, "CHOGAO", 13, version, [])));
        var unknown = await Assert.ThrowsAsync<DomainException>(async () =>
            await factory.SendAsync(new ReviewModel.Accept(noivu, "CHOGAO", 9, version, [new ReviewModel.Appraisal("9.9.9", "1", null, "?")])));
        Assert.Equal("Entry.UnknownCriterion", unknown.Key);

        var outcome = await factory.SendAsync(new ReviewModel.Accept(noivu, "CHOGAO", 9, version,
            [new ReviewModel.Appraisal(count.Code, "5", null, null), new ReviewModel.Appraisal(month.DueLeaves[0].Code, Valid(month.DueLeaves[0]).Value, Valid(month.DueLeaves[0]).Denominator, null)]));

        // Unchanged inputs are not adjustments: nothing here needed a reason.
        Assert.Equal((0, 0), (outcome.Problems.Count, outcome.Count));
        Assert.Equal(SubmissionStatus.Verified, (await factory.Stored("CHOGAO", 9))!.Status);
    }

    [Fact]
    public async Task An_administrator_reads_the_review_but_cannot_act_on_it()
    {
        await Submit(10);
        var noivu = await factory.LoggedIn("noivu");
        var fields = Forms.Fields(ReviewForm(await noivu.GetDocument(ReviewUrl(10))));
        var admin = await factory.LoggedIn("admin");

        var page = await admin.GetDocument(ReviewUrl(10));

        Assert.Null(page.QuerySelector("#review-form"));
        Assert.Empty(page.QuerySelectorAll("main button[formaction]"));
        Assert.Contains("quyền quản trị", page.QuerySelector(".review-state")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector(".criterion[data-code] dl.answer"));
        var token = page.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        fields.Set("__RequestVerificationToken", token);

        var response = await admin.Post(ReviewUrl(10, "Accept"), fields);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(SubmissionStatus.Submitted, (await factory.Stored("CHOGAO", 10))!.Status);
    }

    [Fact]
    public async Task A_draft_is_shown_read_only_with_the_reason_nothing_can_be_done()
    {
        var staff = await factory.LoggedIn("chogao.staff");
        var fields = Forms.Fields(await staff.MonthForm("CHOGAO", 11));
        fields.Set("Entries[0].Note", "đang tổng hợp");
        (await staff.Post(Url("CHOGAO", 11, "Save"), fields)).Redirected("/Assessments/CHOGAO/11");
        var noivu = await factory.LoggedIn("noivu");

        var page = await noivu.GetDocument(ReviewUrl(11));

        Assert.Contains("Đơn vị chưa nộp", page.QuerySelector(".review-state")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#review-form"));
        Assert.Contains("đang tổng hợp", page.QuerySelector(".criterion .note-text")!.TextContent, StringComparison.Ordinal);
        // The unit's month page leads verifiers here, and only them.
        Assert.NotNull((await noivu.GetDocument(Url("CHOGAO", 11))).QuerySelector(".status-line a[href='/Verification/CHOGAO/11']"));
        Assert.Null((await staff.GetDocument(Url("CHOGAO", 11))).QuerySelector("a[href='/Verification/CHOGAO/11']"));
    }

    [Theory]
    [InlineData("/Verification/NOPE/11")]
    [InlineData("/Verification/CHOGAO/12")]
    [InlineData("/Verification/CHOGAO/0")]
    public async Task A_forged_unit_or_month_answers_404(string url)
    {
        var noivu = await factory.LoggedIn("noivu");

        var response = await noivu.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var token = (await noivu.GetDocument("/")).QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        var posted = await noivu.Post(url + "?handler=Accept", [new("__RequestVerificationToken", token), new("Version", "1")]);
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
    }

    [Theory]
    [InlineData("chogao")]
    [InlineData("chogao.staff")]
    [InlineData("tanphuoc")]
    public async Task Unit_people_are_sent_to_access_denied(string user)
    {
        var client = await factory.LoggedIn(user);

        var response = await client.GetAsync(new Uri(ReviewUrl(11), UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.PathOnly());
    }

    private static string ReviewUrl(int month, string? handler = null) =>
        $"/Verification/CHOGAO/{month}" + (handler is null ? "" : $"?handler={handler}");

    private static IHtmlFormElement ReviewForm(IHtmlDocument page) =>
        page.QuerySelector<IHtmlFormElement>("#review-form") ?? throw new InvalidOperationException("The page has no review form.");

    /// <summary>Chợ Gạo's head answers every criterion validly through the unit's form and submits.</summary>
    private async Task Submit(int number, IEnumerable<(string Field, string FileName, byte[] Content)>? files = null)
    {
        var head = await factory.LoggedIn("chogao");
        var month = factory.Month("district", number);
        var response = await head.Post(Url("CHOGAO", number, "Submit"), AnswerAll(await head.MonthForm("CHOGAO", number), month), files);
        response.Redirected($"/Assessments/CHOGAO/{number}");
        Assert.Equal(SubmissionStatus.Submitted, (await factory.Stored("CHOGAO", number))!.Status);
    }

    private async Task AddVerifier(string userName)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        // The demo password is shorter than the password rules: set like the demo accounts', without the validators.
        var user = new IdentityUser(userName);
        user.PasswordHash = users.PasswordHasher.HashPassword(user, DemoAccounts.Password);
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Verifier)).Succeeded);
    }

    private static string Field(List<KeyValuePair<string, string>> fields, string name) => fields.Single(f => f.Key == name).Value;

    /// <summary>The field prefix (<c>DisputeAnswers[n]</c>) of a criterion's dispute in the answer form.</summary>
    private static string DisputePrefix(IHtmlDocument page, string code) =>
        page.QuerySelector<IHtmlInputElement>($".dispute-answer[data-code='{code}'] input[name$='.DisputeId']")!.Name!.Replace(".DisputeId", "", StringComparison.Ordinal);

    private static string Problem(IHtmlDocument page, string code) =>
        page.QuerySelector($".criterion[data-code='{code}'] .field-error")?.TextContent ?? "";

    /// <summary>Points as the Vietnamese pages show them: 84,53.</summary>
    private static string Vi(decimal points) => points.ToString("N2", CultureInfo.GetCultureInfo("vi-VN"));
}
