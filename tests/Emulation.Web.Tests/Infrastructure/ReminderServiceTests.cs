using Emulation.Core.Campaigns;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Emulation.Web.Tests.AssessmentSupport;
using State = Emulation.Web.Infrastructure.Notifications.ReminderService.MonthState;

namespace Emulation.Web.Tests;

public sealed class ReminderServiceTests
{
    private static readonly DateOnly Deadline = new(2017, 12, 5);

    private static readonly Lazy<Campaign> Campaign = new(() =>
        CampaignLoader.LoadFile(Path.Combine(TestFolders.ShippedCriteria, "tien-giang-2017.json")).Value!);

    // November 2017 is due on 05/12/2017.
    public static TheoryData<string, SubmissionStatus?, string?, string?, NoticeKind?> Cases => new()
    {
        { "2017-11-28", null, null, null, null },
        { "2017-12-01", null, null, null, null },
        { "2017-12-02", null, null, null, NoticeKind.DueSoon },
        { "2017-12-05", null, null, null, NoticeKind.DueSoon },
        { "2017-12-05", SubmissionStatus.Draft, null, null, NoticeKind.DueSoon },
        { "2017-12-05", SubmissionStatus.Returned, null, null, NoticeKind.DueSoon },
        { "2017-12-04", SubmissionStatus.Submitted, "2017-12-04", null, null },
        { "2017-12-04", SubmissionStatus.Returned, "2017-12-01", null, null },
        { "2017-12-06", null, null, null, NoticeKind.DeadlinePassed },
        { "2017-12-12", SubmissionStatus.Draft, null, null, NoticeKind.DeadlinePassed },
        { "2017-12-13", SubmissionStatus.Draft, null, null, null },
        { "2017-12-06", SubmissionStatus.Missing, null, null, null },
        { "2017-12-06", SubmissionStatus.Verified, "2017-12-05", null, null },
        // An extended deadline counts.
        { "2017-12-06", SubmissionStatus.Draft, null, "2017-12-09", NoticeKind.DueSoon },
        { "2017-12-05", SubmissionStatus.Draft, null, "2017-12-09", null },
        { "2017-12-10", SubmissionStatus.Draft, null, "2017-12-09", NoticeKind.DeadlinePassed },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_month_not_submitted_is_reminded_in_the_three_days_before_its_deadline_and_the_week_after(
        string today, SubmissionStatus? status, string? firstSubmittedOn, string? extended, NoticeKind? expected)
    {
        var state = status is { } s ? new State(s, Date(firstSubmittedOn), Date(extended)) : null;

        var reminder = ReminderService.Due(Campaign.Value, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture), 7, "CHOGAO", 11, state);

        Assert.Equal(expected, reminder?.Kind);
        if (reminder is not null)
        {
            Assert.Equal(Date(extended) ?? Deadline, reminder.Deadline);
            Assert.Equal(expected == NoticeKind.DueSoon ? "due-in-3:tien-giang-2017:CHOGAO:11" : "deadline-passed:tien-giang-2017:CHOGAO:11", reminder.Key);
        }
    }

    [Fact]
    public void A_month_not_begun_is_not_reminded() =>
        Assert.Null(ReminderService.Due(Campaign.Value, new DateOnly(2017, 10, 31), 7, "CHOGAO", 11, null));

    [Fact]
    public async Task Due_in_three_days_is_sent_once_even_when_run_twice_and_not_to_a_unit_that_submitted()
    {
        using var factory = new EmulationFactory();
        await factory.SubmitAsChoGao(11);
        factory.Time.Advance(TimeSpan.FromDays(4));
        var reminders = factory.Services.GetRequiredService<ReminderService>();

        await reminders.RunOnce(CancellationToken.None);
        await reminders.RunOnce(CancellationToken.None);

        var due = await factory.WithDb(db => db.Notifications.AsNoTracking().Where(n => n.Kind == NoticeKind.DueSoon).ToListAsync());
        var members = await factory.WithDb(db => db.BlockMemberships.CountAsync(m => m.CampaignId == CampaignId));
        Assert.Equal(members - 1, due.Count);
        Assert.Equal(due.Count, due.Select(n => n.Key).Distinct().Count());
        Assert.DoesNotContain(due, n => n.UnitCode == "CHOGAO");
        var tanPhuoc = Assert.Single(due, n => n.UnitCode == "TANPHUOC");
        Assert.Equal(("due-in-3:tien-giang-2017:TANPHUOC:11", NoticeAudience.Unit, 11), (tanPhuoc.Key, tanPhuoc.Audience, tanPhuoc.Month));
        Assert.Equal(members - 1, await factory.WithDb(db => db.OutboxMessages.CountAsync(m => m.Notification!.Kind == NoticeKind.DueSoon)));
        Assert.Contains(await (await factory.LoggedIn("tanphuoc")).Notices(),
            n => n.Text == "Hạn nộp bản tự chấm điểm tháng 11/2017 của UBND huyện Tân Phước là ngày 05/12/2017; đơn vị chưa nộp.");
        Assert.DoesNotContain(await (await factory.LoggedIn("chogao")).Notices(), n => n.Text.StartsWith("Hạn nộp", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deadline_passed_is_sent_once_to_the_units_that_did_not_submit()
    {
        using var factory = new EmulationFactory();
        await factory.SubmitAsChoGao(11);
        factory.Time.Advance(TimeSpan.FromDays(8));
        var reminders = factory.Services.GetRequiredService<ReminderService>();

        await reminders.RunOnce(CancellationToken.None);
        await reminders.RunOnce(CancellationToken.None);
        factory.Time.Advance(TimeSpan.FromDays(1));
        await reminders.RunOnce(CancellationToken.None);

        var passed = await factory.WithDb(db => db.Notifications.AsNoTracking().Where(n => n.Kind == NoticeKind.DeadlinePassed).ToListAsync());
        Assert.Single(passed, n => n.UnitCode == "TANPHUOC");
        Assert.DoesNotContain(passed, n => n.UnitCode == "CHOGAO");
        Assert.Equal(passed.Count, passed.Select(n => n.Key).Distinct().Count());
        Assert.False(await factory.WithDb(db => db.Notifications.AnyAsync(n => n.Kind == NoticeKind.DueSoon)));
        Assert.Contains(await (await factory.LoggedIn("tanphuoc")).Notices(),
            n => n.Text.StartsWith("Đã quá hạn nộp (05/12/2017) bản tự chấm điểm tháng 11/2017 của UBND huyện Tân Phước", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Months_whose_deadline_is_long_past_are_not_reminded_of()
    {
        // On 28/11/2017 nobody has submitted January–October here: a reminder for each would flood every unit.
        using var factory = new EmulationFactory();

        await factory.Services.GetRequiredService<ReminderService>().RunOnce(CancellationToken.None);

        Assert.False(await factory.WithDb(db => db.Notifications.AnyAsync()));
    }

    private static DateOnly? Date(string? iso) => iso is null ? null : DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
