using System.Net;
using AngleSharp.Dom;
using Emulation.Core.Scoring;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Assessments;
using static Emulation.Web.Tests.AssessmentSupport;

namespace Emulation.Web.Tests;

/// <summary>The year at a glance, its handlers called straight through the mediator and its page, plus history and print.</summary>
public sealed class IndexTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    [Fact]
    public async Task The_year_lists_every_campaign_month_with_its_state_totals_and_the_month_to_do()
    {
        var chogao = await factory.UserAsync("chogao");
        var month = factory.Month("district", 11);
        await factory.SendAsync(new MonthModel.Save(chogao, "CHOGAO", 11, 0,
            [.. month.DueLeaves.Take(3).Select(c => new EntryInput(c.Code, Valid(c).Value, Valid(c).Denominator, null))], [], [], [], [], false));

        var year = await factory.SendAsync(new IndexModel.Query(chogao, "CHOGAO"));

        Assert.Equal(Enumerable.Range(1, 11), year.Months.Select(m => m.Month));
        var november = year.Months[^1];
        Assert.Equal((SubmissionStatus.Draft, new DateOnly(2017, 12, 5), 7), (november.Status, november.Deadline, november.DaysLeft));
        var stored = await factory.Stored("CHOGAO", 11);
        Assert.Equal(ScoringEngine.ScoreMonth(month.Campaign, "district", 11, stored!.ToEngine(month, false, new DateOnly(2017, 11, 28))).Total, november.SelfTotal);
        Assert.Null(november.AppraisedTotal);
        // January is the earliest month still to do.
        Assert.Equal(1, year.Open!.Month);
        Assert.Equal(["chogao.staff"], year.Staff!.Select(s => s.UserName));
    }

    [Fact]
    public async Task A_handler_asked_for_another_units_month_refuses_whoever_calls_it()
    {
        var chogao = await factory.UserAsync("chogao");

        await Assert.ThrowsAsync<NotFoundException>(() => factory.SendAsync(new IndexModel.Query(chogao, "TANPHUOC")));
        await Assert.ThrowsAsync<NotFoundException>(() => factory.SendAsync(new MonthModel.Query(chogao, "TANPHUOC", 11)));
        await Assert.ThrowsAsync<NotFoundException>(() => factory.SendAsync(new MonthModel.Save(chogao, "TANPHUOC", 11, 0, [], [], [], [], [], false)));
        await Assert.ThrowsAsync<NotFoundException>(() => factory.SendAsync(new MonthModel.Preview(chogao, "TANPHUOC", 11, [])));
        await Assert.ThrowsAsync<NotFoundException>(() => factory.SendAsync(new IndexModel.Delegate(chogao, "TANPHUOC", "x", true)));
        Assert.Null(await factory.Stored("TANPHUOC", 11));
    }

    [Fact]
    public async Task Staff_may_not_delegate_and_a_head_may_not_delegate_to_someone_outside_the_unit()
    {
        var staff = await factory.UserAsync("chogao.staff");
        var head = await factory.UserAsync("chogao");
        var tanphuocId = await factory.WithDb(db => Task.FromResult(db.Users.Single(u => u.UserName == "tanphuoc").Id));

        await Assert.ThrowsAsync<NotFoundException>(() => factory.SendAsync(new IndexModel.Delegate(staff, "CHOGAO", tanphuocId, true)));
        await Assert.ThrowsAsync<NotFoundException>(() => factory.SendAsync(new IndexModel.Delegate(head, "CHOGAO", tanphuocId, true)));
    }

    [Fact]
    public async Task A_unit_head_sees_only_their_unit_and_a_verifier_chooses_any()
    {
        var head = await factory.LoggedIn("tanphuoc");
        var verifier = await factory.LoggedIn("noivu");

        var own = await head.GetDocument("/Assessments");
        var chosen = await verifier.GetDocument("/Assessments?unit=STP");
        var picker = await verifier.GetDocument("/Assessments");

        Assert.Contains("UBND huyện Tân Phước", own.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        Assert.Null(own.QuerySelector("#unit-choice"));
        Assert.Contains("Sở Tư pháp", chosen.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(61, picker.QuerySelectorAll("#unit-choice option").Length - 1);
        Assert.Equal(11, chosen.QuerySelectorAll("table.months tbody tr").Length);
    }

    [Fact]
    public async Task The_print_layout_carries_the_administrative_heading_and_the_heads_signature_block()
    {
        var client = await factory.LoggedIn("chogao");

        var page = await client.GetDocument("/Assessments/CHOGAO/10/Print");

        var heading = page.QuerySelector(".doc-heading")!.TextContent;
        Assert.Contains("UBND TỈNH TIỀN GIANG", heading, StringComparison.Ordinal);
        Assert.Contains("UBND HUYỆN CHỢ GẠO", heading, StringComparison.Ordinal);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", heading, StringComparison.Ordinal);
        Assert.Contains("Độc lập - Tự do - Hạnh phúc", heading, StringComparison.Ordinal);
        Assert.Contains("THỦ TRƯỞNG ĐƠN VỊ", page.QuerySelector(".signatures")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(factory.Month("district", 10).DueLeaves.Count, page.QuerySelectorAll(".doc-table tr.leaf").Length);
        Assert.NotNull(page.QuerySelector("link[href^='/css/print.css']"));
    }

    [Fact]
    public async Task Dates_on_the_English_pages_read_day_first()
    {
        var client = await factory.LoggedIn("chogao");
        await client.PostForm("/Assessments", "#language-switch", new Dictionary<string, string> { ["culture"] = "en-US", ["returnUrl"] = "/Assessments" });

        var page = await client.GetDocument("/Assessments/CHOGAO/11");

        Assert.Contains("Due 05/12/2017", page.QuerySelector(".status-line")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("28/11/2017", page.QuerySelector("footer time")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Assessments", UriKind.Relative))).StatusCode);
    }
}
