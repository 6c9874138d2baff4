using System.Globalization;
using Emulation.Core.Scoring;

namespace Emulation.Web.Domain;

/// <summary>The states of a unit's monthly self-assessment (the workflow in criteria/README.md).</summary>
public enum SubmissionStatus
{
    NotStarted,
    Draft,
    Submitted,
    Returned,
    Verified,
    Disputed,
    Locked,
    Missing,
}

/// <summary>What a unit typed for one criterion: value (and denominator) and note, exactly as typed.</summary>
public sealed record EntryInput(string Criterion, string? Value, string? Denominator, string? Note);

/// <summary>A verifier's finding on one criterion when returning a submission.</summary>
public sealed record Finding(string Criterion, string Text);

/// <summary>A verifier's change of one entry's inputs (for a manual criterion, the points), with the reason.</summary>
public sealed record Adjustment(string Criterion, string? Value, string? Denominator, string Reason);

/// <summary>A unit contesting one appraised entry, with the reason.</summary>
public sealed record DisputeInput(string Criterion, string Reason);

/// <summary>
/// One unit's self-assessment for one month of a campaign (bản tự chấm điểm), and everything that
/// happens to it: drafts, submitted versions, returns, verification with adjustments, disputes,
/// closing out, locking and reopening. Every transition is a method that refuses an illegal move
/// with a <see cref="DomainException"/>, records its audit line, and moves <see cref="Version"/>
/// on, which guards every write against a concurrent one.
/// </summary>
public sealed class Submission : IAudited
{
    public const int MaxValueLength = 100;
    public const int MaxNoteLength = 4000;
    public const int MaxReasonLength = 2000;
    public const int MaxFilesPerCriterion = 10;
    public const int MaxReferencesPerCriterion = 10;

    private readonly List<SubmissionEntry> entries = [];
    private readonly List<SubmissionVersion> versions = [];
    private readonly List<Dispute> disputes = [];
    private readonly List<EvidenceFile> files = [];
    private readonly List<EvidenceReference> references = [];
    private readonly List<AuditRecord> audit = [];

    private Submission(int unitId, string unitCode, string campaignId, int month, DateTime createdAtUtc)
    {
        UnitId = unitId;
        UnitCode = unitCode;
        CampaignId = campaignId;
        Month = month;
        Status = SubmissionStatus.NotStarted;
        CreatedAtUtc = createdAtUtc;
        UpdatedAtUtc = createdAtUtc;
        UpdatedBy = "";
    }

    public int Id { get; private set; }
    public int UnitId { get; private set; }
    public Unit? Unit { get; private set; }

    /// <summary>The unit's code, kept for the audit log's readable lines.</summary>
    public string UnitCode { get; private set; }

    public string CampaignId { get; private set; }
    public int Month { get; private set; }
    public SubmissionStatus Status { get; private set; }

    /// <summary>Moves on with every change; a form carries the version it showed, and a stale one is refused.</summary>
    public int Version { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public string UpdatedBy { get; private set; }

    /// <summary>The first submission: lateness counts from it, never from a resubmission.</summary>
    public DateTime? FirstSubmittedAtUtc { get; private set; }

    /// <summary>The Vietnam date of the first submission.</summary>
    public DateOnly? FirstSubmittedOn { get; private set; }

    /// <summary>How many versions were submitted (the last version's number).</summary>
    public int VersionCount { get; private set; }

    public DateTime? LastSubmittedAtUtc { get; private set; }
    public string? LastSubmittedBy { get; private set; }
    public DateTime? ReturnedAtUtc { get; private set; }
    public string? ReturnedBy { get; private set; }
    public DateTime? VerifiedAtUtc { get; private set; }

    /// <summary>The Vietnam date of the (last) verification: the dispute window counts from it.</summary>
    public DateOnly? VerifiedOn { get; private set; }

    public string? VerifiedBy { get; private set; }

    /// <summary>A deadline a verifier extended for this unit and month (a storm, Tết); null: the campaign's.</summary>
    public DateOnly? ExtendedDeadline { get; private set; }

    public string? ExtensionReason { get; private set; }
    public string? MissingReason { get; private set; }
    public DateTime? LockedAtUtc { get; private set; }

    /// <summary>The state a locked submission returns to when its month is reopened.</summary>
    public SubmissionStatus? LockedFrom { get; private set; }

    public IReadOnlyList<SubmissionEntry> Entries => entries;
    public IReadOnlyList<SubmissionVersion> Versions => versions;
    public IReadOnlyList<Dispute> Disputes => disputes;
    public IReadOnlyList<EvidenceFile> Files => files;
    public IReadOnlyList<EvidenceReference> References => references;

    /// <summary>Whether the unit may change the inputs and the evidence.</summary>
    public bool IsEditableByUnit => Status is SubmissionStatus.NotStarted or SubmissionStatus.Draft or SubmissionStatus.Returned;

    /// <summary>The entity named in the audit log.</summary>
    public string AuditName => $"submission:{CampaignId}/{UnitCode}/{Month}";

    /// <summary>A month not started yet; it is stored by its first save (or when closed out as missing).</summary>
    public static Submission Start(Unit unit, MonthFramework month, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(month);
        if (!string.Equals(unit.KindCode, month.UnitKind, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Unit {unit.Code} is a {unit.KindCode}, not a {month.UnitKind}.", nameof(month));
        }

        return new Submission(unit.Id, unit.Code, month.Campaign.Id, month.Month, utcNow) { Unit = unit };
    }

    /// <summary>The deadline that applies: the extended one when a verifier set it, else the campaign's.</summary>
    public DateOnly DeadlineIn(MonthFramework month) => ExtendedDeadline ?? Same(month).Deadline;

    /// <summary>Calendar days the first submission came after the deadline (0 when on time or not submitted).</summary>
    public int DaysLate(MonthFramework month) => Lateness.DaysLate(Same(month).Campaign, Month, FirstSubmittedOn, ExtendedDeadline);

    /// <summary>The last day the unit may dispute, or null when it was never verified or the campaign allows no disputes.</summary>
    public DateOnly? DisputeUntil(MonthFramework month) =>
        Same(month).Campaign.DisputeDays == 0 ? null : VerifiedOn?.AddDays(month.Campaign.DisputeDays);

    public SubmissionEntry? EntryFor(string criterion) => entries.FirstOrDefault(e => e.Criterion == criterion);

    /// <summary>
    /// Saves what the unit typed, exactly (invalid values too: <see cref="Problems"/> lists them). The
    /// first save makes a month not started a draft; a returned submission stays returned while the
    /// unit corrects it. Criteria not among <paramref name="inputs"/> keep what they had. A save
    /// that changes nothing records nothing and leaves <see cref="Version"/> as it was.
    /// </summary>
    public void SaveDraft(MonthFramework month, IReadOnlyList<EntryInput> inputs, string who, DateTime utcNow)
    {
        Same(month);
        ArgumentNullException.ThrowIfNull(inputs);
        RequireEditable();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            if (month.FindDue(input.Criterion) is null)
            {
                throw new DomainException("Entry.UnknownCriterion", input.Criterion, Month);
            }

            if (!seen.Add(input.Criterion))
            {
                throw new DomainException("Entry.Twice", input.Criterion);
            }

            if ((input.Value?.Length ?? 0) > MaxValueLength || (input.Denominator?.Length ?? 0) > MaxValueLength)
            {
                throw new DomainException("Entry.ValueTooLong", input.Criterion, MaxValueLength);
            }

            if ((input.Note?.Length ?? 0) > MaxNoteLength)
            {
                throw new DomainException("Entry.NoteTooLong", input.Criterion, MaxNoteLength);
            }
        }

        var changed = false;
        if (Status == SubmissionStatus.NotStarted)
        {
            Record("submission.draft-started", who, utcNow, nameof(SubmissionStatus.NotStarted), nameof(SubmissionStatus.Draft), null);
            Status = SubmissionStatus.Draft;
            changed = true;
        }

        foreach (var input in inputs)
        {
            var entry = EntryFor(input.Criterion) ?? SubmissionEntry.For(input.Criterion);
            var (oldValue, oldDenominator, oldNote) = (entry.Value, entry.Denominator, entry.Note);
            if (entry.Take(Clean(input.Value), Clean(input.Denominator), Clean(input.Note)))
            {
                if (!entries.Contains(entry))
                {
                    entries.Add(entry);
                }

                changed = true;
                if (oldValue != entry.Value || oldDenominator != entry.Denominator)
                {
                    Record("entry.changed", who, utcNow, Inputs(oldValue, oldDenominator), Inputs(entry.Value, entry.Denominator), null, input.Criterion);
                }

                if (oldNote != entry.Note)
                {
                    Record("entry.note-changed", who, utcNow, oldNote, entry.Note, null, input.Criterion);
                }
            }
        }

        // An unchanged save (an autosave of the same form) keeps the version: moving it would turn
        // another person's save of the same month into a conflict, with no audit line to show why.
        if (changed)
        {
            Touch(who, utcNow);
        }
    }

    /// <summary>
    /// Every problem that keeps the submission from being submitted: a due criterion unanswered or
    /// answered with a value its method cannot take, a numerator above its denominator, evidence
    /// missing where the criterion requires it. Empty when it may be submitted.
    /// </summary>
    public IReadOnlyList<EntryProblem> Problems(MonthFramework month)
    {
        Same(month);
        var problems = new List<EntryProblem>();
        foreach (var criterion in month.DueLeaves)
        {
            var entry = EntryFor(criterion.Code);
            if (EntryCheck.Value(criterion, entry?.Value, entry?.Denominator, out _) is { } problem)
            {
                problems.Add(problem);
            }

            if (criterion.EvidenceRequired && !HasEvidence(criterion.Code))
            {
                problems.Add(new EntryProblem(criterion.Code, EntryPart.Evidence, "Entry.EvidenceMissing", [criterion.Code]));
            }
        }

        return problems;
    }

    public bool HasEvidence(string criterion) =>
        files.Any(f => f.Criterion == criterion) || references.Any(r => r.Criterion == criterion);

    /// <summary>
    /// Sends a draft, or a corrected returned submission, to the verifier. Refused while any
    /// <see cref="Problems"/> are left. The first submission fixes the date lateness counts from;
    /// every submission is kept as a version.
    /// </summary>
    public void Submit(MonthFramework month, string who, DateTime utcNow)
    {
        Same(month);
        if (Status is not (SubmissionStatus.Draft or SubmissionStatus.Returned))
        {
            throw new DomainException(Status == SubmissionStatus.NotStarted ? "Submission.NothingToSubmit" : "Submission.CannotSubmit", Status);
        }

        var problems = Problems(month);
        if (problems.Count > 0)
        {
            throw new DomainException("Submission.HasProblems", problems.Count);
        }

        var resubmission = Status == SubmissionStatus.Returned;
        FirstSubmittedAtUtc ??= utcNow;
        FirstSubmittedOn ??= VietnamTime.DateOf(utcNow);
        LastSubmittedAtUtc = utcNow;
        LastSubmittedBy = who;
        VersionCount++;
        var version = SubmissionVersion.Of(this, VersionCount, who, utcNow);
        versions.Add(version);
        var daysLate = DaysLate(month);
        Record(resubmission ? "submission.resubmitted" : "submission.submitted", who, utcNow, StatusName, nameof(SubmissionStatus.Submitted),
            daysLate > 0 ? $"version {version.Number}, {daysLate} day(s) late" : $"version {version.Number}");
        Status = SubmissionStatus.Submitted;
        Touch(who, utcNow);
    }

    /// <summary>
    /// The verifier sends the submission back for correction with findings per criterion, in one
    /// consolidated return. The unit then edits it like a draft.
    /// </summary>
    public void Return(IReadOnlyList<Finding> findings, string who, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(findings);
        RequireStatus("Submission.CannotReturn", SubmissionStatus.Submitted);
        var cleaned = findings.Where(f => !string.IsNullOrWhiteSpace(f.Text)).Select(f => f with { Text = f.Text.Trim() }).ToList();
        if (cleaned.Count == 0)
        {
            throw new DomainException("Return.NoFindings");
        }

        foreach (var finding in cleaned)
        {
            RequireEntry(finding.Criterion);
            RequireLength(finding.Text, "Return.FindingTooLong", finding.Criterion);
        }

        if (cleaned.GroupBy(f => f.Criterion).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainException("Entry.Twice", twice.Key);
        }

        foreach (var entry in entries)
        {
            entry.Find(cleaned.FirstOrDefault(f => f.Criterion == entry.Criterion)?.Text);
        }

        ReturnedAtUtc = utcNow;
        ReturnedBy = who;
        Record("submission.returned", who, utcNow, StatusName, nameof(SubmissionStatus.Returned),
            string.Join("; ", cleaned.Select(f => $"{f.Criterion}: {f.Text}")));
        Status = SubmissionStatus.Returned;
        Touch(who, utcNow);
    }

    /// <summary>
    /// The verifier accepts the submission, with or without adjustments: each changes one entry's
    /// inputs, with a reason, beside the unit's own (appraised inputs default to the unit's).
    /// </summary>
    public void Verify(MonthFramework month, IReadOnlyList<Adjustment> adjustments, string who, DateTime utcNow)
    {
        Same(month);
        ArgumentNullException.ThrowIfNull(adjustments);
        RequireStatus("Submission.CannotVerify", SubmissionStatus.Submitted);
        if (adjustments.GroupBy(a => a.Criterion).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainException("Entry.Twice", twice.Key);
        }

        foreach (var adjustment in adjustments)
        {
            CheckAdjustment(month, adjustment.Criterion, adjustment.Value, adjustment.Denominator, adjustment.Reason);
        }

        foreach (var adjustment in adjustments)
        {
            Adjust(adjustment.Criterion, adjustment.Value, adjustment.Denominator, adjustment.Reason, who, utcNow);
        }

        VerifiedAtUtc = utcNow;
        VerifiedOn = VietnamTime.DateOf(utcNow);
        VerifiedBy = who;
        Record("submission.verified", who, utcNow, StatusName, nameof(SubmissionStatus.Verified),
            adjustments.Count == 0 ? null : $"{adjustments.Count} adjustment(s)");
        Status = SubmissionStatus.Verified;
        Touch(who, utcNow);
    }

    /// <summary>
    /// A verifier changes the appraisal of a verified submission — after its month was reopened, or
    /// before it is locked — each change with a reason; it stays verified.
    /// </summary>
    public void Reappraise(MonthFramework month, IReadOnlyList<Adjustment> adjustments, string who, DateTime utcNow)
    {
        Same(month);
        ArgumentNullException.ThrowIfNull(adjustments);
        RequireStatus("Submission.CannotReappraise", SubmissionStatus.Verified);
        if (adjustments.Count == 0)
        {
            throw new DomainException("Adjustment.Nothing");
        }

        if (adjustments.GroupBy(a => a.Criterion).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainException("Entry.Twice", twice.Key);
        }

        foreach (var adjustment in adjustments)
        {
            CheckAdjustment(month, adjustment.Criterion, adjustment.Value, adjustment.Denominator, adjustment.Reason);
        }

        foreach (var adjustment in adjustments)
        {
            Adjust(adjustment.Criterion, adjustment.Value, adjustment.Denominator, adjustment.Reason, who, utcNow);
        }

        Record("submission.reappraised", who, utcNow, null, $"{adjustments.Count} adjustment(s)", null);
        Touch(who, utcNow);
    }

    /// <summary>Within the campaign's dispute window after verification, the unit contests appraised entries.</summary>
    public void Dispute(MonthFramework month, IReadOnlyList<DisputeInput> items, string who, DateTime utcNow)
    {
        Same(month);
        ArgumentNullException.ThrowIfNull(items);
        RequireStatus("Dispute.NotVerified", SubmissionStatus.Verified);
        if (month.Campaign.DisputeDays == 0)
        {
            throw new DomainException("Dispute.NotAllowed");
        }

        var until = DisputeUntil(month)!.Value;
        if (VietnamTime.DateOf(utcNow) > until)
        {
            throw new DomainException("Dispute.WindowClosed", until);
        }

        var cleaned = items.Where(i => !string.IsNullOrWhiteSpace(i.Reason)).Select(i => i with { Reason = i.Reason.Trim() }).ToList();
        if (cleaned.Count == 0)
        {
            throw new DomainException("Dispute.NothingDisputed");
        }

        foreach (var item in cleaned)
        {
            RequireEntry(item.Criterion);
            RequireLength(item.Reason, "Dispute.ReasonTooLong", item.Criterion);
        }

        if (cleaned.GroupBy(i => i.Criterion).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainException("Entry.Twice", twice.Key);
        }

        foreach (var item in cleaned)
        {
            disputes.Add(Domain.Dispute.Lodge(item.Criterion, item.Reason, who, utcNow));
            Record("entry.disputed", who, utcNow, null, null, item.Reason, item.Criterion);
        }

        Record("submission.disputed", who, utcNow, StatusName, nameof(SubmissionStatus.Disputed), $"{cleaned.Count} entr(y/ies) disputed");
        Status = SubmissionStatus.Disputed;
        Touch(who, utcNow);
    }

    /// <summary>
    /// The verifier answers one open dispute: keeps the appraised value, or changes it (an
    /// adjustment), with a reason. When every dispute is answered the submission is verified again.
    /// </summary>
    public void AnswerDispute(MonthFramework month, int disputeId, DisputeDecision decision, string? value, string? denominator, string reason, string who, DateTime utcNow)
    {
        Same(month);
        RequireStatus("Dispute.NotDisputed", SubmissionStatus.Disputed);
        var dispute = disputes.FirstOrDefault(d => d.Id == disputeId && d.IsOpen) ?? throw new DomainException("Dispute.NotOpen", disputeId);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Reason.Required");
        }

        reason = reason.Trim();
        RequireLength(reason, "Reason.TooLong", dispute.Criterion);
        if (decision == DisputeDecision.Changed)
        {
            CheckAdjustment(month, dispute.Criterion, value, denominator, reason);
            Adjust(dispute.Criterion, value, denominator, reason, who, utcNow);
        }

        dispute.Settle(decision, reason, who, utcNow);
        Record("entry.dispute-answered", who, utcNow, null, decision.ToString(), reason, dispute.Criterion);
        if (disputes.All(d => !d.IsOpen))
        {
            Record("submission.disputes-answered", who, utcNow, StatusName, nameof(SubmissionStatus.Verified), null);
            Status = SubmissionStatus.Verified;
        }

        Touch(who, utcNow);
    }

    /// <summary>
    /// The verifier closes the month out for a unit that never submitted (or never resubmitted),
    /// with a reason, once its deadline has passed; the month scores the campaign's missing-month score.
    /// </summary>
    public void CloseOutAsMissing(MonthFramework month, string reason, string who, DateTime utcNow)
    {
        Same(month);
        if (Status is not (SubmissionStatus.NotStarted or SubmissionStatus.Draft or SubmissionStatus.Returned))
        {
            throw new DomainException("Submission.CannotCloseOut", Status);
        }

        if (VietnamTime.DateOf(utcNow) <= DeadlineIn(month))
        {
            throw new DomainException("Submission.DeadlineNotPassed", DeadlineIn(month));
        }

        reason = RequireReason(reason);
        MissingReason = reason;
        Record("submission.closed-out", who, utcNow, StatusName, nameof(SubmissionStatus.Missing), reason);
        Status = SubmissionStatus.Missing;
        Touch(who, utcNow);
    }

    /// <summary>
    /// A verifier brings in the month from a province's earlier spreadsheets (the import): the
    /// entries become the unit's inputs and, unadjusted, the appraised ones, and the month is
    /// verified at once, ready to be locked and published. <paramref name="submittedOn"/> is the
    /// first submission's date the file gives (null: on time), <paramref name="deadline"/> an
    /// extended deadline. A month already holding data is replaced only when <paramref name="replace"/>
    /// says so, and never when locked or disputed; the replaced entries go, evidence stays.
    /// </summary>
    public void Import(MonthFramework month, IReadOnlyList<EntryInput> inputs, DateOnly? submittedOn, DateOnly? deadline, bool replace, string who, DateTime utcNow)
    {
        Same(month);
        ArgumentNullException.ThrowIfNull(inputs);
        if (Status is SubmissionStatus.Locked)
        {
            throw new DomainException("Import.MonthLocked", UnitCode, Month);
        }

        if (Status is SubmissionStatus.Disputed)
        {
            throw new DomainException("Import.MonthDisputed", UnitCode, Month);
        }

        var holdsData = Status != SubmissionStatus.NotStarted || entries.Count > 0;
        if (holdsData && !replace)
        {
            throw new DomainException("Import.MonthHasData", UnitCode, Month);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var criterion = month.FindDue(input.Criterion) ?? throw new DomainException("Entry.UnknownCriterion", input.Criterion, Month);
            if (!seen.Add(input.Criterion))
            {
                throw new DomainException("Entry.Twice", input.Criterion);
            }

            if ((input.Value?.Length ?? 0) > MaxValueLength || (input.Denominator?.Length ?? 0) > MaxValueLength
                || EntryCheck.Value(criterion, input.Value, input.Denominator, out _) is not null)
            {
                throw new DomainException("Import.InvalidValue", UnitCode, Month, input.Criterion);
            }
        }

        var old = StatusName;
        var oldCount = entries.Count;
        entries.Clear();
        foreach (var input in inputs)
        {
            var entry = SubmissionEntry.For(input.Criterion);
            entry.Take(Clean(input.Value), Clean(input.Denominator), Clean(input.Note));
            entries.Add(entry);
        }

        FirstSubmittedOn = submittedOn;
        FirstSubmittedAtUtc = submittedOn is { } on ? VietnamTime.ToUtc(on, new TimeOnly(12, 0)) : null;
        LastSubmittedAtUtc = FirstSubmittedAtUtc;
        LastSubmittedBy = who;
        ExtendedDeadline = deadline;
        ExtensionReason = deadline is null ? null : "Nhập từ bảng tính (imported)";
        MissingReason = null;
        VerifiedAtUtc = utcNow;
        VerifiedOn = VietnamTime.DateOf(utcNow);
        VerifiedBy = who;
        var summary = string.Create(CultureInfo.InvariantCulture, $"{entries.Count} entries")
            + (submittedOn is { } date ? string.Create(CultureInfo.InvariantCulture, $", submitted on {date:yyyy-MM-dd}") : "")
            + (deadline is { } until ? string.Create(CultureInfo.InvariantCulture, $", deadline {until:yyyy-MM-dd}") : "");
        if (holdsData)
        {
            Record("submission.import-replaced", who, utcNow, string.Create(CultureInfo.InvariantCulture, $"{old}, {oldCount} entries"),
                $"{nameof(SubmissionStatus.Verified)}, {summary}", "replace");
        }
        else
        {
            Record("submission.imported", who, utcNow, old, $"{nameof(SubmissionStatus.Verified)}, {summary}", null);
        }

        Status = SubmissionStatus.Verified;
        Touch(who, utcNow);
    }

    /// <summary>The month is locked and published: a verified or missing submission becomes locked.</summary>
    public void Lock(string who, DateTime utcNow)
    {
        if (Status == SubmissionStatus.Disputed)
        {
            throw new DomainException("Lock.OpenDispute", UnitCode);
        }

        if (Status is not (SubmissionStatus.Verified or SubmissionStatus.Missing))
        {
            throw new DomainException("Lock.NotVerified", UnitCode, Status);
        }

        LockedFrom = Status;
        LockedAtUtc = utcNow;
        Record("submission.locked", who, utcNow, StatusName, nameof(SubmissionStatus.Locked), null);
        Status = SubmissionStatus.Locked;
        Touch(who, utcNow);
    }

    /// <summary>An administrator reopens the locked month, with a reason: the submission goes back to where it was.</summary>
    public void Reopen(string reason, string who, DateTime utcNow)
    {
        RequireStatus("Submission.NotLocked", SubmissionStatus.Locked);
        reason = RequireReason(reason);
        var back = LockedFrom ?? SubmissionStatus.Verified;
        Record("submission.reopened", who, utcNow, StatusName, back.ToString(), reason);
        Status = back;
        LockedFrom = null;
        LockedAtUtc = null;
        Touch(who, utcNow);
    }

    /// <summary>
    /// A verifier extends this unit's deadline for the month, with a reason; lateness then counts
    /// from the new date. Not once the month is closed out or locked.
    /// </summary>
    public void ExtendDeadline(MonthFramework month, DateOnly deadline, string reason, string who, DateTime utcNow)
    {
        Same(month);
        if (Status is SubmissionStatus.Locked or SubmissionStatus.Missing)
        {
            throw new DomainException("Extension.Closed", Status);
        }

        // Never earlier than what applies now: an extension cannot make a unit late after the fact.
        var current = DeadlineIn(month);
        if (deadline <= current)
        {
            throw new DomainException("Extension.NotLater", current);
        }

        reason = RequireReason(reason);
        var old = ExtendedDeadline ?? month.Deadline;
        ExtendedDeadline = deadline;
        ExtensionReason = reason;
        Record("submission.deadline-extended", who, utcNow, old.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), reason);
        Touch(who, utcNow);
    }

    /// <summary>Attaches a stored file as evidence of a due criterion.</summary>
    public EvidenceFile AttachFile(MonthFramework month, string criterion, StoredFile file, string who, DateTime utcNow)
    {
        Same(month);
        ArgumentNullException.ThrowIfNull(file);
        RequireEvidenceEditable(month, criterion);
        if (files.Count(f => f.Criterion == criterion) >= MaxFilesPerCriterion)
        {
            throw new DomainException("Evidence.TooManyFiles", criterion, MaxFilesPerCriterion);
        }

        if (files.Any(f => f.Criterion == criterion && f.Sha256 == file.Sha256))
        {
            throw new DomainException("Evidence.SameFile", criterion, file.FileName);
        }

        var attached = EvidenceFile.Create(criterion, file, who, utcNow);
        files.Add(attached);
        Record("evidence.attached", who, utcNow, null, $"{file.FileName} ({file.Size} bytes, sha256 {file.Sha256})", null, criterion);
        Touch(who, utcNow);
        return attached;
    }

    public void RemoveFile(int fileId, string who, DateTime utcNow)
    {
        RequireEditable();
        var file = files.FirstOrDefault(f => f.Id == fileId) ?? throw new DomainException("Evidence.NotFound");
        files.Remove(file);
        Record("evidence.removed", who, utcNow, $"{file.FileName} (sha256 {file.Sha256})", null, null, file.Criterion);
        Touch(who, utcNow);
    }

    /// <summary>Gives an official document (number, date, issuer) as evidence of a due criterion.</summary>
    public EvidenceReference AddReference(MonthFramework month, string criterion, string number, DateOnly issuedOn, string issuer, string who, DateTime utcNow)
    {
        Same(month);
        RequireEvidenceEditable(month, criterion);
        number = number?.Trim() ?? "";
        issuer = issuer?.Trim() ?? "";
        if (number.Length == 0 || issuer.Length == 0)
        {
            throw new DomainException("Evidence.ReferenceIncomplete", criterion);
        }

        if (number.Length > EvidenceReference.MaxNumberLength || issuer.Length > EvidenceReference.MaxIssuerLength)
        {
            throw new DomainException("Evidence.ReferenceTooLong", criterion, EvidenceReference.MaxNumberLength, EvidenceReference.MaxIssuerLength);
        }

        if (issuedOn > VietnamTime.DateOf(utcNow) || issuedOn.Year < 1945)
        {
            throw new DomainException("Evidence.ReferenceDate", criterion);
        }

        if (references.Count(r => r.Criterion == criterion) >= MaxReferencesPerCriterion)
        {
            throw new DomainException("Evidence.TooManyReferences", criterion, MaxReferencesPerCriterion);
        }

        var reference = EvidenceReference.Create(criterion, number, issuedOn, issuer, who, utcNow);
        references.Add(reference);
        Record("evidence.referenced", who, utcNow, null, reference.ToString(), null, criterion);
        Touch(who, utcNow);
        return reference;
    }

    public void RemoveReference(int referenceId, string who, DateTime utcNow)
    {
        RequireEditable();
        var reference = references.FirstOrDefault(r => r.Id == referenceId) ?? throw new DomainException("Evidence.NotFound");
        references.Remove(reference);
        Record("evidence.reference-removed", who, utcNow, reference.ToString(), null, null, reference.Criterion);
        Touch(who, utcNow);
    }

    /// <summary>
    /// The month's answers as the engine takes them: the appraised inputs (<paramref name="appraised"/>)
    /// or the unit's own, each parsed; values the engine cannot take are left out (a due criterion
    /// without a row scores 0). The date of the first submission and any extended deadline go with them.
    /// </summary>
    public MonthEntries ToEngine(MonthFramework month, bool appraised, DateOnly? submittedOn = null)
    {
        Same(month);
        var answers = new List<CriterionAnswer>(entries.Count);
        foreach (var entry in entries)
        {
            var (value, denominator) = appraised ? entry.Final : (entry.Value, entry.Denominator);
            if (month.FindDue(entry.Criterion) is { } criterion && EntryCheck.Value(criterion, value, denominator, out var parsed) is null)
            {
                answers.Add(new CriterionAnswer(entry.Criterion, parsed));
            }
        }

        return new MonthEntries(UnitCode, Month, submittedOn ?? FirstSubmittedOn, ExtendedDeadline, answers);
    }

    IReadOnlyList<AuditRecord> IAudited.TakeAuditRecords()
    {
        var taken = audit.ToList();
        audit.Clear();
        return taken;
    }

    private string StatusName => Status.ToString();

    private MonthFramework Same(MonthFramework month)
    {
        ArgumentNullException.ThrowIfNull(month);
        if (month.Campaign.Id != CampaignId || month.Month != Month)
        {
            throw new ArgumentException($"The framework is for {month.Campaign.Id} month {month.Month}, not {CampaignId} month {Month}.", nameof(month));
        }

        return month;
    }

    private void RequireEditable()
    {
        if (!IsEditableByUnit)
        {
            throw new DomainException("Submission.NotEditable", Status);
        }
    }

    private void RequireEvidenceEditable(MonthFramework month, string criterion)
    {
        if (Status is not (SubmissionStatus.Draft or SubmissionStatus.Returned))
        {
            throw new DomainException(Status == SubmissionStatus.NotStarted ? "Evidence.SaveFirst" : "Submission.NotEditable", Status);
        }

        if (month.FindDue(criterion) is null)
        {
            throw new DomainException("Entry.UnknownCriterion", criterion, Month);
        }
    }

    private void RequireStatus(string key, SubmissionStatus wanted)
    {
        if (Status != wanted)
        {
            throw new DomainException(key, Status);
        }
    }

    private SubmissionEntry RequireEntry(string criterion) =>
        EntryFor(criterion) ?? throw new DomainException("Entry.UnknownCriterion", criterion, Month);

    private static void RequireLength(string text, string key, string criterion)
    {
        if (text.Length > MaxReasonLength)
        {
            throw new DomainException(key, criterion, MaxReasonLength);
        }
    }

    private static string RequireReason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Reason.Required");
        }

        reason = reason.Trim();
        return reason.Length <= MaxReasonLength ? reason : throw new DomainException("Reason.TooLong", "", MaxReasonLength);
    }

    private void CheckAdjustment(MonthFramework month, string criterion, string? value, string? denominator, string? reason)
    {
        RequireEntry(criterion);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Adjustment.NoReason", criterion);
        }

        RequireLength(reason.Trim(), "Reason.TooLong", criterion);
        var due = month.FindDue(criterion) ?? throw new DomainException("Entry.UnknownCriterion", criterion, Month);
        if ((value?.Length ?? 0) > MaxValueLength || (denominator?.Length ?? 0) > MaxValueLength
            || EntryCheck.Value(due, value, denominator, out _) is not null)
        {
            throw new DomainException("Adjustment.Invalid", criterion);
        }
    }

    private void Adjust(string criterion, string? value, string? denominator, string reason, string who, DateTime utcNow)
    {
        var entry = RequireEntry(criterion);
        var (oldValue, oldDenominator) = entry.Final;
        entry.Appraise(Clean(value), Clean(denominator), reason.Trim(), who, utcNow);
        Record("entry.adjusted", who, utcNow, Inputs(oldValue, oldDenominator), Inputs(entry.AppraisedValue, entry.AppraisedDenominator), reason.Trim(), criterion);
    }

    private void Touch(string who, DateTime utcNow)
    {
        Version++;
        UpdatedAtUtc = utcNow;
        UpdatedBy = who;
    }

    private void Record(string action, string who, DateTime utcNow, string? oldValue, string? newValue, string? reason, string? criterion = null) =>
        audit.Add(new AuditRecord(action, who, utcNow, criterion is null ? AuditName : $"{AuditName}/{criterion}", oldValue, newValue, reason, UnitId, Month));

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string? Inputs(string? value, string? denominator) =>
        value is null && denominator is null ? null : denominator is null ? value : $"{value} / {denominator}";
}
