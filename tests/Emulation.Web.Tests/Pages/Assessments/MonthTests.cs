using AngleSharp.Dom;
using System.Net;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Emulation.Core.Scoring;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Assessments;
using Microsoft.EntityFrameworkCore;
using static Emulation.Web.Tests.AssessmentSupport;

namespace Emulation.Web.Tests;

/// <summary>
/// The monthly form through real HTTP posts with the antiforgery token: drafts, autosave, preview,
/// submitting, late submissions, returns, disputes and conflicts. Each test works on its own month
/// of Chợ Gạo (the business date is 28/11/2017: months 1–11 are open, 1–10 past their deadline).
/// </summary>
public sealed class MonthTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    [Fact]
    public async Task The_form_asks_only_the_criteria_due_that_month_each_with_a_label_naming_it()
    {
        var client = await factory.LoggedIn("chogao.staff");
        var month = factory.Month("district", 11);

        var page = await client.GetDocument(Url("CHOGAO", 11));

        var criteria = page.QuerySelectorAll("#month-form .criterion").Select(c => c.GetAttribute("data-code")).ToList();
        Assert.Equal(month.DueLeaves.Select(c => c.Code), criteria);
        Assert.True(month.DueLeaves.Count < month.Framework.Leaves.Count, "November asks fewer criteria than the year has.");
        foreach (var input in page.QuerySelectorAll("#month-form input[name$='.Value'], #month-form input[name$='.Denominator'], #month-form textarea").OfType<IHtmlElement>())
        {
            var code = input.Closest(".criterion")!.GetAttribute("data-code")!;
            var label = input.Id is { Length: > 0 } id ? page.QuerySelector($"label[for='{id}']") : input.Closest("label");
            Assert.NotNull(label);
            Assert.Contains(code, label!.TextContent, StringComparison.Ordinal);
        }

        Assert.Contains("Hạn nộp 05/12/2017 — còn 7 ngày", page.QuerySelector(".status-line")!.TextContent.Replace('\n', ' '), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_keeps_exactly_what_was_typed_and_lists_its_problems()
    {
        var client = await factory.LoggedIn("chogao.staff");
        var month = factory.Month("district", 11);
        var form = await client.MonthForm("CHOGAO", 11);
        var fields = Forms.Fields(form);
        var count = month.DueLeaves.First(c => c.Method is Emulation.Core.Campaigns.CountMethod);
        var ratio = month.DueLeaves.First(c => c.Method is Emulation.Core.Campaigns.RatioMethod);
        fields.Set($"Entries[{IndexOf(month, count.Code)}].Value", "mười");
        fields.Set($"Entries[{IndexOf(month, ratio.Code)}].Value", "12");
        fields.Set($"Entries[{IndexOf(month, ratio.Code)}].Denominator", "10");
        fields.Set($"Entries[{IndexOf(month, ratio.Code)}].Note", "<script>alert('x')</script> số liệu tạm");

        var response = await client.Post(Url("CHOGAO", 11, "Save"), fields);

        response.Redirected("/Assessments/CHOGAO/11");
        var stored = await factory.Stored("CHOGAO", 11);
        Assert.Equal(SubmissionStatus.Draft, stored!.Status);
        Assert.Equal("mười", stored.EntryFor(count.Code)!.Value);
        Assert.Equal(("12", "10"), (stored.EntryFor(ratio.Code)!.Value, stored.EntryFor(ratio.Code)!.Denominator));
        var page = await client.GetDocument(Url("CHOGAO", 11));
        Assert.Contains("Đã lưu nháp", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("không phải là số", Problem(page, count.Code), StringComparison.Ordinal);
        Assert.Contains("tử số (12) lớn hơn mẫu số (10)", Problem(page, ratio.Code), StringComparison.Ordinal);
        Assert.Equal("mười", page.QuerySelector<IHtmlInputElement>($"input[name='Entries[{IndexOf(month, count.Code)}].Value']")!.Value);
        // A note is text: the script tag is shown, never run.
        Assert.Empty(page.QuerySelectorAll("#month-form script"));
        Assert.Contains("<script>", page.QuerySelector<IHtmlTextAreaElement>($"textarea[name='Entries[{IndexOf(month, ratio.Code)}].Note']")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autosave_saves_the_typed_values_and_answers_with_the_new_version()
    {
        var client = await factory.LoggedIn("chogao.staff");
        var month = factory.Month("district", 9);
        var form = await client.MonthForm("CHOGAO", 9);
        var fields = Forms.Fields(form);
        var first = month.DueLeaves[0];
        fields.Set($"Entries[0].Value", Valid(first).Value);
        client.DefaultRequestHeaders.Add("X-Requested-With", "fetch");

        var response = await client.Post(Url("CHOGAO", 9, "Autosave"), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var stored = await factory.Stored("CHOGAO", 9);
        Assert.Equal(stored!.Version, json.RootElement.GetProperty("version").GetInt32());
        Assert.Equal(Valid(first).Value, stored.EntryFor(first.Code)!.Value);
        Assert.StartsWith("Đã tự động lưu lúc", json.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_preview_is_the_engines_score_of_what_is_on_the_screen()
    {
        var client = await factory.LoggedIn("chogao");
        var month = factory.Month("district", 8);
        var form = await client.MonthForm("CHOGAO", 8);
        var fields = AnswerAll(form, month);
        var manual = month.DueLeaves.First(c => c.Method is Emulation.Core.Campaigns.CountMethod);
        fields.Set($"Entries[{IndexOf(month, manual.Code)}].Value", "1");
        client.DefaultRequestHeaders.Add("X-Requested-With", "fetch");

        var response = await client.Post(Url("CHOGAO", 8, "Preview"), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var answers = month.DueLeaves.Select(c => new CriterionAnswer(c.Code,
            Emulation.Core.Entries.EntryValueParser.Parse(c, c == manual ? "1" : Valid(c).Value, Valid(c).Denominator).Value)).ToList();
        // Not submitted yet: scored as if submitted today (28/11/2017), 23 days after August's deadline.
        var expected = ScoringEngine.ScoreMonth(month.Campaign, "district", 8, new MonthEntries("CHOGAO", 8, new DateOnly(2017, 11, 28), null, answers));
        Assert.Equal(Vi(expected.Total), json.RootElement.GetProperty("total").GetString());
        Assert.Equal(Vi(expected.LatenessDeduction), json.RootElement.GetProperty("lateness").GetString());
        Assert.Equal(Vi(expected.Criteria.Single(c => c.Code == manual.Code).Points), json.RootElement.GetProperty("criteria").GetProperty(manual.Code).GetString());
        Assert.Null(await factory.Stored("CHOGAO", 8));
    }

    [Fact]
    public async Task The_head_submits_a_complete_month_and_the_page_shows_the_engines_total()
    {
        var client = await factory.LoggedIn("chogao");
        var month = factory.Month("district", 11);
        var before = await factory.Stored("CHOGAO", 11);
        var form = await client.MonthForm("CHOGAO", 11);
        var fields = AnswerAll(form, month);

        var response = await client.Post(Url("CHOGAO", 11, "Submit"), fields);

        response.Redirected("/Assessments/CHOGAO/11");
        var stored = await factory.Stored("CHOGAO", 11);
        Assert.Equal(SubmissionStatus.Submitted, stored!.Status);
        Assert.Equal(1, stored.VersionCount);
        Assert.Equal(new DateOnly(2017, 11, 28), stored.FirstSubmittedOn);
        Assert.Equal(0, stored.DaysLate(month));
        Assert.All(month.DueLeaves.Where(c => c.EvidenceRequired), c => Assert.True(stored.HasEvidence(c.Code)));
        var page = await client.GetDocument(Url("CHOGAO", 11));
        var expected = ScoringEngine.ScoreMonth(month.Campaign, "district", 11, stored.ToEngine(month, appraised: false));
        Assert.Equal(Vi(expected.Total), page.QuerySelector("#month-total")!.TextContent);
        Assert.Null(page.QuerySelector("#month-form input[name$='.Value']"));
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == "submission.submitted" && a.Entity == stored.AuditName && a.Who == "chogao")));
        _ = before;
    }

    [Fact]
    public async Task A_late_submission_is_accepted_and_marked_with_its_days_late()
    {
        var client = await factory.LoggedIn("chogao");
        var month = factory.Month("district", 7);
        var form = await client.MonthForm("CHOGAO", 7);

        var response = await client.Post(Url("CHOGAO", 7, "Submit"), AnswerAll(form, month));

        response.Redirected("/Assessments/CHOGAO/7");
        var stored = await factory.Stored("CHOGAO", 7);
        Assert.Equal(SubmissionStatus.Submitted, stored!.Status);
        // July is due on 5/8/2017; submitted on 28/11/2017.
        Assert.Equal(115, stored.DaysLate(month));
        var page = await client.GetDocument(Url("CHOGAO", 7));
        Assert.Contains("trễ 115 ngày", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Nộp trễ 115 ngày", page.QuerySelector(".status-line")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitting_without_the_required_evidence_is_refused_with_each_problem_beside_its_field()
    {
        var client = await factory.LoggedIn("chogao");
        var month = factory.Month("district", 6);
        var form = await client.MonthForm("CHOGAO", 6);
        var fields = AnswerAll(form, month);
        var needsEvidence = month.DueLeaves.First(c => c.EvidenceRequired);
        var i = IndexOf(month, needsEvidence.Code);
        fields.Set($"Entries[{i}].ReferenceNumber", "");
        fields.Set($"Entries[{i}].ReferenceDate", "");
        fields.Set($"Entries[{i}].ReferenceIssuer", "");

        var response = await client.Post(Url("CHOGAO", 6, "Submit"), fields);

        response.Redirected("/Assessments/CHOGAO/6");
        var stored = await factory.Stored("CHOGAO", 6);
        Assert.Equal(SubmissionStatus.Draft, stored!.Status);
        Assert.Equal(Valid(month.DueLeaves[0]).Value, stored.EntryFor(month.DueLeaves[0].Code)!.Value);
        var page = await client.GetDocument(Url("CHOGAO", 6));
        Assert.Contains("Chưa nộp được: còn 1 vấn đề", page.QuerySelector(".flash-error")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("cần tài liệu kiểm chứng", Problem(page, needsEvidence.Code), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_cannot_submit_until_the_head_delegates_it_and_keeps_what_was_typed_meanwhile()
    {
        var staff = await factory.LoggedIn("chogao.staff");
        var month = factory.Month("district", 5);
        var form = await staff.MonthForm("CHOGAO", 5);
        Assert.Null(form.QuerySelector("button[formaction*='handler=Submit']"));
        var fields = AnswerAll(form, month);

        var refused = await staff.Post(Url("CHOGAO", 5, "Submit"), fields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ReadDocument();
        Assert.Contains("Chỉ thủ trưởng đơn vị", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(Valid(month.DueLeaves[0]).Value, Value(page, month, 0));
        Assert.Null(await factory.Stored("CHOGAO", 5));

        var head = await factory.LoggedIn("chogao");
        var staffId = await factory.WithDb(db => db.Users.Where(u => u.UserName == "chogao.staff").Select(u => u.Id).SingleAsync());
        var granted = await Delegation(head, staffId);
        granted.Redirected("/Assessments");

        var accepted = await staff.Post(Url("CHOGAO", 5, "Submit"), AnswerAll(await staff.MonthForm("CHOGAO", 5), month));

        accepted.Redirected("/Assessments/CHOGAO/5");
        Assert.Equal(SubmissionStatus.Submitted, (await factory.Stored("CHOGAO", 5))!.Status);
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.DelegationGranted && a.Who == "chogao")));
        await Delegation(head, staffId);
        Assert.False(await factory.WithDb(db => db.SubmitDelegations.AnyAsync()));
    }

    [Fact]
    public async Task A_verified_month_shows_self_and_appraised_side_by_side_and_can_be_disputed_within_the_window()
    {
        var client = await factory.LoggedIn("chogao");
        var month = factory.Month("district", 3);
        await client.Post(Url("CHOGAO", 3, "Submit"), AnswerAll(await client.MonthForm("CHOGAO", 3), month));
        var manual = month.DueLeaves.First(c => c.Method is Emulation.Core.Campaigns.CountMethod);
        await factory.Act("CHOGAO", 3, (s, m, now) => s.Verify(m, [new Adjustment(manual.Code, "0", null, "Không có văn bản kiểm chứng")], "noivu", now));

        var page = await client.GetDocument(Url("CHOGAO", 3));
        var row = page.QuerySelector($".criterion[data-code='{manual.Code}']")!;
        Assert.Contains("Không có văn bản kiểm chứng", row.QuerySelector("dd.adjusted")!.TextContent, StringComparison.Ordinal);
        var dispute = (IHtmlFormElement)page.QuerySelector("#dispute-heading")!.ParentElement!.QuerySelector("form")!;
        var fields = Forms.Fields(dispute);
        var n = fields.Single(f => f.Value == manual.Code).Key.Replace(".Criterion", ".Reason", StringComparison.Ordinal);
        fields.Set(n, "Đơn vị đã gửi kế hoạch số 12/KH-UBND");

        var response = await client.Post(Url("CHOGAO", 3, "Dispute"), fields);

        response.Redirected("/Assessments/CHOGAO/3");
        var stored = await factory.Stored("CHOGAO", 3);
        Assert.Equal(SubmissionStatus.Disputed, stored!.Status);
        Assert.Equal("Đơn vị đã gửi kế hoạch số 12/KH-UBND", Assert.Single(stored.Disputes).Reason);
    }

    [Fact]
    public async Task The_second_of_two_people_saving_the_same_draft_is_refused_and_keeps_its_values_on_screen()
    {
        var head = await factory.LoggedIn("chogao");
        var staff = await factory.LoggedIn("chogao.staff");
        var month = factory.Month("district", 1);
        var headFields = Forms.Fields(await head.MonthForm("CHOGAO", 1));
        var staffFields = Forms.Fields(await staff.MonthForm("CHOGAO", 1));
        headFields.Set("Entries[0].Note", "bản của thủ trưởng");
        staffFields.Set("Entries[0].Note", "bản của cán bộ");

        (await head.Post(Url("CHOGAO", 1, "Save"), headFields)).Redirected("/Assessments/CHOGAO/1");
        var second = await staff.Post(Url("CHOGAO", 1, "Save"), staffFields);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await second.ReadDocument();
        Assert.Contains("Người khác vừa thay đổi", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("bản của cán bộ", page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Entries[0].Note']")!.Value);
        Assert.Equal("bản của thủ trưởng", (await factory.Stored("CHOGAO", 1))!.EntryFor(month.DueLeaves[0].Code)!.Note);
    }

    [Fact]
    public async Task A_submitted_month_cannot_be_changed_by_the_unit()
    {
        var client = await factory.LoggedIn("chogao");
        var month = factory.Month("district", 10);
        var fields = AnswerAll(await client.MonthForm("CHOGAO", 10), month);
        await client.Post(Url("CHOGAO", 10, "Submit"), fields);
        var version = (await factory.Stored("CHOGAO", 10))!.Version;
        fields.Set("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        fields.Set("Entries[0].Note", "sửa sau khi nộp");

        var response = await client.Post(Url("CHOGAO", 10, "Save"), fields);

        Assert.Contains("nên đơn vị không sửa được", (await response.ReadDocument()).QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Null((await factory.Stored("CHOGAO", 10))!.EntryFor(month.DueLeaves[0].Code)!.Note);
    }

    /// <summary>Presses the head's delegation button for a staff member (grant or revoke, whichever is shown).</summary>
    private static async Task<HttpResponseMessage> Delegation(HttpClient head, string staffId)
    {
        var page = await head.GetDocument("/Assessments");
        var form = page.QuerySelectorAll<IHtmlFormElement>("#delegation-heading ~ ul form")
            .Single(f => f.QuerySelector<IHtmlInputElement>("input[name='userId']")!.Value == staffId);
        return await head.Post(form.GetAttribute("action")!, Forms.Fields(form));
    }

    /// <summary>Points as the Vietnamese pages show them: 84,53.</summary>
    private static string Vi(decimal points) => points.ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));

    private static string Problem(AngleSharp.Html.Dom.IHtmlDocument page, string code) =>
        page.QuerySelector($".criterion[data-code='{code}'] .field-error")?.TextContent ?? "";

    private static string Value(AngleSharp.Html.Dom.IHtmlDocument page, MonthFramework month, int i) =>
        month.DueLeaves[i].Method is Emulation.Core.Campaigns.BinaryMethod or Emulation.Core.Campaigns.LevelsMethod
            ? page.QuerySelector<IHtmlInputElement>($"input[name='Entries[{i}].Value']:checked")?.Value ?? ""
            : page.QuerySelector<IHtmlInputElement>($"input[name='Entries[{i}].Value']")!.Value;
}

/// <summary>Tests that move the business clock: each starts its own application, since time only goes forward.</summary>
public sealed class MonthTimeTests
{
    [Fact]
    public async Task A_returned_month_shows_the_findings_and_a_resubmission_keeps_the_first_date()
    {
        using var factory = new EmulationFactory();
        var client = await factory.LoggedIn("chogao");
        var month = factory.Month("district", 4);
        await client.Post(Url("CHOGAO", 4, "Submit"), AnswerAll(await client.MonthForm("CHOGAO", 4), month));
        var first = (await factory.Stored("CHOGAO", 4))!.FirstSubmittedOn;
        var criterion = month.DueLeaves[1].Code;
        await factory.Act("CHOGAO", 4, (s, m, now) => s.Return([new Finding(criterion, "Thiếu báo cáo quý")], "noivu", now));
        factory.Time.Advance(TimeSpan.FromDays(2));
        var page = await client.GetDocument(Url("CHOGAO", 4));
        Assert.Contains("Thiếu báo cáo quý", page.QuerySelector(".findings")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Thiếu báo cáo quý", page.QuerySelector($".criterion[data-code='{criterion}'] .finding")!.TextContent, StringComparison.Ordinal);
        var fields = Forms.Fields((IHtmlFormElement)page.QuerySelector("#month-form")!);
        fields.Set($"Entries[1].Note", "Đã bổ sung báo cáo quý");

        var response = await client.Post(Url("CHOGAO", 4, "Submit"), fields);

        response.Redirected("/Assessments/CHOGAO/4");
        var stored = await factory.Stored("CHOGAO", 4);
        Assert.Equal((SubmissionStatus.Submitted, 2, first), (stored!.Status, stored.VersionCount, stored.FirstSubmittedOn));
        var history = await client.GetDocument(Url("CHOGAO", 4) + "/History");
        Assert.Contains("Đã bổ sung báo cáo quý", history.QuerySelector("table.changes")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dispute_after_the_window_is_refused()
    {
        using var factory = new EmulationFactory();
        var client = await factory.LoggedIn("chogao");
        var month = factory.Month("district", 2);
        await client.Post(Url("CHOGAO", 2, "Submit"), AnswerAll(await client.MonthForm("CHOGAO", 2), month));
        await factory.Act("CHOGAO", 2, (s, m, now) => s.Verify(m, [], "noivu", now));
        var page = await client.GetDocument(Url("CHOGAO", 2));
        var fields = Forms.Fields((IHtmlFormElement)page.QuerySelector("#dispute-heading")!.ParentElement!.QuerySelector("form")!);
        fields.Set("DisputeItems[0].Reason", "Không đồng ý");
        factory.Time.Advance(TimeSpan.FromDays(6));
        var response = await client.Post(Url("CHOGAO", 2, "Dispute"), fields);

        var refused = await response.ReadDocument();
        Assert.Contains("Đã hết thời hạn giải trình", refused.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Verified, (await factory.Stored("CHOGAO", 2))!.Status);
    }
}
