using System.Globalization;
using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Infrastructure.Notifications;

/// <summary>
/// Reminds units, by the business clock, of the current campaign's deadlines: "due in 3 days" when
/// the deadline (an extended one counts) is at most 3 days away and the month is not submitted, and
/// "deadline passed" in the week after a deadline that passed without a submission. Each reminder
/// is sent once: its notice carries a unique key, so a second run — on this server or another —
/// finds it there, or fails to insert it and lets it be.
/// </summary>
public sealed partial class ReminderService(IServiceScopeFactory scopes, TimeProvider time, Leases leases, ILogger<ReminderService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    /// <summary>How many days before its deadline a month not submitted is reminded of.</summary>
    public const int DueSoonDays = 3;

    /// <summary>
    /// How many days after a missed deadline the unit is still told of it: a server started after a
    /// long pause (or on a database with old months never submitted) does not flood the units.
    /// </summary>
    public const int DeadlinePassedDays = 7;

    /// <summary>One reminder to send: the unit, its month, what and when due.</summary>
    public sealed record Reminder(int UnitId, string UnitCode, int Month, NoticeKind Kind, DateOnly Deadline, string Key);

    /// <summary>A unit's month as the reminders see it: not started when there is no submission.</summary>
    public sealed record MonthState(SubmissionStatus Status, DateOnly? FirstSubmittedOn, DateOnly? ExtendedDeadline);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                var sent = await RunIfHolder(stoppingToken);
                if (sent > 0)
                {
                    LogSent(logger, sent);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A bad minute (the database busy, a file locked) is tried again at the next tick.
                LogFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// One turn of the timer: with several servers only the one holding the reminders' lease sends
    /// (it renews the lease each minute; if it dies, another takes over within two). Returns how
    /// many were sent, 0 when another server holds the lease.
    /// </summary>
    public async Task<int> RunIfHolder(CancellationToken ct) =>
        await leases.TryTake(Leases.Reminders, 2 * Interval, ct) ? await RunOnce(ct) : 0;

    /// <summary>Sends the reminders due now that were not sent yet; returns how many this run sent.</summary>
    public async Task<int> RunOnce(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<EmulationDb>();
        var clock = services.GetRequiredService<BusinessClock>();
        var today = clock.Today;
        if (services.GetRequiredService<CampaignCatalog>().Current(today) is not { } campaign)
        {
            return 0;
        }

        var members = (await db.BlockMemberships.AsNoTracking().Where(m => m.CampaignId == campaign.Id)
                .Select(m => new { m.UnitId, m.Unit!.Code, m.Unit.KindCode })
                .ToListAsync(ct))
            .Where(m => campaign.FrameworkFor(m.KindCode) is not null)
            .ToList();
        var states = await db.Submissions.AsNoTracking().Where(s => s.CampaignId == campaign.Id)
            .Select(s => new { s.UnitId, s.Month, State = new MonthState(s.Status, s.FirstSubmittedOn, s.ExtendedDeadline) })
            .ToDictionaryAsync(s => (s.UnitId, s.Month), s => s.State, ct);
        var due = members
            .SelectMany(m => campaign.Months.Select(month => Due(campaign, today, m.UnitId, m.Code, month, states.GetValueOrDefault((m.UnitId, month)))))
            .OfType<Reminder>()
            .ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var keys = due.Select(r => r.Key).ToList();
        var sent = (await db.Notifications.Where(n => n.Key != null && keys.Contains(n.Key)).Select(n => n.Key!).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var todo = due.Where(r => !sent.Contains(r.Key)).ToList();
        if (todo.Count == 0)
        {
            return 0;
        }

        var mail = services.GetRequiredService<NoticeMail>();
        var now = clock.UtcNow;
        try
        {
            await Save(db, mail, campaign, todo, now, ct);
            return todo.Count;
        }
        catch (DbUpdateException)
        {
            // Another server sent some of them meanwhile: one by one, leaving those it sent.
            var count = 0;
            foreach (var reminder in todo)
            {
                db.ChangeTracker.Clear();
                try
                {
                    await Save(db, mail, campaign, [reminder], now, ct);
                    count++;
                }
                catch (DbUpdateException)
                {
                    db.ChangeTracker.Clear();
                    if (!await db.Notifications.AnyAsync(n => n.Key == reminder.Key, ct))
                    {
                        throw;
                    }
                }
            }

            return count;
        }
    }

    /// <summary>
    /// The reminder a unit's month calls for today, if any. Not submitted means not started, a draft,
    /// or returned before any submission (a month returned after its first submission was submitted
    /// on time or late already); a month closed out as missing is not reminded of.
    /// </summary>
    public static Reminder? Due(Campaign campaign, DateOnly today, int unitId, string unitCode, int month, MonthState? state)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var status = state?.Status ?? SubmissionStatus.NotStarted;
        if (new DateOnly(campaign.Year, month, 1) > today
            || state?.FirstSubmittedOn is not null
            || status is not (SubmissionStatus.NotStarted or SubmissionStatus.Draft or SubmissionStatus.Returned))
        {
            return null;
        }

        var deadline = state?.ExtendedDeadline ?? Lateness.DeadlineOf(campaign, month);
        var days = deadline.DayNumber - today.DayNumber;
        var kind = days is >= 0 and <= DueSoonDays ? NoticeKind.DueSoon
            : days is < 0 and >= -DeadlinePassedDays ? NoticeKind.DeadlinePassed
            : (NoticeKind?)null;
        if (kind is null)
        {
            return null;
        }

        var prefix = kind == NoticeKind.DueSoon ? $"due-in-{DueSoonDays}" : "deadline-passed";
        return new Reminder(unitId, unitCode, month, kind.Value, deadline,
            string.Create(CultureInfo.InvariantCulture, $"{prefix}:{campaign.Id}:{unitCode}:{month}"));
    }

    private static async Task Save(EmulationDb db, NoticeMail mail, Campaign campaign, IReadOnlyList<Reminder> reminders, DateTime now, CancellationToken ct)
    {
        var notices = reminders.Select(r => Notification.Create(now, r.Kind, NoticeAudience.Unit, r.UnitId, r.UnitCode, campaign.Id, r.Month,
            r.Kind == NoticeKind.DueSoon ? "Notice.DueSoon" : "Notice.DeadlinePassed",
            [r.Month, campaign.Year, r.Deadline.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)], r.Key)).ToList();
        db.Notifications.AddRange(notices);
        await mail.Record(db, notices, sync: false, ct);
        await db.SaveChangesAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminders: {Count} sent.")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminders could not be sent; trying again at the next run.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
