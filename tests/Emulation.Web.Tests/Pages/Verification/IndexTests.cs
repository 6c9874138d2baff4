using System.Net;
using AngleSharp.Html.Dom;
using Emulation.Core.Scoring;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Verification;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests.Verification;

/// <summary>
/// The verifier's month on the demo year (January–October verified for 61 units, November mixed):
/// who reads it, the queue, its filters and counts, the bulk accept through real form posts (with
/// and without the script's confirmation), and locking, publishing, reopening and publishing again.
/// Tests that change data each take their own months or their own November rows.
/// </summary>
public sealed class IndexTests(HistoryFactory factory) : IClassFixture<HistoryFactory>
{
    private const string Queue = "/Verification";

    [Theory]
    [InlineData("noivu")]
    [InlineData("admin")]
    public async Task Verifiers_and_administrators_read_the_queue(string user)
    {
        var client = await factory.LoggedIn(user);

        var response = await client.GetAsync(new Uri(Queue, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadDocument();
        Assert.Equal("Thẩm định tháng 11/2017", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(61, page.QuerySelectorAll("table.queue tbody tr").Length);
    }

    [Theory]
    [InlineData("chogao", "/Verification")]
    [InlineData("hoidong1", "/Verification")]
    [InlineData("chogao", "/Verification/CHOGAO/11/Extend")]
    [InlineData("chogao.staff", "/Verification/CHOGAO/11/CloseOut")]
    [InlineData("chutich", "/Verification?month=10")]
    public async Task Unit_people_and_the_committee_are_sent_to_access_denied(string user, string url)
    {
        var client = await factory.LoggedIn(user);

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.PathOnly());
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_first()
    {
        var response = await factory.CreateBrowserlikeClient().GetAsync(new Uri(Queue + "?month=10", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/Login", response.Headers.Location!.PathOnly());
    }

    [Fact]
    public async Task The_queue_handler_refuses_anyone_but_verifiers_and_administrators()
    {
        foreach (var user in new[] { "chogao", "hoidong1", "stp" })
        {
            var principal = await factory.UserAsync(user);
            await Assert.ThrowsAsync<NotFoundException>(() => factory.SendAsync(new IndexModel.Query(principal, "11", null, null, null)));
        }
    }

    [Fact]
    public async Task The_default_month_is_the_latest_begun_by_the_business_date_and_lists_every_block_member()
    {
        var queue = await factory.SendAsync(new IndexModel.Query(await factory.UserAsync("noivu"), null, null, null, null));

        Assert.Equal(11, queue.Month);
        Assert.Equal(new DateOnly(2017, 12, 5), queue.Deadline);
        var members = await factory.WithDb(db => db.BlockMemberships.CountAsync(m => m.CampaignId == AssessmentSupport.CampaignId));
        Assert.Equal(members, queue.Rows.Count);
        Assert.Equal(Enumerable.Range(1, 11), queue.Months);
    }

    [Fact]
    public async Task Each_row_shows_the_state_dates_waiting_time_and_totals_the_engine_gives()
    {
        var noivu = await factory.UserAsync("noivu");
        var today = new DateOnly(2017, 11, 28);
        var stored = await factory.MonthOf(10);
        var november = await factory.MonthOf(11);

        var october = await factory.SendAsync(new IndexModel.Query(noivu, "10", null, null, null));
        var now = await factory.SendAsync(new IndexModel.Query(noivu, "11", null, null, null));

        var chogao = october.Rows.Single(r => r.Unit == "CHOGAO");
        var month = factory.Month("district", 10);
        // The demo year published October on 20/11.
        Assert.Equal(SubmissionStatus.Locked, chogao.Status);
        Assert.Equal(stored["CHOGAO"].FirstSubmittedOn, chogao.FirstSubmittedOn);
        Assert.Equal(ScoringEngine.ScoreMonth(month.Campaign, "district", 10, stored["CHOGAO"].ToEngine(month, appraised: false)).Total, chogao.SelfTotal);
        Assert.Equal(ScoringEngine.ScoreMonth(month.Campaign, "district", 10, stored["CHOGAO"].ToEngine(month, appraised: true)).Total, chogao.AppraisedTotal);
        Assert.Null(chogao.DaysWaiting);
        var late = october.Rows.Where(r => r.DaysLate > 0).ToList();
        Assert.Equal(stored.Values.Count(s => s.DaysLate(factory.Month(s.Unit!.KindCode, 10)) > 0), late.Count);

        var stp = now.Rows.Single(r => r.Unit == "STP");
        Assert.Equal((SubmissionStatus.NotStarted, (decimal?)null, (decimal?)null, (DateOnly?)null), (stp.Status, stp.SelfTotal, stp.AppraisedTotal, stp.FirstSubmittedOn));
        var waiting = now.Rows.Where(r => r.Status == SubmissionStatus.Submitted).ToList();
        Assert.NotEmpty(waiting);
        Assert.All(waiting, r => Assert.Equal(today.DayNumber - VietnamTime.DateOf(november[r.Unit].LastSubmittedAtUtc!.Value).DayNumber, r.DaysWaiting));
        Assert.All(waiting, r => Assert.NotNull(r.SelfTotal));
        // A draft is scored as if submitted today, as on the unit's own pages.
        var draft = now.Rows.First(r => r.Status == SubmissionStatus.Draft);
        var draftMonth = factory.Month(draft.Kind, 11);
        Assert.Equal(ScoringEngine.ScoreMonth(draftMonth.Campaign, draft.Kind, 11, november[draft.Unit].ToEngine(draftMonth, appraised: false, submittedOn: today)).Total, draft.SelfTotal);
        Assert.Null(draft.AppraisedTotal);
    }

    [Fact]
    public async Task The_page_shows_a_late_mark_and_links_each_unit_to_its_review_page()
    {
        var client = await factory.LoggedIn("noivu");
        var october = await factory.SendAsync(new IndexModel.Query(await factory.UserAsync("noivu"), "10", null, null, null));
        var late = october.Rows.First(r => r.DaysLate > 0);

        var page = await client.GetDocument(Queue + "?month=10");

        var row = page.QuerySelector($"tr[data-unit='{late.Unit}']")!;
        Assert.Equal($"trễ {late.DaysLate} ngày", row.QuerySelector(".late")!.TextContent);
        Assert.Equal($"/Verification/{late.Unit}/10", row.QuerySelector("th a")!.GetAttribute("href"));
        Assert.Equal(Answers(late.AppraisedTotal!.Value), row.QuerySelectorAll("td.num")[1].TextContent);
    }

    [Fact]
    public async Task Filters_narrow_the_list_by_block_kind_and_state()
    {
        var client = await factory.LoggedIn("noivu");

        var page = await client.GetDocument(Queue + "?month=11&block=K-HUYEN&kind=district&status=Submitted");

        var rows = page.QuerySelectorAll("table.queue tbody tr");
        var queue = await factory.SendAsync(new IndexModel.Query(await factory.UserAsync("noivu"), "11", "K-HUYEN", "district", "Submitted"));
        Assert.Equal(queue.Rows.Select(r => r.Unit), rows.Select(r => r.GetAttribute("data-unit")));
        Assert.NotEmpty(queue.Rows);
        Assert.All(queue.Rows, r => Assert.Equal(("K-HUYEN", "district", SubmissionStatus.Submitted), (r.BlockCode, r.Kind, r.Status)));
        Assert.All(rows, r => Assert.Equal("Submitted", r.GetAttribute("data-status")));
        Assert.Equal("K-HUYEN", ((IHtmlSelectElement)page.QuerySelector("#f-block")!).Value);
        Assert.Equal("Submitted", ((IHtmlSelectElement)page.QuerySelector("#f-status")!).Value);

        var communes = await factory.SendAsync(new IndexModel.Query(await factory.UserAsync("noivu"), "10", null, "commune", null));
        Assert.Equal(32, communes.Rows.Count);
        Assert.All(communes.Rows, r => Assert.Equal("commune", r.Kind));
    }

    [Theory]
    [InlineData("?month=13")]
    [InlineData("?month=0")]
    [InlineData("?month=abc")]
    [InlineData("?month=11.5")]
    [InlineData("?block=K-NOWHERE")]
    [InlineData("?kind=province")]
    [InlineData("?status=Bogus")]
    [InlineData("?status=3")]
    [InlineData("?month=11&status=Submitted%00")]
    public async Task Unknown_filter_values_answer_404_not_500(string query)
    {
        var client = await factory.LoggedIn("noivu");

        var response = await client.GetAsync(new Uri(Queue + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_counts_per_state_and_the_completeness_add_up_to_the_stored_states()
    {
        var client = await factory.LoggedIn("admin");
        var stored = await factory.MonthOf(11);
        var codes = await factory.WithDb(db => db.BlockMemberships.Where(m => m.CampaignId == AssessmentSupport.CampaignId).Select(m => m.Unit!.Code).ToListAsync());
        var states = codes.Select(c => stored.GetValueOrDefault(c)?.Status ?? SubmissionStatus.NotStarted).ToList();

        var page = await client.GetDocument(Queue + "?month=11");

        foreach (var state in Enum.GetValues<SubmissionStatus>())
        {
            var count = page.QuerySelector($".state-counts li[data-state='{state}'] strong")!.TextContent;
            Assert.Equal(states.Count(s => s == state).ToString(System.Globalization.CultureInfo.InvariantCulture), count);
        }

        int Count(string name) => int.Parse(page.QuerySelector($"dd[data-count='{name}']")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);
        var submittedEver = codes.Select(c => stored.GetValueOrDefault(c)).Where(s => s?.FirstSubmittedOn is not null).ToList();
        Assert.Equal(submittedEver.Count, Count("on-time") + Count("late"));
        Assert.Equal(codes.Count, Count("on-time") + Count("late") + Count("missing") + Count("not-submitted"));
        Assert.Equal(states.Count(s => s is SubmissionStatus.NotStarted or SubmissionStatus.Draft or SubmissionStatus.Returned), Count("open"));
        Assert.Equal(states.Count(s => s == SubmissionStatus.Submitted), Count("awaiting"));
        Assert.Equal(states.Count(s => s == SubmissionStatus.Verified), Count("verified"));
        Assert.Equal(codes.Count, Count("open") + Count("awaiting") + Count("disputed") + Count("verified") + Count("missing-work"));
        Assert.Contains("61 đơn vị", page.QuerySelector("#summary-heading")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task November_cannot_be_published_and_the_page_names_the_units_not_verified()
    {
        var client = await factory.LoggedIn("noivu");
        var queue = await factory.SendAsync(new IndexModel.Query(await factory.UserAsync("noivu"), "11", null, null, null));

        var page = await client.GetDocument(Queue + "?month=11");

        Assert.Contains("STP", queue.Publishing.Readiness.NotVerified);
        var problem = page.QuerySelector("li[data-problem='not-verified']")!.Text();
        Assert.Contains($"{queue.Publishing.Readiness.NotVerified.Count} đơn vị chưa được thẩm định", problem, StringComparison.Ordinal);
        Assert.Contains(queue.Publishing.Readiness.NotVerified[0], problem, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form.publish-form"));
    }

    [Fact]
    public async Task Ticked_submissions_are_accepted_without_adjustment_in_one_post()
    {
        var client = await factory.LoggedIn("noivu");
        var url = Queue + "?month=11&status=Submitted";
        var page = await client.GetDocument(url);
        var form = page.Form("#accept-form");
        var fields = Forms.Fields(form);
        var chosen = Tick(fields, 2);
        // The script's confirm sets this; the post then needs no confirmation step.
        fields.Set("Confirmed", "true");

        var response = await client.Post(form.Action(url), fields);

        response.Redirected("/Verification?month=11&status=Submitted");
        var stored = await factory.MonthOf(11);
        foreach (var unit in chosen)
        {
            Assert.Equal(SubmissionStatus.Verified, stored[unit].Status);
            Assert.Equal("noivu", stored[unit].VerifiedBy);
            Assert.DoesNotContain(stored[unit].Entries, e => e.Adjusted);
        }

        var after = await client.GetDocument(url);
        Assert.Equal("Đã chấp nhận 2 bản tự chấm tháng 11/2017.", after.QuerySelector(".flash")!.TextContent);
        Assert.All(chosen, unit => Assert.Null(after.QuerySelector($"tr[data-unit='{unit}']")));
        var audit = await factory.WithDb(db => db.AuditEntries.Where(a => a.Action == "submission.verified" && a.Who == "noivu").Select(a => a.Entity).ToListAsync());
        Assert.All(chosen, unit => Assert.Contains($"submission:{AssessmentSupport.CampaignId}/{unit}/11", audit));
    }

    [Fact]
    public async Task Without_the_script_the_accept_first_asks_to_confirm_how_many_and_names_them()
    {
        var client = await factory.LoggedIn("noivu");
        var url = Queue + "?month=11";
        var page = await client.GetDocument(url);
        var form = page.Form("#accept-form");
        var fields = Forms.Fields(form);
        var chosen = Tick(fields, 1);
        Assert.Equal("false", fields.Single(f => f.Key == "Confirmed").Value);

        var asked = await client.Post(form.Action(url), fields);

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirm = await asked.ReadDocument();
        Assert.Contains("Chấp nhận 1 bản tự chấm đã chọn, không điều chỉnh?", confirm.QuerySelector(".confirm-step")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(chosen[0], confirm.QuerySelector(".confirm-list")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(SubmissionStatus.Submitted, (await factory.MonthOf(11))[chosen[0]].Status);

        var step = confirm.Form(".confirm-step form");
        var response = await client.Post(step.Action(url), Forms.Fields(step));

        response.Redirected("/Verification?month=11");
        Assert.Equal(SubmissionStatus.Verified, (await factory.MonthOf(11))[chosen[0]].Status);
    }

    [Fact]
    public async Task A_row_changed_meanwhile_refuses_the_whole_accept_by_name_and_keeps_the_ticks()
    {
        var client = await factory.LoggedIn("noivu");
        var url = Queue + "?month=11&status=Submitted";
        var page = await client.GetDocument(url);
        var form = page.Form("#accept-form");
        var fields = Forms.Fields(form);
        var chosen = Tick(fields, 2);
        fields.Set("Confirmed", "true");
        // Meanwhile another verifier extends the second unit's deadline: its version moves on.
        await factory.SendAsync(new ExtendModel.Command(await factory.UserAsync("noivu"), chosen[1], 11,
            (await factory.MonthOf(11))[chosen[1]].Version, "2017-12-20", "Bão số 16"));

        var response = await client.Post(form.Action(url), fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await response.ReadDocument();
        var error = refused.Errors();
        Assert.Contains("Chưa chấp nhận bản nào", error, StringComparison.Ordinal);
        Assert.Contains(chosen[1], error, StringComparison.Ordinal);
        Assert.DoesNotContain(chosen[0], error, StringComparison.Ordinal);
        var stored = await factory.MonthOf(11);
        Assert.All(chosen, unit => Assert.Equal(SubmissionStatus.Submitted, stored[unit].Status));
        Assert.All(chosen, unit => Assert.True(((IHtmlInputElement)refused.QuerySelector($"tr[data-unit='{unit}'] input[type='checkbox']")!).IsChecked));
    }

    [Fact]
    public async Task Accepting_nothing_is_refused_with_a_message()
    {
        var client = await factory.LoggedIn("noivu");
        var url = Queue + "?month=11";
        var form = (await client.GetDocument(url)).Form("#accept-form");

        var response = await client.Post(form.Action(url), Forms.Fields(form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Chưa chọn bản tự chấm nào", (await response.ReadDocument()).Errors(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrators_read_but_may_not_accept_and_unit_heads_may_not_either()
    {
        var verifier = await factory.LoggedIn("noivu");
        var admin = await factory.LoggedIn("admin");
        var url = Queue + "?month=11&status=Submitted";
        var adminPage = await admin.GetDocument(url);
        Assert.Null(adminPage.QuerySelector("#accept-button"));
        Assert.Empty(adminPage.QuerySelectorAll("table.queue input[type='checkbox']"));
        var form = (await verifier.GetDocument(url)).Form("#accept-form");
        var fields = Forms.Fields(form);
        var chosen = Tick(fields, 1);
        fields.Set("Confirmed", "true");
        fields.Set("__RequestVerificationToken", adminPage.Token());

        var response = await admin.Post(form.Action(url), fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location!.PathOnly());
        var item = new IndexModel.AcceptItem(chosen[0], (await factory.MonthOf(11))[chosen[0]].Version);
        foreach (var user in new[] { "admin", "tanphuoc", "chogao" })
        {
            var principal = await factory.UserAsync(user);
            await Assert.ThrowsAsync<NotFoundException>(() => factory.SendAsync(new IndexModel.Accept(principal, 11, [item])));
        }

        var head = await factory.LoggedIn("tanphuoc");
        var headPost = await head.Post(form.Action(url), fields);
        Assert.Equal("/Account/AccessDenied", headPost.Headers.Location!.PathOnly());
        Assert.Equal(SubmissionStatus.Submitted, (await factory.MonthOf(11))[chosen[0]].Status);
    }

    [Fact]
    public async Task A_forged_unit_in_the_accept_is_a_404_and_accepts_nothing()
    {
        var noivu = await factory.UserAsync("noivu");
        var stored = await factory.MonthOf(11);
        var submitted = stored.Values.First(s => s.Status == SubmissionStatus.Submitted);

        await Assert.ThrowsAsync<NotFoundException>(() => factory.SendAsync(new IndexModel.Accept(noivu, 11,
            [new(submitted.UnitCode, submitted.Version), new("STP", 0)])));
        await Assert.ThrowsAsync<NotFoundException>(() => factory.SendAsync(new IndexModel.Accept(noivu, 12, [new(submitted.UnitCode, submitted.Version)])));

        Assert.Equal(SubmissionStatus.Submitted, (await factory.MonthOf(11))[submitted.UnitCode].Status);
    }

    [Fact]
    public async Task January_is_reopened_by_an_administrator_refused_while_a_dispute_is_open_and_published_again()
    {
        var verifier = await factory.LoggedIn("noivu");
        var admin = await factory.LoggedIn("admin");
        var url = Queue + "?month=1";

        // The demo year published January: no reopening for a verifier, and an administrator must give a reason.
        var page = await verifier.GetDocument(url);
        Assert.Contains("Đã khóa và công bố (lần 1", page.QuerySelector(".publish-state")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form.reopen-form"));
        Assert.Null(page.QuerySelector("form.publish-form"));
        var reopenByVerifier = await verifier.Post(url.Replace("?", "?handler=Reopen&", StringComparison.Ordinal),
            [new("__RequestVerificationToken", page.Token()), new("Reason", "Sai số liệu"), new("Confirmed", "true")]);
        Assert.Equal("/Account/AccessDenied", reopenByVerifier.Headers.Location!.PathOnly());
        var adminPage = await admin.GetDocument(url);
        var reopen = adminPage.Form("form.reopen-form");
        var noReason = Forms.Fields(reopen);
        noReason.Set("Confirmed", "true");
        var refused = await admin.Post(reopen.Action(url), noReason);
        Assert.Contains("Cần ghi lý do.", (await refused.ReadDocument()).Errors(), StringComparison.Ordinal);
        Assert.All((await factory.MonthOf(1)).Values, s => Assert.Equal(SubmissionStatus.Locked, s.Status));

        var reason = Forms.Fields(reopen);
        reason.Set("Reason", "Huyện Tân Phước báo sai số liệu hồ sơ một cửa");
        reason.Set("Confirmed", "true");
        var reopened = await admin.Post(reopen.Action(url), reason);

        reopened.Redirected("/Verification?month=1");
        Assert.All((await factory.MonthOf(1)).Values, s => Assert.Equal(SubmissionStatus.Verified, s.Status));
        Assert.True(Assert.Single(await factory.Publications(1)).IsCurrent);
        page = await verifier.GetDocument(url);
        var state = page.QuerySelector(".publish-state")!.Text();
        Assert.Contains("mở lại sau lần công bố thứ 1", state, StringComparison.Ordinal);
        Assert.Contains("Mở lại bởi admin lúc 28/11/2017", state, StringComparison.Ordinal);
        Assert.Contains("Lý do: Huyện Tân Phước báo sai số liệu hồ sơ một cửa", state, StringComparison.Ordinal);
        var audit = await factory.WithDb(db => db.AuditEntries.Where(a => a.Action == MonthPublisher.MonthReopened).Select(a => new { a.Who, a.Reason }).ToListAsync());
        Assert.Equal(("admin", "Huyện Tân Phước báo sai số liệu hồ sơ một cửa"), (audit.Single().Who, audit.Single().Reason));

        // An open dispute: the page names the unit and offers no button; a forged post is refused by name.
        await Dispute("TANPHUOC", 1);
        page = await verifier.GetDocument(url);
        Assert.Contains("TANPHUOC", page.QuerySelector("li[data-problem='disputed']")!.Text(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form.publish-form"));
        var forged = await verifier.Post(url.Replace("?", "?handler=Publish&", StringComparison.Ordinal),
            [new("__RequestVerificationToken", page.Token()), new("Confirmed", "true")]);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Đơn vị TANPHUOC còn giải trình chưa trả lời.", (await forged.ReadDocument()).Errors(), StringComparison.Ordinal);
        Assert.Single(await factory.Publications(1));

        await AnswerDisputes("TANPHUOC", 1);
        page = await verifier.GetDocument(url);
        var publish = page.Form("form.publish-form");
        Assert.Equal("Công bố lại", publish.QuerySelector("button")!.TextContent);

        // The confirmation box is required on the server too, and an administrator may not publish.
        var unconfirmed = await verifier.Post(publish.Action(url), Forms.Fields(publish));
        Assert.Contains("Hãy đánh dấu ô xác nhận", (await unconfirmed.ReadDocument()).Errors(), StringComparison.Ordinal);
        var byAdmin = await admin.Post(publish.Action(url), [new("__RequestVerificationToken", (await admin.GetDocument(url)).Token()), new("Confirmed", "true")]);
        Assert.Equal("/Account/AccessDenied", byAdmin.Headers.Location!.PathOnly());
        Assert.Single(await factory.Publications(1));

        var fields = Forms.Fields(publish);
        fields.Set("Confirmed", "true");
        var again = await verifier.Post(publish.Action(url), fields);

        again.Redirected("/Verification?month=1");
        var publications = await factory.Publications(1);
        Assert.Equal([1, 2], publications.Select(p => p.Number));
        Assert.False(publications[0].IsCurrent);
        Assert.True(publications[1].IsCurrent);
        Assert.Equal((61, "noivu"), (publications[1].Units.Count, publications[1].PublishedBy));
        Assert.All((await factory.MonthOf(1)).Values, s => Assert.Equal(SubmissionStatus.Locked, s.Status));
        page = await verifier.GetDocument(url);
        Assert.Equal(2, page.QuerySelectorAll("table.publications tbody tr").Length);
        Assert.Contains("lần 2", page.QuerySelector(".publish-state")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>Ticks the first <paramref name="count"/> rows of the accept form; returns their units.</summary>
    private static List<string> Tick(List<KeyValuePair<string, string>> fields, int count)
    {
        var units = fields.Where(f => f.Key.EndsWith(".Unit", StringComparison.Ordinal)).Take(count).ToList();
        Assert.Equal(count, units.Count);
        foreach (var unit in units)
        {
            fields.Set(unit.Key.Replace(".Unit", ".Selected", StringComparison.Ordinal), "true");
        }

        return [.. units.Select(u => u.Value)];
    }

    /// <summary>Points as the Vietnamese page shows them.</summary>
    private static string Answers(decimal points) => points.ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>The unit disputes one appraised entry on the day after verification, inside its window.</summary>
    private Task Dispute(string unit, int month) =>
        factory.Act(unit, month, (submission, framework, _) =>
            submission.Dispute(framework, [new DisputeInput(submission.Entries[0].Criterion, "Số liệu đã gửi kèm công văn")], unit.ToLowerInvariant(),
                submission.VerifiedAtUtc!.Value.AddDays(1)));

    private Task AnswerDisputes(string unit, int month) =>
        factory.Act(unit, month, (submission, framework, now) =>
        {
            foreach (var dispute in submission.Disputes.Where(d => d.IsOpen).ToList())
            {
                submission.AnswerDispute(framework, dispute.Id, DisputeDecision.Kept, null, null, "Giữ nguyên kết quả thẩm định", "noivu", now);
            }
        });
}
