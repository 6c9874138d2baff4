using System.Text.Json;
using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Verification;

/// <summary>
/// Locks and publishes a month, and reopens it. Publishing is allowed when every unit expected to
/// submit (the campaign's block members) is verified or closed out as missing and no dispute is
/// open, and when the months before it are published. It locks every submission and stores the
/// month's snapshot, computed once by the engine: the month alone, and the year to date after it
/// from the published months before and this one. A month published again also publishes anew
/// every later published month, whose year to date it changes; publishing the campaign's last month,
/// or a month under the current award proposal again, makes the proposal (anew). Reopening (administrators) unlocks
/// the submissions and keeps the current snapshot for everyone until the month is published again.
/// </summary>
public sealed partial class MonthPublisher(EmulationDb db, BusinessClock clock, AuditLog audit, Awards.ProposalMaker proposals, ILogger<MonthPublisher> logger)
{
    public const string MonthPublished = "month.published";
    public const string MonthRepublished = "month.republished";
    public const string MonthReopened = "month.reopened";

    /// <summary>Why a month cannot be published yet: units not verified, units with open disputes, months before it unpublished.</summary>
    public sealed record Readiness(IReadOnlyList<string> NotVerified, IReadOnlyList<string> Disputed, IReadOnlyList<int> EarlierUnpublished, bool AlreadyLocked)
    {
        public bool Ready => NotVerified.Count == 0 && Disputed.Count == 0 && EarlierUnpublished.Count == 0 && !AlreadyLocked;
    }

    /// <summary>What stands between the month and its publication (nothing when <see cref="Readiness.Ready"/>).</summary>
    public async Task<Readiness> Check(Campaign campaign, int month, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var expected = await Expected(campaign, ct);
        var statuses = await db.Submissions.Where(s => s.CampaignId == campaign.Id && s.Month == month)
            .Select(s => new { s.UnitId, s.Status })
            .ToDictionaryAsync(s => s.UnitId, s => s.Status, ct);
        var notVerified = expected.Where(u => statuses.GetValueOrDefault(u.Id, SubmissionStatus.NotStarted)
                is not (SubmissionStatus.Verified or SubmissionStatus.Missing or SubmissionStatus.Locked or SubmissionStatus.Disputed))
            .Select(u => u.Code).ToList();
        var disputed = expected.Where(u => statuses.GetValueOrDefault(u.Id) == SubmissionStatus.Disputed).Select(u => u.Code).ToList();
        var published = await CurrentMonths(campaign.Id, ct);
        var earlier = campaign.Months.Where(m => m < month && !published.Contains(m)).ToList();
        var locked = expected.Count > 0 && expected.All(u => statuses.GetValueOrDefault(u.Id) == SubmissionStatus.Locked);
        return new Readiness(notVerified, disputed, earlier, locked);
    }

    /// <summary>
    /// Locks the month's submissions and publishes its snapshot (and publishes anew the later
    /// months already published); all in the caller's unit of work, saved by the caller.
    /// </summary>
    /// <exception cref="DomainException">The month is not ready (<see cref="Check"/>), or not a campaign month.</exception>
    public async Task<Publication> Publish(Campaign campaign, int month, string who, CancellationToken ct) =>
        await Publish(campaign, month, who, clock.UtcNow, ct);

    /// <summary>Publishes at a given instant (the demo year publishes its months at 2017's dates).</summary>
    public async Task<Publication> Publish(Campaign campaign, int month, string who, DateTime utcNow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (!campaign.HasMonth(month))
        {
            throw new DomainException("Month.OutsideCampaign", month, campaign.FirstMonth, campaign.LastMonth, campaign.Year);
        }

        var readiness = await Check(campaign, month, ct);
        if (readiness.AlreadyLocked)
        {
            throw new DomainException("Publish.AlreadyPublished", month);
        }

        if (readiness.EarlierUnpublished.Count > 0)
        {
            throw new DomainException("Publish.EarlierMonths", string.Join(", ", readiness.EarlierUnpublished));
        }

        if (readiness.Disputed.Count > 0)
        {
            throw new DomainException("Lock.OpenDispute", string.Join(", ", readiness.Disputed));
        }

        if (readiness.NotVerified.Count > 0)
        {
            throw new DomainException("Publish.NotVerified", readiness.NotVerified.Count, string.Join(", ", readiness.NotVerified.Take(10)));
        }

        var now = utcNow;
        var submissions = await db.Submissions.Where(s => s.CampaignId == campaign.Id && s.Month == month)
            .Include(s => s.Entries).AsSplitQuery().ToListAsync(ct);
        var expected = await Expected(campaign, ct);
        var ids = expected.Select(u => u.Id).ToHashSet();
        foreach (var submission in submissions.Where(s => ids.Contains(s.UnitId)))
        {
            submission.Lock(who, now);
        }

        var current = await db.Publications.Where(p => p.CampaignId == campaign.Id && p.SupersededAtUtc == null)
            .Include(p => p.Units).ThenInclude(u => u.Entries).AsSplitQuery()
            .ToListAsync(ct);
        var again = current.Any(p => p.Month == month);
        var published = Snapshot(campaign, month, expected, submissions, current, who, now, reason: null);
        audit.Write(who, again ? MonthRepublished : MonthPublished, $"campaign:{campaign.Id}/month:{month}",
            null, $"publication {published.Number}, {published.Units.Count} units", null, null, month, now);
        LogPublished(logger, campaign.Id, month, published.Number, published.Units.Count);

        // A later month's year to date counts this one: it is published anew from the new figures.
        foreach (var later in current.Where(p => p.Month > month).OrderBy(p => p.Month).ToList())
        {
            var anew = Snapshot(campaign, later.Month, expected, null, current, who, now, reason: $"tháng {month} được công bố lại (month {month} was published again)");
            audit.Write(who, MonthRepublished, $"campaign:{campaign.Id}/month:{later.Month}", null,
                $"publication {anew.Number}, {anew.Units.Count} units", $"month {month} was published again", null, later.Month, now);
        }

        // The campaign's last month published, or a month under the current proposal published
        // again: the award proposal is made (anew) from these snapshots, in the same unit of work.
        await proposals.AfterPublish(campaign, current, who, now, ct);
        return published;
    }

    /// <summary>An administrator reopens a published month with a reason; its snapshot stays current until it is published again.</summary>
    public async Task Reopen(Campaign campaign, int month, string reason, string who, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Reason.Required");
        }

        var submissions = await db.Submissions.Where(s => s.CampaignId == campaign.Id && s.Month == month).ToListAsync(ct);
        if (submissions.Count == 0 || submissions.Any(s => s.Status != SubmissionStatus.Locked))
        {
            throw new DomainException("Reopen.NotLocked", month);
        }

        var now = clock.UtcNow;
        foreach (var submission in submissions)
        {
            submission.Reopen(reason, who, now);
        }

        audit.Write(who, MonthReopened, $"campaign:{campaign.Id}/month:{month}", "locked", "reopened", reason.Trim(), null, month);
    }

    /// <summary>The months of the campaign that have a current publication.</summary>
    public async Task<HashSet<int>> CurrentMonths(string campaignId, CancellationToken ct) =>
        [.. await db.Publications.Where(p => p.CampaignId == campaignId && p.SupersededAtUtc == null).Select(p => p.Month).ToListAsync(ct)];

    private sealed record Member(int Id, string Code, string NameVi, string NameEn, string Kind, string Block, string BlockVi, string BlockEn);

    private async Task<List<Member>> Expected(Campaign campaign, CancellationToken ct) =>
        (await db.BlockMemberships.Where(m => m.CampaignId == campaign.Id)
            .Select(m => new Member(m.UnitId, m.Unit!.Code, m.Unit.NameVi, m.Unit.NameEn, m.Unit.KindCode, m.Block!.Code, m.Block.TitleVi, m.Block.TitleEn))
            .ToListAsync(ct))
        .Where(m => campaign.FrameworkFor(m.Kind) is not null)
        .OrderBy(m => m.Code, StringComparer.Ordinal)
        .ToList();

    /// <summary>
    /// The snapshot of <paramref name="month"/>: its entries come from the newly locked
    /// <paramref name="submissions"/> (or, for a later month published anew, from its current
    /// publication); earlier months from their current publications. Replaces the month's current
    /// publication in <paramref name="current"/>.
    /// </summary>
    private Publication Snapshot(Campaign campaign, int month, List<Member> expected, List<Submission>? submissions,
        List<Publication> current, string who, DateTime now, string? reason)
    {
        var months = new List<MonthEntries>();
        foreach (var earlier in current.Where(p => p.Month < month))
        {
            months.AddRange(earlier.Units.Where(u => !u.Missing).Select(u => FromPublished(campaign, earlier.Month, u)));
        }

        var previous = current.SingleOrDefault(p => p.Month == month);
        var byUnit = submissions?.ToDictionary(s => s.UnitId);
        var own = new Dictionary<string, (MonthEntries? Entries, Submission? Submission, PublishedUnit? Published)>(StringComparer.Ordinal);
        foreach (var member in expected)
        {
            if (byUnit is not null)
            {
                var submission = byUnit.GetValueOrDefault(member.Id);
                var missing = submission is null || submission.LockedFrom == SubmissionStatus.Missing;
                var entries = missing ? null : submission!.ToEngine(MonthFramework.For(campaign, member.Kind, month), appraised: true);
                own[member.Code] = (entries, submission, null);
            }
            else
            {
                var published = previous?.Units.SingleOrDefault(u => u.UnitCode == member.Code);
                own[member.Code] = (published is null || published.Missing ? null : FromPublished(campaign, month, published), null, published);
            }
        }

        months.AddRange(own.Values.Where(o => o.Entries is not null).Select(o => o.Entries!));
        var input = new ScoringInput([.. expected.Select(m => new Competitor(m.Code, m.Kind, m.Block))], months);
        var year = ScoringEngine.Rank(campaign, input, month);
        var alone = ScoringEngine.RankMonth(campaign, input, month);

        previous?.Supersede(now);
        var publication = Publication.Create(campaign.Id, month, (previous?.Number ?? 0) + 1, who, now, reason ?? (previous is null ? null : "reopened and published again"));
        foreach (var member in expected)
        {
            var (entries, submission, published) = own[member.Code];
            var ytd = year.Find(member.Code)!;
            var m = alone.Find(member.Code)!;
            var result = ScoringEngine.ScoreMonth(campaign, member.Kind, month, entries);
            var before = previous?.Units.SingleOrDefault(u => u.UnitCode == member.Code);
            var areas = result.Areas.Select(a => new PublishedArea(a.Code, a.Subtotal, a.DueMax, ytd.Areas.GetValueOrDefault(a.Code))).ToList();
            var unit = new PublishedUnit
            {
                UnitId = member.Id,
                UnitCode = member.Code,
                NameVi = member.NameVi,
                NameEn = member.NameEn,
                Kind = member.Kind,
                BlockCode = member.Block,
                BlockTitleVi = member.BlockVi,
                BlockTitleEn = member.BlockEn,
                Missing = entries is null,
                SubmittedOn = result.SubmittedOn,
                ExtendedDeadline = entries?.Deadline,
                DaysLate = result.DaysLate,
                Late = m.LateMonths > 0,
                MonthRaw = result.Raw,
                MonthDueMax = result.DueMax,
                MonthLateness = result.LatenessDeduction,
                MonthTotal = result.Total,
                MonthBlockRank = m.BlockRank,
                MonthOverallRank = m.OverallRank,
                MonthClassification = m.Classification,
                YearScore = ytd.Score,
                YearLateMonths = ytd.LateMonths,
                YearLowestMonth = ytd.LowestMonth,
                BlockRank = ytd.BlockRank,
                OverallRank = ytd.OverallRank,
                Classification = ytd.Classification,
                Areas = JsonSerializer.Serialize(areas, PublishedArea.Json),
                PreviousMonthTotal = before?.MonthTotal,
                PreviousYearScore = before?.YearScore,
                PreviousBlockRank = before?.BlockRank,
                PreviousOverallRank = before?.OverallRank,
            };
            if (entries is not null)
            {
                var typed = submission?.Entries.ToDictionary(e => e.Criterion, StringComparer.Ordinal);
                var kept = published?.Entries.ToDictionary(e => e.Criterion, StringComparer.Ordinal);
                foreach (var criterion in result.Criteria.Where(c => c.Due))
                {
                    var entry = typed?.GetValueOrDefault(criterion.Code);
                    var old = kept?.GetValueOrDefault(criterion.Code);
                    var (value, denominator) = entry?.Final ?? (old?.Value, old?.Denominator);
                    unit.Add(new PublishedEntry
                    {
                        Criterion = criterion.Code,
                        Value = criterion.IsLeaf ? value : null,
                        Denominator = criterion.IsLeaf ? denominator : null,
                        Points = criterion.Points,
                        DueMax = criterion.DueMax,
                        Adjusted = entry?.Adjusted ?? old?.Adjusted ?? false,
                    });
                }
            }

            publication.Add(unit);
        }

        db.Publications.Add(publication);
        current.Remove(previous!);
        current.Add(publication);
        return publication;
    }

    /// <summary>A published unit-month as the engine takes it again: its appraised values, its date and deadline.</summary>
    internal static MonthEntries FromPublished(Campaign campaign, int month, PublishedUnit unit)
    {
        var framework = MonthFramework.For(campaign, unit.Kind, month);
        var answers = new List<CriterionAnswer>();
        foreach (var entry in unit.Entries)
        {
            if (framework.FindDue(entry.Criterion) is { } criterion && EntryCheck.Value(criterion, entry.Value, entry.Denominator, out var value) is null)
            {
                answers.Add(new CriterionAnswer(entry.Criterion, value));
            }
        }

        return new MonthEntries(unit.UnitCode, month, unit.SubmittedOn, unit.ExtendedDeadline, answers);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published {Campaign} month {Month} (publication {Number}, {Units} units).")]
    private static partial void LogPublished(ILogger logger, string campaign, int month, int number, int units);
}
