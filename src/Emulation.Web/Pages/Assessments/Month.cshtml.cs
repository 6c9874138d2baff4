using System.Globalization;
using System.Security.Claims;
using Emulation.Core.Scoring;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Infrastructure.Evidence;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Assessments;

/// <summary>
/// A unit's self-assessment for one month: the form generated from the unit kind's framework for
/// that month (only due criteria), grouped by area, with evidence, a live preview of the engine's
/// points, drafts that keep exactly what was typed, autosave, submitting, and disputes. What a
/// person may do is decided on the server for every handler (<see cref="UnitAccess"/>).
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes, ValueCountLimit = 4096)]
public sealed class MonthModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel, IReloadAfterRefusal
{
    /// <summary>A form's limit: several evidence files of up to 10 MB each and the fields.</summary>
    public const int MaxRequestBytes = 64 * 1024 * 1024;

    public const string FileField = "file:";

    public View Data { get; private set; } = null!;

    [BindProperty]
    public List<EntryForm> Entries { get; set; } = [];

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public List<int> RemoveFiles { get; set; } = [];

    [BindProperty]
    public List<int> RemoveReferences { get; set; } = [];

    [BindProperty]
    public List<DisputeForm> DisputeItems { get; set; } = [];

    /// <summary>Show every problem beside its field, unanswered criteria included (after a refused submit).</summary>
    public bool ShowAllProblems { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    [TempData]
    public string? Problem { get; set; }

    public string UnitCode => (string)RouteData.Values["unit"]!;

    public int MonthNumber => int.Parse((string)RouteData.Values["month"]!, CultureInfo.InvariantCulture);

    public sealed class EntryForm
    {
        public string Criterion { get; set; } = "";
        public string? Value { get; set; }
        public string? Denominator { get; set; }
        public string? Note { get; set; }
        public string? ReferenceNumber { get; set; }
        public string? ReferenceDate { get; set; }
        public string? ReferenceIssuer { get; set; }
    }

    public sealed class DisputeForm
    {
        public string Criterion { get; set; } = "";
        public string? Reason { get; set; }
    }

    public async Task OnGetAsync(string unit, int month, CancellationToken ct)
    {
        Data = await mediator.Send(new Query(User, unit, month), ct);
        Version = Data.Sheet.Version;
        Entries = [.. Data.Sheet.Leaves.Select(r => new EntryForm { Criterion = r.Code, Value = r.Value, Denominator = r.Denominator, Note = r.Note })];
        ShowAllProblems = Problem is not null;
    }

    public Task<IActionResult> OnPostSaveAsync(string unit, int month, CancellationToken ct) => SaveForm(unit, month, submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(string unit, int month, CancellationToken ct) => SaveForm(unit, month, submit: true, ct);

    /// <summary>The script's save every minute: the typed values only (files go with a real save), answered as JSON.</summary>
    public async Task<IActionResult> OnPostAutosaveAsync(string unit, int month, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(new { error = FirstError() });
        }

        var outcome = await mediator.Send(new Save(User, unit, month, Version, Inputs(), [], [], [], [], false), ct);
        return new JsonResult(new
        {
            version = outcome.Version,
            savedAt = BusinessClock.ToVietnam(outcome.SavedAtUtc).ToString("HH:mm", CultureInfo.CurrentCulture),
            message = localizer["Month.Autosaved", BusinessClock.ToVietnam(outcome.SavedAtUtc).ToString("HH:mm", CultureInfo.CurrentCulture)].Value,
        });
    }

    /// <summary>The live preview: the engine scores what is on the screen, nothing is saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(string unit, int month, CancellationToken ct)
    {
        var preview = await mediator.Send(new Preview(User, unit, month, Inputs()), ct);
        return new JsonResult(new
        {
            total = Answers.Points(preview.Total),
            raw = Answers.Points(preview.Raw),
            dueMax = Answers.Points(preview.DueMax),
            lateness = Answers.Points(preview.Lateness),
            areas = preview.Areas.ToDictionary(a => a.Code, a => Answers.Points(a.Subtotal)),
            criteria = preview.Criteria.ToDictionary(c => c.Key, c => c.Value is { } points ? Answers.Points(points) : "—"),
        });
    }

    public async Task<IActionResult> OnPostDisputeAsync(string unit, int month, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        await mediator.Send(new LodgeDispute(User, unit, month, Version,
            [.. DisputeItems.Where(d => !string.IsNullOrWhiteSpace(d.Reason)).Select(d => new DisputeInput(d.Criterion, d.Reason!))]), ct);
        Notice = localizer["Month.Disputed"];
        return RedirectToPage(new { unit, month });
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        Data = await mediator.Send(new Query(User, UnitCode, MonthNumber), ct);
        // What was typed stays on the screen; the version moves to the stored one, so that after
        // reading the message and checking, saving again is taken.
        Version = Data.Sheet.Version;
    }

    private async Task<IActionResult> SaveForm(string unit, int month, bool submit, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        var uploads = Request.HasFormContentType
            ? Request.Form.Files.Where(f => f.Name.StartsWith(FileField, StringComparison.Ordinal) && f.Length > 0)
                .Select(f => new Upload(f.Name[FileField.Length..], f.FileName, f.OpenReadStream())).ToList()
            : [];
        try
        {
            var references = Entries
                .Where(e => !string.IsNullOrWhiteSpace(e.ReferenceNumber) || !string.IsNullOrWhiteSpace(e.ReferenceDate) || !string.IsNullOrWhiteSpace(e.ReferenceIssuer))
                .Select(e => new ReferenceInput(e.Criterion, e.ReferenceNumber, e.ReferenceDate, e.ReferenceIssuer))
                .ToList();
            var outcome = await mediator.Send(new Save(User, unit, month, Version, Inputs(), uploads, references, RemoveFiles, RemoveReferences, submit), ct);
            var time = BusinessClock.ToVietnam(outcome.SavedAtUtc).ToString("HH:mm", CultureInfo.CurrentCulture);
            var evidenceProblems = outcome.EvidenceProblems.Select(p => localizer[p.Key, [.. p.Arguments]].Value).ToList();
            if (outcome.Submitted)
            {
                Notice = outcome.DaysLate > 0 ? localizer["Month.SubmittedLate", time, outcome.DaysLate] : localizer["Month.Submitted", time];
            }
            else if (submit)
            {
                Problem = localizer["Month.NotSubmitted", outcome.Problems.Count];
            }
            else
            {
                Notice = localizer["Month.Saved", time];
            }

            if (evidenceProblems.Count > 0)
            {
                Problem = string.Join(" ", new[] { Problem }.Concat(evidenceProblems).Where(p => p is not null));
            }

            return RedirectToPage(new { unit, month });
        }
        finally
        {
            foreach (var upload in uploads)
            {
                await upload.Content.DisposeAsync();
            }
        }
    }

    private List<EntryInput> Inputs() =>
        [.. Entries.Select(e => new EntryInput(e.Criterion ?? "", e.Value, e.Denominator, e.Note))];

    private string FirstError() =>
        ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => !string.IsNullOrEmpty(m)) ?? localizer["Error.400.Text"];

    /// <summary>What the page shows and what the person may do.</summary>
    public sealed record View(MonthSheet Sheet, bool CanEdit, bool CanSubmit, bool CanDispute, bool IsUnitPerson);

    public sealed record Query(ClaimsPrincipal User, string Unit, int Month) : IRequest<View>;

    public sealed class QueryHandler(UnitMonths months, UnitAccess access, BusinessClock clock) : IRequestHandler<Query, View>
    {
        public async ValueTask<View> Handle(Query query, CancellationToken cancellationToken)
        {
            var loaded = await months.Load(query.User, query.Unit, query.Month, UnitOperations.Read, forUpdate: false, cancellationToken);
            var sheet = MonthSheet.Build(loaded, clock.Today);
            var unitPerson = await access.May(query.User, loaded.Unit, UnitOperations.Edit);
            var opened = loaded.Month.Opens <= clock.Today;
            var editable = loaded.Submission?.IsEditableByUnit ?? true;
            var canEdit = unitPerson && editable && opened;
            var canSubmit = canEdit && await access.May(query.User, loaded.Unit, UnitOperations.Submit);
            var canDispute = unitPerson && sheet.Status == SubmissionStatus.Verified && sheet.DisputeUntil >= clock.Today;
            return new View(sheet, canEdit, canSubmit, canDispute, unitPerson);
        }
    }

    /// <summary>A file sent with the form, for one criterion.</summary>
    public sealed record Upload(string Criterion, string FileName, Stream Content);

    /// <summary>An official document given as evidence, as typed (the date as yyyy-MM-dd, from a date input).</summary>
    public sealed record ReferenceInput(string Criterion, string? Number, string? Date, string? Issuer);

    public sealed record Save(
        ClaimsPrincipal User,
        string Unit,
        int Month,
        int Version,
        IReadOnlyList<EntryInput> Entries,
        IReadOnlyList<Upload> Files,
        IReadOnlyList<ReferenceInput> References,
        IReadOnlyList<int> RemoveFiles,
        IReadOnlyList<int> RemoveReferences,
        bool Submit) : IRequest<SaveOutcome>;

    /// <summary>
    /// What a save did: the new version, when, whether it was submitted (and how late), the
    /// problems left, and the evidence refused (the typed values are saved regardless).
    /// </summary>
    public sealed record SaveOutcome(int Version, DateTime SavedAtUtc, bool Submitted, int DaysLate, IReadOnlyList<EntryProblem> Problems, IReadOnlyList<EntryProblem> EvidenceProblems);

    public sealed class SaveHandler(UnitMonths months, UnitAccess access, EvidenceStore store, BusinessClock clock) : IRequestHandler<Save, SaveOutcome>
    {
        public async ValueTask<SaveOutcome> Handle(Save command, CancellationToken cancellationToken)
        {
            var loaded = await months.Load(command.User, command.Unit, command.Month, UnitOperations.Edit, forUpdate: true, cancellationToken);
            if (command.Submit && !await access.May(command.User, loaded.Unit, UnitOperations.Submit))
            {
                throw new DomainException("Submission.SubmitNotAllowed");
            }

            if (loaded.Month.Opens > clock.Today)
            {
                throw new DomainException("Month.NotOpen", loaded.Month.Opens);
            }

            var submission = await months.ForUpdate(loaded, cancellationToken);
            if (submission.Version != command.Version)
            {
                throw new DomainException("Concurrency.Conflict");
            }

            var who = command.User.Identity?.Name ?? "-";
            var now = clock.UtcNow;
            var month = loaded.Month;
            submission.SaveDraft(month, command.Entries, who, now);
            foreach (var id in command.RemoveFiles.Distinct())
            {
                submission.RemoveFile(id, who, now);
            }

            foreach (var id in command.RemoveReferences.Distinct())
            {
                submission.RemoveReference(id, who, now);
            }

            var evidence = new List<EntryProblem>();
            foreach (var reference in command.References)
            {
                try
                {
                    if (!DateOnly.TryParseExact(reference.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        throw new DomainException(string.IsNullOrWhiteSpace(reference.Date) ? "Evidence.ReferenceIncomplete" : "Evidence.ReferenceDate", reference.Criterion);
                    }

                    submission.AddReference(month, reference.Criterion, reference.Number ?? "", date, reference.Issuer ?? "", who, now);
                }
                catch (DomainException refused)
                {
                    evidence.Add(new EntryProblem(reference.Criterion, EntryPart.Evidence, refused.Key, refused.Arguments));
                }
            }

            foreach (var file in command.Files)
            {
                try
                {
                    if (month.FindDue(file.Criterion) is null)
                    {
                        throw new DomainException("Entry.UnknownCriterion", file.Criterion, month.Month);
                    }

                    var stored = await store.Save(file.Content, file.FileName, cancellationToken);
                    submission.AttachFile(month, file.Criterion, stored, who, now);
                }
                catch (DomainException refused)
                {
                    evidence.Add(new EntryProblem(file.Criterion, EntryPart.Evidence, refused.Key, refused.Arguments));
                }
            }

            var problems = submission.Problems(month);
            var submitted = false;
            if (command.Submit && problems.Count == 0 && evidence.Count == 0)
            {
                submission.Submit(month, who, now);
                submitted = true;
            }

            await months.Save(cancellationToken);
            return new SaveOutcome(submission.Version, now, submitted, submitted ? submission.DaysLate(month) : 0, problems, evidence);
        }
    }

    public sealed record Preview(ClaimsPrincipal User, string Unit, int Month, IReadOnlyList<EntryInput> Entries) : IRequest<PreviewResult>;

    /// <summary>The engine's points for what is on the screen: per criterion (null: not answered or not valid), per area, and the total.</summary>
    public sealed record PreviewResult(decimal Total, decimal Raw, decimal DueMax, decimal Lateness, IReadOnlyList<AreaResult> Areas, IReadOnlyDictionary<string, decimal?> Criteria);

    public sealed class PreviewHandler(UnitMonths months, BusinessClock clock) : IRequestHandler<Preview, PreviewResult>
    {
        public async ValueTask<PreviewResult> Handle(Preview query, CancellationToken cancellationToken)
        {
            var loaded = await months.Load(query.User, query.Unit, query.Month, UnitOperations.Read, forUpdate: false, cancellationToken);
            var month = loaded.Month;
            var answers = new List<CriterionAnswer>();
            var answered = new HashSet<string>(StringComparer.Ordinal);
            foreach (var input in query.Entries)
            {
                if (month.FindDue(input.Criterion) is { } criterion && answered.Add(input.Criterion)
                    && EntryCheck.Value(criterion, input.Value, input.Denominator, out var value) is null)
                {
                    answers.Add(new CriterionAnswer(criterion.Code, value));
                }
            }

            var submittedOn = loaded.Submission?.FirstSubmittedOn ?? clock.Today;
            var result = ScoringEngine.ScoreMonth(month.Campaign, month.UnitKind, month.Month,
                new MonthEntries(loaded.Unit.Code, month.Month, submittedOn, loaded.Submission?.ExtendedDeadline, answers));
            var valid = answers.Select(a => a.Criterion).ToHashSet(StringComparer.Ordinal);
            return new PreviewResult(result.Total, result.Raw, result.DueMax, result.LatenessDeduction, result.Areas,
                result.Criteria.ToDictionary(c => c.Code, c => c.IsLeaf && !valid.Contains(c.Code) ? null : (decimal?)c.Points, StringComparer.Ordinal));
        }
    }

    public sealed record LodgeDispute(ClaimsPrincipal User, string Unit, int Month, int Version, IReadOnlyList<DisputeInput> Items) : IRequest<int>;

    public sealed class LodgeDisputeHandler(UnitMonths months, BusinessClock clock) : IRequestHandler<LodgeDispute, int>
    {
        public async ValueTask<int> Handle(LodgeDispute command, CancellationToken cancellationToken)
        {
            var loaded = await months.Load(command.User, command.Unit, command.Month, UnitOperations.Edit, forUpdate: true, cancellationToken);
            var submission = loaded.Submission ?? throw new DomainException("Dispute.NotVerified", nameof(SubmissionStatus.NotStarted));
            if (submission.Version != command.Version)
            {
                throw new DomainException("Concurrency.Conflict");
            }

            submission.Dispute(loaded.Month, command.Items, command.User.Identity?.Name ?? "-", clock.UtcNow);
            await months.Save(cancellationToken);
            return submission.Version;
        }
    }
}
