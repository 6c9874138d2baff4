using System.Globalization;
using System.Security.Claims;
using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Assessments;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Verification;

/// <summary>
/// The verifier's month: every unit expected to submit (the campaign's block members) with its
/// state, dates, lateness, waiting time and totals, filtered by month, block, unit kind and state;
/// the month's counts and completeness; accepting several submitted self-assessments at once
/// (without adjustment, each guarded by its version, all or nothing); and locking and publishing
/// the month, or reopening it (administrators). Administrators read the page; only a verifier acts.
/// </summary>
[RequestFormLimits(ValueCountLimit = 4 * MaxItems + 64)]
public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel, IReloadAfterRefusal
{
    /// <summary>At most this many submissions accepted by one post (a province has a few hundred units).</summary>
    public const int MaxItems = 1000;

    public const int MaxReasonLength = Submission.MaxReasonLength;

    public Queue Data { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Block { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>The submitted rows of the bulk accept form: each with its unit, the version shown, and whether it was ticked.</summary>
    [BindProperty]
    public List<AcceptForm> Items { get; set; } = [];

    /// <summary>The bulk accept was confirmed (the script's confirm, or the confirmation step's button).</summary>
    [BindProperty]
    public bool Confirmed { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The chosen rows waiting for the confirmation step (no script), with the versions posted: shown instead of the queue.</summary>
    public IReadOnlyList<Pending>? Confirming { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public bool MayAct => VerifierRights.MayAct(User);

    public bool MayReopen => VerifierRights.MayReopen(User);

    public sealed class AcceptForm
    {
        public string? Unit { get; set; }
        public int Version { get; set; }
        public bool Selected { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken ct)
    {
        if (!MayAct)
        {
            return Forbid();
        }

        await ReloadAsync(ct);
        if (!ModelState.IsValid || Items.Count > MaxItems)
        {
            ModelState.AddModelError("", localizer["Error.400.Text"]);
            return Page();
        }

        var chosen = Items.Where(i => i.Selected).Select(i => new AcceptItem(i.Unit ?? "", i.Version)).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError("", localizer["Accept.NothingSelected"]);
            return Page();
        }

        if (!Confirmed)
        {
            // Without the script's confirm: the same post comes back as a confirmation step naming them.
            var rows = Data.All.ToDictionary(r => r.Unit, StringComparer.Ordinal);
            if (chosen.Any(c => !rows.ContainsKey(c.Unit)))
            {
                return NotFound();
            }

            Confirming = [.. chosen.DistinctBy(c => c.Unit).Select(c => new Pending(c, rows[c.Unit]))];
            return Page();
        }

        var accepted = await mediator.Send(new Accept(User, Data.Month, chosen), ct);
        Notice = localizer["Accept.Done", accepted, Data.Month, Data.Year];
        return RedirectToPage(Filters());
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (!MayAct)
        {
            return Forbid();
        }

        await ReloadAsync(ct);
        var number = await mediator.Send(new Publish(User, Data.Month, Confirmed), ct);
        Notice = localizer[number == 1 ? "Publish.Done" : "Publish.DoneAgain", Data.Month, Data.Year, number];
        return RedirectToPage(Filters());
    }

    public async Task<IActionResult> OnPostReopenAsync(CancellationToken ct)
    {
        if (!MayReopen)
        {
            return Forbid();
        }

        await ReloadAsync(ct);
        await mediator.Send(new Reopen(User, Data.Month, Reason, Confirmed), ct);
        Notice = localizer["Reopen.Done", Data.Month, Data.Year];
        return RedirectToPage(Filters());
    }

    public async Task ReloadAsync(CancellationToken ct) =>
        Data = await mediator.Send(new Query(User, Month, Block, Kind, Status), ct);

    /// <summary>The filters as route values: the same view after a post.</summary>
    public object Filters() => new { month = Data.Month, block = Data.Block, kind = Data.Kind, status = Data.Status?.ToString() };

    /// <summary>The month's queue, its counts, completeness and publication.</summary>
    public sealed record Queue(
        string CampaignTitle,
        int Year,
        int Month,
        IReadOnlyList<int> Months,
        DateOnly Today,
        DateOnly Deadline,
        string? Block,
        string? Kind,
        SubmissionStatus? Status,
        IReadOnlyList<Choice> Blocks,
        IReadOnlyList<Choice> Kinds,
        IReadOnlyList<QueueRow> All,
        IReadOnlyList<QueueRow> Rows,
        IReadOnlyDictionary<SubmissionStatus, int> Counts,
        Completeness Completeness,
        Publishing Publishing)
    {
        public bool Filtered => Block is not null || Kind is not null || Status is not null;
    }

    public sealed record Choice(string Code, string Title);

    /// <summary>A ticked row as posted (its version as the verifier saw it) and as it reads now.</summary>
    public sealed record Pending(AcceptItem Item, QueueRow Row);

    /// <summary>One unit's month in the queue.</summary>
    public sealed record QueueRow(
        string Unit,
        string Name,
        string Kind,
        string BlockCode,
        string BlockTitle,
        SubmissionStatus Status,
        int Version,
        DateOnly Deadline,
        bool Extended,
        DateOnly? FirstSubmittedOn,
        int DaysLate,
        int? DaysWaiting,
        decimal? SelfTotal,
        decimal? AppraisedTotal,
        int OpenDisputes,
        bool CountsAsMissing,
        bool DeadlinePassed)
    {
        public bool MayAccept => Status == SubmissionStatus.Submitted;

        public bool MayExtend => Status is not (SubmissionStatus.Locked or SubmissionStatus.Missing);

        public bool MayCloseOut => DeadlinePassed && (Status is SubmissionStatus.NotStarted or SubmissionStatus.Draft or SubmissionStatus.Returned);
    }

    /// <summary>
    /// The month's completeness, two ways that each add up to <see cref="Total"/>: by the first
    /// submission (on time, late, closed out as missing, not submitted yet) and by the work left
    /// (still with the unit, waiting for the verifier, disputed, verified, missing).
    /// </summary>
    public sealed record Completeness(int Total, int OnTime, int Late, int Missing, int NotSubmitted, int Open, int Awaiting, int Disputed, int Verified);

    public sealed record Publishing(MonthPublisher.Readiness Readiness, IReadOnlyList<PublicationLine> History, Reopening? LastReopening)
    {
        public PublicationLine? Current => History.FirstOrDefault(p => p.SupersededAtUtc is null);

        public bool Locked => Readiness.AlreadyLocked;

        /// <summary>Published, then reopened: the old snapshot stays public until the month is published again.</summary>
        public bool Reopened => Current is not null && !Locked;
    }

    /// <summary>Who reopened the month last, when and why (from the audit log, which the publisher writes).</summary>
    public sealed record Reopening(string Who, DateTime AtUtc, string? Reason);

    public sealed record PublicationLine(int Number, DateTime PublishedAtUtc, string PublishedBy, string? Reason, DateTime? SupersededAtUtc);

    public sealed record Query(ClaimsPrincipal User, string? Month, string? Block, string? Kind, string? Status) : IRequest<Queue>;

    public sealed class QueryHandler(EmulationDb db, UnitMonths months, MonthPublisher publisher, BusinessClock clock) : IRequestHandler<Query, Queue>
    {
        public async ValueTask<Queue> Handle(Query query, CancellationToken cancellationToken)
        {
            VerifierRights.RequireRead(query.User);
            var campaign = months.Campaign;
            var today = clock.Today;
            var month = ParseMonth(campaign, query.Month, today);

            var members = (await ExpectedUnits.List(db, campaign, cancellationToken)).Where(m => m.IsValidIn(campaign.Year, month)).ToList();

            var blocks = members.Select(m => new Choice(m.Block, m.BlockTitle)).DistinctBy(b => b.Code).ToList();
            var kinds = campaign.UnitKinds.Where(k => campaign.FrameworkFor(k.Code) is not null && members.Any(m => m.KindCode == k.Code))
                .Select(k => new Choice(k.Code, k.Title.For(CultureInfo.CurrentUICulture))).ToList();
            var block = Known(query.Block, blocks);
            var kind = Known(query.Kind, kinds);
            var status = ParseStatus(query.Status);

            // The month's submissions with their entries (for the totals) and disputes (the open ones), in one go.
            var submissions = await db.Submissions.AsNoTracking()
                .Where(s => s.CampaignId == campaign.Id && s.Month == month)
                .Include(s => s.Entries).Include(s => s.Disputes)
                .AsSplitQuery()
                .ToDictionaryAsync(s => s.UnitId, cancellationToken);

            // The totals as the unit's own pages show them, scored by the engine in two passes over the
            // whole month (the units' inputs, then the appraised ones) rather than once per row.
            var frameworks = new Dictionary<string, MonthFramework>(StringComparer.Ordinal);
            var shown = members.Where(m => (block is null || m.Block == block) && (kind is null || m.KindCode == kind)).ToList();
            var competitors = new List<Competitor>(shown.Count);
            var self = new List<MonthEntries>(shown.Count);
            var appraised = new List<MonthEntries>(shown.Count);
            foreach (var member in shown)
            {
                if (!frameworks.TryGetValue(member.KindCode, out var framework))
                {
                    framework = MonthFramework.For(campaign, member.KindCode, month);
                    frameworks[member.KindCode] = framework;
                }

                competitors.Add(new Competitor(member.Code, member.KindCode, member.Block));
                if (submissions.GetValueOrDefault(member.UnitId) is { } submission)
                {
                    // A month not submitted yet is scored as if submitted today.
                    if (submission.Status != SubmissionStatus.NotStarted)
                    {
                        self.Add(submission.ToEngine(framework, appraised: false, submittedOn: submission.FirstSubmittedOn ?? today));
                    }

                    if ((submission.Status is SubmissionStatus.Verified or SubmissionStatus.Disputed or SubmissionStatus.Locked) && !CountsAsMissing(submission))
                    {
                        appraised.Add(submission.ToEngine(framework, appraised: true));
                    }
                }
            }

            // A unit without entries scores the campaign's missing-month score: what a month closed out scores.
            var selfTotals = ScoringEngine.RankMonth(campaign, new ScoringInput(competitors, self), month);
            var appraisedTotals = ScoringEngine.RankMonth(campaign, new ScoringInput(competitors, appraised), month);
            var scoredSelf = self.Select(e => e.Unit).ToHashSet(StringComparer.Ordinal);
            var scoredAppraised = appraised.Select(e => e.Unit).ToHashSet(StringComparer.Ordinal);
            var all = new List<QueueRow>(shown.Count);
            foreach (var member in shown)
            {
                var submission = submissions.GetValueOrDefault(member.UnitId);
                var missing = submission is not null && CountsAsMissing(submission);
                all.Add(Row(member.Code, member.Name, member.Block, member.BlockTitle, frameworks[member.KindCode], submission, today,
                    scoredSelf.Contains(member.Code) ? selfTotals.Find(member.Code)!.Score : null,
                    scoredAppraised.Contains(member.Code) || missing ? appraisedTotals.Find(member.Code)!.Score : null));
            }

            var counts = Enum.GetValues<SubmissionStatus>().ToDictionary(s => s, s => all.Count(r => r.Status == s));
            var completeness = new Completeness(
                all.Count,
                OnTime: all.Count(r => !r.CountsAsMissing && r.FirstSubmittedOn is not null && r.DaysLate == 0),
                Late: all.Count(r => !r.CountsAsMissing && r.FirstSubmittedOn is not null && r.DaysLate > 0),
                Missing: all.Count(r => r.CountsAsMissing),
                NotSubmitted: all.Count(r => !r.CountsAsMissing && r.FirstSubmittedOn is null),
                Open: all.Count(r => r.Status is SubmissionStatus.NotStarted or SubmissionStatus.Draft or SubmissionStatus.Returned),
                Awaiting: all.Count(r => r.Status == SubmissionStatus.Submitted),
                Disputed: all.Count(r => r.Status == SubmissionStatus.Disputed),
                Verified: all.Count(r => (r.Status is SubmissionStatus.Verified or SubmissionStatus.Locked) && !r.CountsAsMissing));

            var readiness = await publisher.Check(campaign, month, cancellationToken);
            var history = await db.Publications.AsNoTracking()
                .Where(p => p.CampaignId == campaign.Id && p.Month == month)
                .OrderByDescending(p => p.Number)
                .Select(p => new PublicationLine(p.Number, p.PublishedAtUtc, p.PublishedBy, p.Reason, p.SupersededAtUtc))
                .ToListAsync(cancellationToken);

            // Ordered by id: ids only grow and, unlike a DateTime, sort the same in every database.
            var entity = $"campaign:{campaign.Id}/month:{month}";
            var reopening = history.Count == 0 ? null : await db.AuditEntries.AsNoTracking()
                .Where(a => a.Action == MonthPublisher.MonthReopened && a.Entity == entity)
                .OrderByDescending(a => a.Id)
                .Select(a => new Reopening(a.Who, a.AtUtc, a.Reason))
                .FirstOrDefaultAsync(cancellationToken);

            var rows = status is null ? all : all.Where(r => r.Status == status).ToList();
            return new Queue(campaign.Title.For(CultureInfo.CurrentUICulture), campaign.Year, month, [.. campaign.Months], today,
                Lateness.DeadlineOf(campaign, month), block, kind, status, blocks, kinds, all, rows, counts, completeness,
                new Publishing(readiness, history, reopening));
        }

        private static bool CountsAsMissing(Submission submission) =>
            submission.Status == SubmissionStatus.Missing || submission.LockedFrom == SubmissionStatus.Missing;

        private static QueueRow Row(string code, string name, string block, string blockTitle, MonthFramework month, Submission? submission, DateOnly today,
            decimal? self, decimal? appraised)
        {
            var status = submission?.Status ?? SubmissionStatus.NotStarted;
            var countsAsMissing = submission is not null && CountsAsMissing(submission);

            // Waiting for the verifier: since the last submission, or since the oldest open dispute.
            DateOnly? waitingSince = status switch
            {
                SubmissionStatus.Submitted when submission!.LastSubmittedAtUtc is { } at => VietnamTime.DateOf(at),
                SubmissionStatus.Disputed => submission!.Disputes.Where(d => d.IsOpen).Select(d => (DateOnly?)VietnamTime.DateOf(d.LodgedAtUtc)).Min(),
                _ => null,
            };

            var deadline = submission?.DeadlineIn(month) ?? month.Deadline;
            return new QueueRow(code, name, month.UnitKind, block, blockTitle, status, submission?.Version ?? 0, deadline, deadline != month.Deadline,
                submission?.FirstSubmittedOn, submission?.DaysLate(month) ?? 0,
                waitingSince is { } since ? Math.Max(0, today.DayNumber - since.DayNumber) : null,
                self, appraised, submission?.Disputes.Count(d => d.IsOpen) ?? 0, countsAsMissing, today > deadline);
        }

        /// <summary>The month asked for, or the latest campaign month begun by <paramref name="today"/>; anything else is a 404.</summary>
        private static int ParseMonth(Campaign campaign, string? text, DateOnly today)
        {
            if (string.IsNullOrEmpty(text))
            {
                var begun = campaign.Months.Where(m => new DateOnly(campaign.Year, m, 1) <= today).ToList();
                return begun.Count == 0 ? campaign.FirstMonth : begun.Max();
            }

            return text.Length <= 2 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is var month && campaign.HasMonth(month)
                ? month
                : throw new NotFoundException();
        }

        private static string? Known(string? code, IReadOnlyList<Choice> choices) =>
            string.IsNullOrEmpty(code) ? null : choices.FirstOrDefault(c => c.Code == code)?.Code ?? throw new NotFoundException();

        private static SubmissionStatus? ParseStatus(string? text) =>
            string.IsNullOrEmpty(text) ? null
            : text.Length <= 32 && text.All(char.IsAsciiLetter) && Enum.TryParse<SubmissionStatus>(text, ignoreCase: true, out var status) ? status
            : throw new NotFoundException();
    }

    /// <summary>A submitted self-assessment to accept as it is, with the version the verifier saw.</summary>
    public sealed record AcceptItem(string Unit, int Version);

    /// <summary>Accepts the chosen submitted self-assessments without adjustment: all of them, or none.</summary>
    public sealed record Accept(ClaimsPrincipal User, int Month, IReadOnlyList<AcceptItem> Items) : IRequest<int>;

    public sealed class AcceptHandler(EmulationDb db, UnitMonths months, BusinessClock clock) : IRequestHandler<Accept, int>
    {
        public async ValueTask<int> Handle(Accept command, CancellationToken cancellationToken)
        {
            VerifierRights.RequireAct(command.User);
            var campaign = months.Campaign;
            if (!campaign.HasMonth(command.Month))
            {
                throw new NotFoundException();
            }

            var items = command.Items.DistinctBy(i => i.Unit).ToList();
            if (items.Count == 0)
            {
                throw new DomainException("Accept.NothingSelected");
            }

            if (items.Count > MaxItems || items.Any(i => i.Unit.Length is 0 or > 32))
            {
                throw new NotFoundException();
            }

            var codes = items.Select(i => i.Unit).ToList();
            var submissions = await db.Submissions.Include(s => s.Unit)
                .Where(s => s.CampaignId == campaign.Id && s.Month == command.Month && codes.Contains(s.UnitCode))
                .ToDictionaryAsync(s => s.UnitCode, StringComparer.Ordinal, cancellationToken);
            if (codes.Any(c => !submissions.ContainsKey(c)))
            {
                // A unit with no submission this month has no box to tick: a forged post.
                throw new NotFoundException();
            }

            var changed = items.Where(i => submissions[i.Unit].Version != i.Version).Select(i => Named(submissions[i.Unit])).ToList();
            if (changed.Count > 0)
            {
                throw new DomainException("Accept.Changed", string.Join(", ", changed));
            }

            var who = VerifierRights.Who(command.User);
            var now = clock.UtcNow;
            var frameworks = new Dictionary<string, MonthFramework>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var submission = submissions[item.Unit];
                var kind = submission.Unit!.KindCode;
                if (!frameworks.TryGetValue(kind, out var framework))
                {
                    framework = MonthFramework.For(campaign, kind, command.Month);
                    frameworks[kind] = framework;
                }

                submission.Verify(framework, [], who, now);
            }

            // One save: every one of them is accepted, or (a concurrent change) none.
            await months.Save(cancellationToken);
            return items.Count;
        }

        private static string Named(Submission submission) =>
            $"{submission.UnitCode} ({CultureText.Pick(submission.Unit!.NameVi, submission.Unit.NameEn)})";
    }

    /// <summary>Locks and publishes the month; answers the publication's number (1, then 2 after a reopen …).</summary>
    public sealed record Publish(ClaimsPrincipal User, int Month, bool Confirmed) : IRequest<int>;

    public sealed class PublishHandler(UnitMonths months, MonthPublisher publisher) : IRequestHandler<Publish, int>
    {
        public async ValueTask<int> Handle(Publish command, CancellationToken cancellationToken)
        {
            VerifierRights.RequireAct(command.User);
            if (!command.Confirmed)
            {
                throw new DomainException("Publish.ConfirmRequired");
            }

            var publication = await publisher.Publish(months.Campaign, command.Month, VerifierRights.Who(command.User), cancellationToken);
            await months.Save(cancellationToken);
            return publication.Number;
        }
    }

    /// <summary>An administrator reopens a published month, with a reason.</summary>
    public sealed record Reopen(ClaimsPrincipal User, int Month, string? Reason, bool Confirmed) : IRequest<int>;

    public sealed class ReopenHandler(UnitMonths months, MonthPublisher publisher) : IRequestHandler<Reopen, int>
    {
        public async ValueTask<int> Handle(Reopen command, CancellationToken cancellationToken)
        {
            VerifierRights.RequireReopen(command.User);
            if ((command.Reason?.Length ?? 0) > MaxReasonLength)
            {
                throw new DomainException("Reason.TooLong", "", MaxReasonLength);
            }

            if (!command.Confirmed)
            {
                throw new DomainException("Reopen.ConfirmRequired");
            }

            await publisher.Reopen(months.Campaign, command.Month, command.Reason ?? "", VerifierRights.Who(command.User), cancellationToken);
            await months.Save(cancellationToken);
            return command.Month;
        }
    }
}
