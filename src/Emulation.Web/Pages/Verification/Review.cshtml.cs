using System.Globalization;
using System.Security.Claims;
using Emulation.Core.Campaigns;
using Emulation.Core.Entries;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Assessments;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Verification;

/// <summary>
/// The verifier's review of one unit's month: every due criterion with the unit's answer, note and
/// evidence beside the appraised inputs (the unit's unless changed) and both points. A submitted
/// month is accepted — each changed input with its reason — or returned with findings; a disputed
/// one has its disputes answered. Administrators read it; only verifiers act (every command
/// handler checks, and answers 403 otherwise).
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(ValueCountLimit = 4096)]
public sealed partial class ReviewModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel, IReloadAfterRefusal
{
    /// <summary>Every criterion's inputs, reason and finding at their longest, with room to spare.</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    public const string ReviewForm = "review";
    public const string DisputeForm = "disputes";

    public View Data { get; private set; } = null!;

    /// <summary>The engine's points for the appraised inputs on the screen, while the month waits for review.</summary>
    public MonthModel.PreviewResult? Preview { get; private set; }

    [BindProperty]
    public List<EntryForm> Entries { get; set; } = [];

    [BindProperty]
    public List<DisputeAnswerForm> DisputeAnswers { get; set; } = [];

    [BindProperty]
    public int Version { get; set; }

    /// <summary>The problems of a refused post, each shown beside its field.</summary>
    public IReadOnlyList<EntryProblem> Problems { get; private set; } = [];

    /// <summary>
    /// The form whose post was refused: it is shown again with what was typed, even when the
    /// submission moved on meanwhile (another verifier accepted it), so nothing typed is lost.
    /// </summary>
    public string? Refused { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    /// <summary>Whether the accept-or-return form is shown: a submitted month, or that form's refused post.</summary>
    public bool Reviewing => Data.CanAct && (Data.Sheet.Status == SubmissionStatus.Submitted || Refused == ReviewForm);

    /// <summary>Whether the disputes' answer form is shown: a disputed month, or that form's refused post.</summary>
    public bool Answering => Data.CanAct && (Data.Sheet.Status == SubmissionStatus.Disputed || Refused == DisputeForm);

    public string UnitCode => (string)RouteData.Values["unit"]!;

    public int MonthNumber => int.Parse((string)RouteData.Values["month"]!, CultureInfo.InvariantCulture);

    public sealed class EntryForm
    {
        public string Criterion { get; set; } = "";
        public string? Value { get; set; }
        public string? Denominator { get; set; }
        public string? Reason { get; set; }
        public string? Finding { get; set; }
    }

    public sealed class DisputeAnswerForm
    {
        public int DisputeId { get; set; }

        /// <summary><c>Kept</c>, <c>Changed</c>, or nothing: not answered in this save.</summary>
        public string? Decision { get; set; }

        public string? Value { get; set; }
        public string? Denominator { get; set; }
        public string? Reason { get; set; }
    }

    public async Task OnGetAsync(string unit, int month, CancellationToken ct)
    {
        Data = await mediator.Send(new Query(User, unit, month), ct);
        Version = Data.Sheet.Version;
        await FillAsync(ct);
    }

    public async Task<IActionResult> OnPostAcceptAsync(string unit, int month, CancellationToken ct)
    {
        Refused = ReviewForm;
        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        var outcome = await mediator.Send(new Accept(User, unit, month, Version,
            [.. Entries.Select(e => new Appraisal(e.Criterion ?? "", e.Value, e.Denominator, e.Reason, e.Finding))]), ct);
        if (outcome.Problems.Count > 0)
        {
            Problems = outcome.Problems;
            ModelState.AddModelError("", localizer["Review.HasProblems", outcome.Problems.Count]);
            await ReloadAsync(ct);
            return Page();
        }

        Notice = outcome.Count == 0
            ? localizer["Review.Accepted", month, outcome.UnitName]
            : localizer["Review.AcceptedAdjusted", month, outcome.UnitName, outcome.Count];
        return RedirectToPage(new { unit, month });
    }

    public async Task<IActionResult> OnPostReturnAsync(string unit, int month, CancellationToken ct)
    {
        Refused = ReviewForm;
        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        var outcome = await mediator.Send(new ReturnToUnit(User, unit, month, Version,
            [.. Entries.Where(e => !string.IsNullOrWhiteSpace(e.Finding)).Select(e => new Finding(e.Criterion ?? "", e.Finding!))]), ct);
        Notice = localizer["Review.Returned", month, outcome.UnitName, outcome.Count];
        return RedirectToPage(new { unit, month });
    }

    public async Task<IActionResult> OnPostAnswerAsync(string unit, int month, CancellationToken ct)
    {
        Refused = DisputeForm;
        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        var outcome = await mediator.Send(new AnswerDisputes(User, unit, month, Version,
            [.. DisputeAnswers.Select(a => new DisputeAnswer(a.DisputeId, Decision(a.Decision), a.Value, a.Denominator, a.Reason))]), ct);
        if (outcome.Problems.Count > 0)
        {
            Problems = outcome.Problems;
            ModelState.AddModelError("", localizer["Review.HasProblems", outcome.Problems.Count]);
            await ReloadAsync(ct);
            return Page();
        }

        Notice = outcome.StillOpen == 0
            ? localizer["Review.DisputesAnswered", outcome.Count]
            : localizer["Review.DisputesPartly", outcome.Count, outcome.StillOpen];
        return RedirectToPage(new { unit, month });
    }

    /// <summary>The script's preview: the engine scores the appraised inputs on the screen; nothing is saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string unit, int month, CancellationToken ct)
    {
        var preview = await mediator.Send(new MonthModel.Preview(User, unit, month, Inputs()), ct);
        return new JsonResult(new
        {
            total = Answers.Points(preview.Total),
            lateness = Answers.Points(preview.Lateness),
            areas = preview.Areas.ToDictionary(a => a.Code, a => Answers.Points(a.Subtotal)),
            criteria = preview.Criteria.ToDictionary(c => c.Key, c => c.Value is { } points ? Answers.Points(points) : "—"),
        });
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        Data = await mediator.Send(new Query(User, UnitCode, MonthNumber), ct);

        // After a refusal the form carries the version it was shown with; what the page shows now
        // is the current state, and saving again applies to that (the message says to look first).
        ModelState.Remove(nameof(Version));
        Version = Data.Sheet.Version;
        await FillAsync(ct);
    }

    /// <summary>The forms' starting values where nothing was posted: the appraised inputs as they stand.</summary>
    private async Task FillAsync(CancellationToken ct)
    {
        var sheet = Data.Sheet;
        if (Entries.Count == 0)
        {
            Entries = [.. sheet.Leaves.Select(r => new EntryForm { Criterion = r.Code, Value = r.Final.Value, Denominator = r.Final.Denominator })];
        }

        if (DisputeAnswers.Count == 0)
        {
            DisputeAnswers = [.. sheet.Disputes.Where(d => d.Decision is null).Select(d =>
            {
                var row = sheet.Leaves.FirstOrDefault(r => r.Code == d.Criterion);
                return new DisputeAnswerForm { DisputeId = d.Id, Value = row?.Final.Value, Denominator = row?.Final.Denominator };
            })];
        }

        if (sheet.Status == SubmissionStatus.Submitted || Refused == ReviewForm)
        {
            Preview = await mediator.Send(new MonthModel.Preview(User, UnitCode, MonthNumber, Inputs()), ct);
        }
    }

    private List<EntryInput> Inputs() => [.. Entries.Select(e => new EntryInput(e.Criterion ?? "", e.Value, e.Denominator, null))];

    private static DisputeDecision? Decision(string? posted) => posted switch
    {
        nameof(DisputeDecision.Kept) => DisputeDecision.Kept,
        nameof(DisputeDecision.Changed) => DisputeDecision.Changed,
        _ => null,
    };

    /// <summary>What the page shows, and whether this person may act on it (verifiers only).</summary>
    public sealed record View(MonthSheet Sheet, bool CanAct);

    public sealed record Query(ClaimsPrincipal User, string Unit, int Month) : IRequest<View>;

    public sealed class QueryHandler(UnitMonths months, BusinessClock clock) : IRequestHandler<Query, View>
    {
        public async ValueTask<View> Handle(Query query, CancellationToken cancellationToken)
        {
            var loaded = await months.Load(query.User, query.Unit, query.Month, UnitOperations.Read, forUpdate: false, cancellationToken);
            return new View(MonthSheet.Build(loaded, clock.Today), query.User.IsInRole(Roles.Verifier));
        }
    }

    /// <summary>What a review did (<see cref="Count"/>: adjustments, findings or answers), or the problems that kept it from being done.</summary>
    public sealed record ReviewOutcome(IReadOnlyList<EntryProblem> Problems, int Count, int StillOpen, string UnitName);

    /// <summary>The appraised inputs of one criterion as posted, with the reason for a change (and a finding, which accepting does not send).</summary>
    public sealed record Appraisal(string Criterion, string? Value, string? Denominator, string? Reason, string? Finding = null);

    /// <summary>Accept a submitted month; the criteria whose inputs differ from the unit's are adjustments, each with its reason.</summary>
    public sealed record Accept(ClaimsPrincipal User, string Unit, int Month, int Version, IReadOnlyList<Appraisal> Entries) : IRequest<ReviewOutcome>;

    public sealed partial class AcceptHandler(UnitMonths months, BusinessClock clock, ILogger<AcceptHandler> logger) : IRequestHandler<Accept, ReviewOutcome>
    {
        public async ValueTask<ReviewOutcome> Handle(Accept command, CancellationToken cancellationToken)
        {
            RequireVerifier(command.User);
            var loaded = await months.Load(command.User, command.Unit, command.Month, UnitOperations.Read, forUpdate: true, cancellationToken);
            var submission = Current(loaded, command.Version, "Submission.CannotVerify");
            var month = loaded.Month;
            var problems = new List<EntryProblem>();
            var adjustments = new List<Adjustment>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in command.Entries)
            {
                var criterion = Due(month, item.Criterion, seen);
                var code = criterion.Code;
                if (!string.IsNullOrWhiteSpace(item.Finding))
                {
                    problems.Add(new EntryProblem(code, EntryPart.Finding, "Review.FindingOnAccept", [code]));
                }

                var current = submission.EntryFor(code)?.Final ?? (null, null);
                if (SameInputs(criterion, current, item.Value, item.Denominator))
                {
                    continue;
                }

                var before = problems.Count;
                CheckValue(criterion, item.Value, item.Denominator, problems);
                var reason = CheckReason(code, item.Reason, "Adjustment.NoReason", problems);
                if (problems.Count == before)
                {
                    adjustments.Add(new Adjustment(code, Clean(item.Value), Clean(item.Denominator), reason!));
                }
            }

            if (problems.Count > 0)
            {
                return new ReviewOutcome(problems, 0, 0, loaded.UnitName);
            }

            var who = Who(command.User);
            submission.Verify(month, adjustments, who, clock.UtcNow);
            await months.Save(cancellationToken);
            LogVerified(logger, loaded.Unit.Code, month.Month, adjustments.Count, who);
            return new ReviewOutcome([], adjustments.Count, 0, loaded.UnitName);
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Verified {Unit} month {Month} with {Adjustments} adjustment(s) by {User}.")]
        private static partial void LogVerified(ILogger logger, string unit, int month, int adjustments, string user);
    }

    /// <summary>Return a submitted month to the unit with findings per criterion.</summary>
    public sealed record ReturnToUnit(ClaimsPrincipal User, string Unit, int Month, int Version, IReadOnlyList<Finding> Findings) : IRequest<ReviewOutcome>;

    public sealed partial class ReturnHandler(UnitMonths months, BusinessClock clock, ILogger<ReturnHandler> logger) : IRequestHandler<ReturnToUnit, ReviewOutcome>
    {
        public async ValueTask<ReviewOutcome> Handle(ReturnToUnit command, CancellationToken cancellationToken)
        {
            RequireVerifier(command.User);
            var loaded = await months.Load(command.User, command.Unit, command.Month, UnitOperations.Read, forUpdate: true, cancellationToken);
            var submission = Current(loaded, command.Version, "Submission.CannotReturn");
            var who = Who(command.User);
            submission.Return(command.Findings, who, clock.UtcNow);
            await months.Save(cancellationToken);
            var count = submission.Entries.Count(e => e.Finding is not null);
            LogReturned(logger, loaded.Unit.Code, loaded.Month.Month, count, who);
            return new ReviewOutcome([], count, 0, loaded.UnitName);
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Returned {Unit} month {Month} with {Findings} finding(s) by {User}.")]
        private static partial void LogReturned(ILogger logger, string unit, int month, int findings, string user);
    }

    /// <summary>A verifier's answer to one open dispute (no decision: not answered in this save).</summary>
    public sealed record DisputeAnswer(int DisputeId, DisputeDecision? Decision, string? Value, string? Denominator, string? Reason);

    /// <summary>Answer some or all of the open disputes, in one save.</summary>
    public sealed record AnswerDisputes(ClaimsPrincipal User, string Unit, int Month, int Version, IReadOnlyList<DisputeAnswer> Answers) : IRequest<ReviewOutcome>;

    public sealed partial class AnswerDisputesHandler(UnitMonths months, BusinessClock clock, ILogger<AnswerDisputesHandler> logger) : IRequestHandler<AnswerDisputes, ReviewOutcome>
    {
        public async ValueTask<ReviewOutcome> Handle(AnswerDisputes command, CancellationToken cancellationToken)
        {
            RequireVerifier(command.User);
            var loaded = await months.Load(command.User, command.Unit, command.Month, UnitOperations.Read, forUpdate: true, cancellationToken);
            var submission = Current(loaded, command.Version, "Dispute.NotDisputed");
            var month = loaded.Month;
            var chosen = command.Answers.Where(a => a.Decision is not null).ToList();
            if (chosen.Count == 0)
            {
                throw new DomainException("Review.NoAnswerChosen");
            }

            var problems = new List<EntryProblem>();
            var answers = new List<(DisputeAnswer Answer, string Reason)>();
            foreach (var answer in chosen)
            {
                var dispute = submission.Disputes.FirstOrDefault(d => d.Id == answer.DisputeId && d.IsOpen)
                    ?? throw new DomainException("Dispute.NotOpen", answer.DisputeId);
                var criterion = month.FindDue(dispute.Criterion) ?? throw new DomainException("Entry.UnknownCriterion", dispute.Criterion, month.Month);
                var code = criterion.Code;
                var before = problems.Count;
                if (answer.Decision == DisputeDecision.Changed)
                {
                    CheckValue(criterion, answer.Value, answer.Denominator, problems);
                    if (problems.Count == before && SameInputs(criterion, submission.EntryFor(code)?.Final ?? (null, null), answer.Value, answer.Denominator))
                    {
                        problems.Add(new EntryProblem(code, EntryPart.Value, "Review.ChangedToSame", [code]));
                    }
                }

                var reason = CheckReason(code, answer.Reason, "Review.AnswerNoReason", problems);
                if (problems.Count == before)
                {
                    answers.Add((answer, reason!));
                }
            }

            if (problems.Count > 0)
            {
                return new ReviewOutcome(problems, 0, submission.Disputes.Count(d => d.IsOpen), loaded.UnitName);
            }

            var who = Who(command.User);
            var now = clock.UtcNow;
            foreach (var (answer, reason) in answers)
            {
                var changed = answer.Decision == DisputeDecision.Changed;
                submission.AnswerDispute(month, answer.DisputeId, answer.Decision!.Value,
                    changed ? Clean(answer.Value) : null, changed ? Clean(answer.Denominator) : null, reason, who, now);
            }

            await months.Save(cancellationToken);
            var open = submission.Disputes.Count(d => d.IsOpen);
            LogAnswered(logger, loaded.Unit.Code, month.Month, answers.Count, open, who);
            return new ReviewOutcome([], answers.Count, open, loaded.UnitName);
        }

        [LoggerMessage(Level = LogLevel.Information, Message = "Answered {Answers} dispute(s) of {Unit} month {Month} ({Open} still open) by {User}.")]
        private static partial void LogAnswered(ILogger logger, string unit, int month, int answers, int open, string user);
    }

    /// <exception cref="ForbiddenException">Not a verifier: administrators read this page but do not act on it.</exception>
    private static void RequireVerifier(ClaimsPrincipal user)
    {
        if (!user.IsInRole(Roles.Verifier))
        {
            throw new ForbiddenException();
        }
    }

    /// <summary>The month's submission as the form saw it: a month never started has nothing to act on; another version is a conflict.</summary>
    private static Submission Current(UnitMonth loaded, int version, string notStartedKey)
    {
        var submission = loaded.Submission ?? throw new DomainException(notStartedKey, nameof(SubmissionStatus.NotStarted));
        return submission.Version == version ? submission : throw new DomainException("Concurrency.Conflict");
    }

    private static Criterion Due(MonthFramework month, string code, HashSet<string> seen)
    {
        var criterion = month.FindDue(code) ?? throw new DomainException("Entry.UnknownCriterion", code, month.Month);
        return seen.Add(code) ? criterion : throw new DomainException("Entry.Twice", code);
    }

    /// <summary>
    /// Whether the posted inputs are the ones that count now: equal values as the engine reads
    /// them ("có" and "Có", "5" and "5.0"), or, when either does not parse, the same text.
    /// </summary>
    private static bool SameInputs(Criterion criterion, (string? Value, string? Denominator) current, string? value, string? denominator)
    {
        var before = EntryValueParser.Parse(criterion, current.Value, current.Denominator);
        var after = EntryValueParser.Parse(criterion, value, denominator);
        if (before.Succeeded && after.Succeeded)
        {
            return before.Value == after.Value;
        }

        return Clean(current.Value) == Clean(value) && Clean(current.Denominator) == Clean(denominator);
    }

    private static void CheckValue(Criterion criterion, string? value, string? denominator, List<EntryProblem> problems)
    {
        if ((value?.Length ?? 0) > Submission.MaxValueLength || (denominator?.Length ?? 0) > Submission.MaxValueLength)
        {
            problems.Add(new EntryProblem(criterion.Code, EntryPart.Value, "Entry.ValueTooLong", [criterion.Code, Submission.MaxValueLength]));
        }
        else if (EntryCheck.Value(criterion, value, denominator, out _) is { } problem)
        {
            problems.Add(problem);
        }
    }

    /// <summary>The trimmed reason, or null with its problem recorded.</summary>
    private static string? CheckReason(string code, string? reason, string missingKey, List<EntryProblem> problems)
    {
        var trimmed = reason?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            problems.Add(new EntryProblem(code, EntryPart.Reason, missingKey, [code]));
            return null;
        }

        if (trimmed.Length > Submission.MaxReasonLength)
        {
            problems.Add(new EntryProblem(code, EntryPart.Reason, "Reason.TooLong", [code, Submission.MaxReasonLength]));
            return null;
        }

        return trimmed;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Who(ClaimsPrincipal user) => user.Identity?.Name ?? "-";
}
