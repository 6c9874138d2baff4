using System.Net;
using AngleSharp.Html.Dom;
using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static Emulation.Web.Tests.AssessmentSupport;

namespace Emulation.Web.Tests;

public sealed class NotificationsTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    private const string ChoGao = "UBND huyện Chợ Gạo";

    [Fact]
    public async Task A_submission_by_Cho_Gao_tells_the_verifiers_and_noivu_sees_it_counted_and_listed()
    {
        var noivu = await factory.LoggedIn("noivu");
        await MarkAllRead(noivu);
        Assert.Equal(0, await noivu.HeaderCount());

        await factory.SubmitAsChoGao(10);

        Assert.Equal(1, await noivu.HeaderCount());
        var (text, unread, href) = (await noivu.Notices())[0];
        Assert.Equal($"{ChoGao} đã nộp bản tự chấm điểm tháng 10/2017, chờ thẩm định.", text);
        Assert.True(unread);
        var notice = Assert.Single(await factory.NoticesOf("CHOGAO", 10));
        Assert.Equal((NoticeKind.Submitted, NoticeAudience.Verifiers), (notice.Kind, notice.Audience));
        Assert.Equal($"/Notifications?handler=Open&id={notice.Id}", href);
        // The unit that submitted is not told of its own submission.
        Assert.DoesNotContain(await (await factory.LoggedIn("chogao")).Notices(), n => n.Text.Contains("10/2017", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_return_tells_Cho_Gaos_head_and_staff_and_not_Tan_Phuoc_and_a_resubmission_tells_the_verifiers_again()
    {
        await factory.SubmitAsChoGao(9);
        var month = factory.Month("district", 9);
        var noivu = await factory.LoggedIn("noivu");
        var review = Forms.Fields((IHtmlFormElement)(await noivu.GetDocument("/Verification/CHOGAO/9")).QuerySelector("#review-form")!);
        review.Set($"Entries[{IndexOf(month, month.DueLeaves[0].Code)}].Finding", "Thiếu văn bản kiểm chứng");
        (await noivu.Post("/Verification/CHOGAO/9?handler=Return", review)).Redirected("/Verification/CHOGAO/9");

        var returned = $"Sở Nội vụ đã trả lại bản tự chấm điểm tháng 9/2017 của {ChoGao} để bổ sung: xem ý kiến ở từng tiêu chí, sửa và nộp lại.";
        foreach (var person in new[] { "chogao", "chogao.staff" })
        {
            var (text, unread, href) = Assert.Single(await (await factory.LoggedIn(person)).Notices(), n => n.Text.Contains("9/2017", StringComparison.Ordinal));
            Assert.Equal((returned, true), (text, unread));
        }

        Assert.DoesNotContain(await (await factory.LoggedIn("tanphuoc")).Notices(), n => n.Text.Contains(ChoGao, StringComparison.Ordinal));
        Assert.DoesNotContain(await (await factory.LoggedIn("noivu")).Notices(), n => n.Text == returned);

        var client = await factory.LoggedIn("chogao");
        var resubmit = await client.Post(Url("CHOGAO", 9, "Submit"), Forms.Fields((IHtmlFormElement)(await client.GetDocument(Url("CHOGAO", 9))).QuerySelector("#month-form")!));
        resubmit.Redirected("/Assessments/CHOGAO/9");
        Assert.Equal([NoticeKind.Submitted, NoticeKind.Returned, NoticeKind.Resubmitted], (await factory.NoticesOf("CHOGAO", 9)).Select(n => n.Kind));
        Assert.Contains(await (await factory.LoggedIn("noivu")).Notices(),
            n => n.Text == $"{ChoGao} đã nộp lại bản tự chấm điểm tháng 9/2017 sau khi bổ sung, chờ thẩm định.");
    }

    [Fact]
    public async Task Verifying_disputing_answering_and_reappraising_each_tell_the_other_side()
    {
        await factory.SubmitAsChoGao(7);
        var month = factory.Month("district", 7);
        var (first, second) = (month.DueLeaves.First(c => c.Method is Core.Campaigns.CountMethod), month.DueLeaves.First(c => c.Method is Core.Campaigns.BinaryMethod));
        await factory.Act("CHOGAO", 7, (s, m, now) => s.Verify(m, [new Adjustment(first.Code, "0", null, "Không có văn bản")], "noivu", now));
        var chogao = await factory.LoggedIn("chogao");
        Assert.Contains(await chogao.Notices(), n => n.Text == $"Sở Nội vụ đã thẩm định bản tự chấm điểm tháng 7/2017 của {ChoGao} và điều chỉnh 1 tiêu chí; đơn vị có thể giải trình trong thời hạn quy định.");

        await factory.Act("CHOGAO", 7, (s, m, now) => s.Dispute(m, [new DisputeInput(first.Code, "Có kế hoạch số 12/KH-UBND"), new DisputeInput(second.Code, "Đã thực hiện")], "chogao", now));
        Assert.Contains(await (await factory.LoggedIn("noivu")).Notices(), n => n.Text == $"{ChoGao} đã giải trình 2 tiêu chí của tháng 7/2017, chờ Sở Nội vụ trả lời.");

        var disputes = (await factory.Stored("CHOGAO", 7))!.Disputes.OrderBy(d => d.Id).Select(d => d.Id).ToList();
        await factory.Act("CHOGAO", 7, (s, m, now) => s.AnswerDispute(m, disputes[0], DisputeDecision.Kept, null, null, "Giữ nguyên", "noivu", now));
        Assert.Contains(await chogao.Notices(), n => n.Text == $"Sở Nội vụ đã trả lời 1 giải trình về tháng 7/2017 của {ChoGao}; các giải trình khác đang được xem xét.");
        await factory.Act("CHOGAO", 7, (s, m, now) => s.AnswerDispute(m, disputes[1], DisputeDecision.Kept, null, null, "Giữ nguyên", "noivu", now));
        Assert.Contains(await chogao.Notices(), n => n.Text == $"Sở Nội vụ đã trả lời mọi giải trình về tháng 7/2017 của {ChoGao}; bản tự chấm điểm trở lại trạng thái đã thẩm định.");

        await factory.Act("CHOGAO", 7, (s, m, now) => s.Reappraise(m, [new Adjustment(first.Code, "2", null, "Đã xem lại kế hoạch")], "noivu", now));
        Assert.Contains(await chogao.Notices(), n => n.Text == $"Sở Nội vụ đã điều chỉnh lại 1 tiêu chí trong kết quả thẩm định tháng 7/2017 của {ChoGao}; xem lý do ở từng tiêu chí.");

        Assert.Equal(
            [(NoticeKind.Submitted, NoticeAudience.Verifiers), (NoticeKind.Verified, NoticeAudience.Unit), (NoticeKind.Disputed, NoticeAudience.Verifiers),
             (NoticeKind.DisputeAnswered, NoticeAudience.Unit), (NoticeKind.DisputeAnswered, NoticeAudience.Unit), (NoticeKind.Reappraised, NoticeAudience.Unit)],
            (await factory.NoticesOf("CHOGAO", 7)).Select(n => (n.Kind, n.Audience)));
    }

    [Fact]
    public async Task Opening_a_notice_marks_it_read_for_that_person_only_and_goes_to_the_month()
    {
        await factory.SubmitAsChoGao(6);
        await factory.Act("CHOGAO", 6, (s, m, now) => s.Verify(m, [], "noivu", now));
        var notice = (await factory.NoticesOf("CHOGAO", 6)).Single(n => n.Kind == NoticeKind.Verified);
        var head = await factory.LoggedIn("chogao");
        var staff = await factory.LoggedIn("chogao.staff");
        var (headBefore, staffBefore) = (await head.HeaderCount(), await staff.HeaderCount());

        var response = await head.GetAsync(new Uri($"/Notifications?handler=Open&id={notice.Id}", UriKind.Relative));

        response.Redirected("/Assessments/CHOGAO/6");
        Assert.Equal(headBefore - 1, await head.HeaderCount());
        Assert.Equal(staffBefore, await staff.HeaderCount());
        Assert.False((await head.Notices()).Single(n => n.Href.EndsWith($"id={notice.Id}", StringComparison.Ordinal)).Unread);
        Assert.True((await staff.Notices()).Single(n => n.Href.EndsWith($"id={notice.Id}", StringComparison.Ordinal)).Unread);
        // Opening it again changes nothing.
        (await head.GetAsync(new Uri($"/Notifications?handler=Open&id={notice.Id}", UriKind.Relative))).Redirected("/Assessments/CHOGAO/6");
        Assert.Equal(1, await factory.WithDb(db => db.NotificationReads.CountAsync(r => r.NotificationId == notice.Id)));
    }

    [Fact]
    public async Task A_verifier_opens_a_notice_on_the_verification_of_that_month()
    {
        await factory.SubmitAsChoGao(5);
        var notice = Assert.Single(await factory.NoticesOf("CHOGAO", 5));

        var noivu = await factory.LoggedIn("noivu");

        var response = await noivu.GetAsync(new Uri($"/Notifications?handler=Open&id={notice.Id}", UriKind.Relative));

        response.Redirected("/Verification/CHOGAO/5");
        Assert.NotNull((await noivu.GetDocument("/Verification/CHOGAO/5")).QuerySelector("#review-form"));
    }

    [Theory]
    [InlineData("tanphuoc", 4)]
    [InlineData("noivu", 8)]
    [InlineData("hoidong1", 1)]
    public async Task Another_audiences_notice_or_a_made_up_one_is_not_found(string person, int month)
    {
        await factory.SubmitAsChoGao(month);
        await factory.Act("CHOGAO", month, (s, m, now) => s.Verify(m, [], "noivu", now));
        var unitNotice = (await factory.NoticesOf("CHOGAO", month)).Single(n => n.Audience == NoticeAudience.Unit);
        var client = await factory.LoggedIn(person);

        foreach (var url in new[] { $"/Notifications?handler=Open&id={unitNotice.Id}", "/Notifications?handler=Open&id=999999", "/Notifications?handler=Open&id=abc" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(url, UriKind.Relative))).StatusCode);
        }

        Assert.Equal(0, await factory.WithDb(db => db.NotificationReads.CountAsync(r => r.NotificationId == unitNotice.Id)));
    }

    [Fact]
    public async Task Mark_all_read_is_a_form_post_that_clears_the_count_for_that_person()
    {
        await factory.SubmitAsChoGao(3);
        await factory.Act("CHOGAO", 3, (s, m, now) => s.Verify(m, [], "noivu", now));
        var head = await factory.LoggedIn("chogao");
        var staff = await factory.LoggedIn("chogao.staff");
        Assert.True(await head.HeaderCount() > 0);
        var staffCount = await staff.HeaderCount();

        var response = await MarkAllRead(head);

        response.Redirected("/Notifications");
        Assert.Equal(0, await head.HeaderCount());
        Assert.Equal(staffCount, await staff.HeaderCount());
        var page = await head.GetDocument("/Notifications");
        Assert.Contains("là đã đọc", page.QuerySelector(".flash")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.QuerySelectorAll(".notice-item.unread"));
        Assert.Null(page.QuerySelector("form[action*='ReadAll']"));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("hoidong1")]
    public async Task People_outside_the_audiences_have_no_notices_link_and_are_told_why(string person)
    {
        var client = await factory.LoggedIn(person);

        Assert.Null(await client.HeaderCount());
        var page = await client.GetDocument("/Notifications");
        Assert.Contains("không nhận thông báo", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_notices_are_written_in_the_readers_language()
    {
        await factory.SubmitAsChoGao(2);
        var client = await factory.LoggedIn("noivu");
        await client.PostForm("/", "#language-switch", new Dictionary<string, string> { ["culture"] = "en-US" });

        var notices = await client.Notices();

        Assert.Contains(notices, n => n.Text == "Chợ Gạo District People's Committee submitted its self-assessment for 2/2017; it awaits verification.");
    }

    [Fact]
    public async Task Fifty_notices_a_page_newest_first()
    {
        var unit = await factory.WithDb(db => db.Units.SingleAsync(u => u.Code == "TANPHUOC"));
        var start = new DateTime(2017, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        await factory.WithDb(db =>
        {
            db.Notifications.AddRange(Enumerable.Range(1, 60).Select(i => Notification.Create(start.AddMinutes(i), NoticeKind.DueSoon, NoticeAudience.Unit,
                unit.Id, unit.Code, CampaignId, 1, "Notice.DueSoon", [1, 2017, $"#{i:00}"], $"test:{i}")));
            return db.SaveChangesAsync();
        });
        var client = await factory.LoggedIn("tanphuoc");

        var first = await client.GetDocument("/Notifications");
        var second = await client.GetDocument("/Notifications?p=2");

        var items = first.QuerySelectorAll(".notice-item a").Select(a => a.TextContent).ToList();
        Assert.Equal(50, items.Count);
        Assert.Contains("là ngày #60", items[0], StringComparison.Ordinal);
        Assert.Contains("là ngày #11", items[49], StringComparison.Ordinal);
        Assert.Equal(10, second.QuerySelectorAll(".notice-item").Length);
        Assert.NotNull(first.QuerySelector("a[href='/Notifications?p=2']"));
        Assert.Equal(50, (await client.GetDocument("/Notifications?p=-3")).QuerySelectorAll(".notice-item").Length);
        Assert.Equal(10, (await client.GetDocument("/Notifications?p=99999")).QuerySelectorAll(".notice-item").Length);
        Assert.Equal(50, (await client.GetDocument("/Notifications?p=99999999999")).QuerySelectorAll(".notice-item").Length);
    }

    private static async Task<HttpResponseMessage> MarkAllRead(HttpClient client)
    {
        var page = await client.GetDocument("/Notifications");
        if (page.QuerySelector("form[action*='ReadAll']") is not IHtmlFormElement form)
        {
            return new HttpResponseMessage(HttpStatusCode.Redirect) { Headers = { Location = new Uri("/Notifications", UriKind.Relative) } };
        }

        return await client.Post(form.GetAttribute("action")!, Forms.Fields(form));
    }
}
