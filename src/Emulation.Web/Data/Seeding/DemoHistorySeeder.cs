using System.Diagnostics;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Data.Seeding;

/// <summary>
/// Demo mode (with <see cref="EmulationOptions.DemoHistory"/>): gives the demo campaign a year of
/// history on its first start, so every screen shows real-looking data. Every block member
/// assesses itself January–October and Sở Nội vụ verifies; November, the demo date's month, is
/// open. The history is written through the submission's own transitions only, at fixed instants
/// in office hours, with values drawn from dice seeded by unit and month: every start writes the
/// same year, and the audit log holds a line for every step. Nothing is written when the campaign
/// already has a submission.
/// </summary>
public sealed partial class DemoHistorySeeder(EmulationDb db, CampaignCatalog catalog, Pages.Verification.MonthPublisher publisher, NoticeInterceptor notices,
    ILogger<DemoHistorySeeder> logger)
{
    /// <summary>The demo campaign.</summary>
    public const string CampaignId = "tien-giang-2017";

    // The stories the demo shows (the tests look for them).
    internal const string ReturnedUnit = "CHOGAO";
    internal const int ReturnedMonth = 9;
    internal const string DisputedUnit = "TANPHUOC";
    internal const int DisputedMonth = 8;
    internal const string ExtendedUnit = "GOCONGDONG";
    internal const int ExtendedMonth = 1;

    /// <summary>Units that answer exactly like another, on the same days: their year to date ties.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Twins = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["TP-TANLAP2"] = "TP-TANLAP1",
    };

    /// <summary>
    /// Units whose level is set rather than drawn: Sở Tư pháp leads its block; Chợ Gạo and Tân
    /// Phước, the seed article's examples of good practice, do well.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, double> Qualities = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["STP"] = 0.98,
        ["CHOGAO"] = 0.9,
        ["TANPHUOC"] = 0.82,
    };

    /// <summary>The open month of the demo accounts' units, set so each demo account meets a different state.</summary>
    internal static readonly IReadOnlyDictionary<string, SubmissionStatus> OpenMonthStates = new Dictionary<string, SubmissionStatus>(StringComparer.Ordinal)
    {
        ["STP"] = SubmissionStatus.NotStarted,
        ["CHOGAO"] = SubmissionStatus.Draft,
        ["TANPHUOC"] = SubmissionStatus.Submitted,
    };

    internal async Task Seed(CancellationToken ct)
    {
        // The history is dated around the demo date, so it only fits a campaign of that year.
        if (catalog.Find(CampaignId) is not { } campaign
            || campaign.Year != EmulationOptions.DemoToday.Year
            || await db.Submissions.AnyAsync(s => s.CampaignId == CampaignId, ct))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var members = (await db.BlockMemberships.Where(m => m.CampaignId == CampaignId)
                .Select(m => new { m.UnitId, m.Unit!.Code, m.Unit.KindCode })
                .ToListAsync(ct))
            .Where(m => campaign.FrameworkFor(m.KindCode) is not null)
            .OrderBy(m => m.Code, StringComparer.Ordinal)
            .ToList();
        var communes = await db.Units.Where(u => u.ParentId != null)
            .GroupBy(u => u.ParentId!.Value)
            .Select(g => new { Parent = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Parent, g => g.Count, ct);
        var verifier = DemoAccounts.All.First(a => a.Role == Roles.Verifier).UserName;

        var tally = new Tally();
        await db.Database.OpenConnectionAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.BeginLargeWrite(ct);

        // The year is written unit by unit, but its audit lines are held back and written last in
        // time order: ids grow with time, as they do in real use (the audit page lists by id).
        var auditLines = new List<AuditEntry>();
        async Task Write(DemoUnitYear year, Unit unit, int month, List<AuditEntry> held)
        {
            if (year.Write(month) is not { } submission)
            {
                return;
            }

            db.Submissions.Add(submission);
            if (submission.Status == SubmissionStatus.Disputed)
            {
                // Answering a dispute names it by its stored id.
                HoldAuditLines(held);
                await db.SaveChangesAsync(ct);
                year.AnswerDisputes(submission);
            }

            tally.Add(submission, MonthFramework.For(campaign, unit.KindCode, month));
        }

        foreach (var member in members)
        {
            // One unit per save keeps the change tracker small.
            db.ChangeTracker.Clear();
            var unit = await db.Units.SingleAsync(u => u.Id == member.UnitId, ct);
            var year = new DemoUnitYear(campaign, Cast(unit, communes.GetValueOrDefault(unit.Id)), verifier);
            // The months before the open one are the back-story: they make no notices. The open
            // month's submissions tell the verifiers, as they would have.
            using (notices.Silence(db))
            {
                foreach (var month in campaign.Months.Where(m => m < DemoUnitYear.OpenMonth))
                {
                    await Write(year, unit, month, auditLines);
                }

                HoldAuditLines(auditLines);
                await db.SaveChangesAsync(ct);
            }

            if (campaign.HasMonth(DemoUnitYear.OpenMonth))
            {
                await Write(year, unit, DemoUnitYear.OpenMonth, auditLines);
                HoldAuditLines(auditLines);
                await db.SaveChangesAsync(ct);
            }
        }

        // Sở Nội vụ locked and published each finished month around the 20th of the next, through
        // the same path as the verification page.
        using (notices.Silence(db))
        {
            foreach (var month in campaign.Months.Where(m => m < DemoUnitYear.OpenMonth))
            {
                db.ChangeTracker.Clear();
                var next = new DateOnly(campaign.Year, month, 1).AddMonths(1);
                var day = DemoCalendar.WorkdayOnOrAfter(new DateOnly(next.Year, next.Month, 20));
                await publisher.Publish(campaign, month, verifier, DemoCalendar.At(day, 7 * 60), ct);
                HoldAuditLines(auditLines);
                await db.SaveChangesAsync(ct);
            }

        }

        // The lines go in now, in time order. The open month's submissions are in the unit of work,
        // so their lines make the notices they would have made (the earlier months' make none).
        db.ChangeTracker.Clear();
        await db.Submissions.Where(s => s.CampaignId == CampaignId && s.Month == DemoUnitYear.OpenMonth).LoadAsync(ct);
        db.AuditEntries.AddRange(auditLines.OrderBy(e => e.AtUtc));
        await db.SaveChangesAsync(ct);

        await transaction.CommitAsync(ct);
        await db.Database.EndLargeWrite(ct);

        await db.Database.CloseConnectionAsync();
        db.ChangeTracker.Clear();
        LogSeeded(logger, CampaignId, members.Count, tally.Submissions, tally.Verified, tally.Submitted, tally.Drafts, tally.Late, tally.Adjusted,
            (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>
    /// Takes what the tracked entities recorded, and the audit lines added to the unit of work
    /// (the publisher's), so this save writes no audit line of its own.
    /// </summary>
    private void HoldAuditLines(List<AuditEntry> held)
    {
        held.AddRange(db.ChangeTracker.Entries().Select(e => e.Entity).OfType<IAudited>().SelectMany(e => e.TakeAuditRecords()).Select(AuditEntry.From));
        foreach (var added in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).ToList())
        {
            held.Add(added.Entity);
            added.State = EntityState.Detached;
        }
    }

    private static DemoUnit Cast(Unit unit, int communes)
    {
        var key = Twins.GetValueOrDefault(unit.Code, unit.Code);
        var quality = Qualities.TryGetValue(unit.Code, out var set) ? set : 0.15 + (0.75 * DemoDice.For(key, 0, "quality").NextDouble());
        var head = DemoAccounts.All.FirstOrDefault(a => a.Unit == unit.Code && a.Role == Roles.UnitHead)?.UserName
            ?? unit.Code.ToLowerInvariant();
        var staff = DemoAccounts.All.FirstOrDefault(a => a.Unit == unit.Code && a.Role == Roles.UnitStaff)?.UserName ?? head;
        return new DemoUnit(unit, key, quality, UnitSize.Draw(unit.KindCode, key, communes), head, staff);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo history written for {Campaign}: {UnitCount} units, {SubmissionCount} submissions ({VerifiedCount} verified, {SubmittedCount} submitted, {DraftCount} drafts), {LateCount} late, {AdjustedCount} adjusted, in {Milliseconds} ms.")]
    private static partial void LogSeeded(ILogger logger, string campaign, int unitCount, int submissionCount, int verifiedCount, int submittedCount,
        int draftCount, int lateCount, int adjustedCount, long milliseconds);

    private sealed class Tally
    {
        public int Submissions { get; private set; }
        public int Verified { get; private set; }
        public int Submitted { get; private set; }
        public int Drafts { get; private set; }
        public int Late { get; private set; }
        public int Adjusted { get; private set; }

        public void Add(Submission submission, MonthFramework month)
        {
            Submissions++;
            Verified += submission.Status == SubmissionStatus.Verified ? 1 : 0;
            Submitted += submission.Status == SubmissionStatus.Submitted ? 1 : 0;
            Drafts += submission.Status == SubmissionStatus.Draft ? 1 : 0;
            Late += submission.DaysLate(month) > 0 ? 1 : 0;
            Adjusted += submission.Entries.Any(e => e.Adjusted) ? 1 : 0;
        }
    }
}
