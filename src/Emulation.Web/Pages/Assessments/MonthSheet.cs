using System.Globalization;
using Emulation.Core.Campaigns;
using Emulation.Core.Entries;
using Emulation.Core.Scoring;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;

namespace Emulation.Web.Pages.Assessments;

/// <summary>
/// One unit's month as people read it: the framework's due criteria grouped by area, what the unit
/// typed, the verifier's appraisal beside it, evidence, findings and disputes, and the points the
/// engine gives — self and appraised. The month page, its print layout and the verifier's review
/// all show this one projection.
/// </summary>
public sealed record MonthSheet(
    string UnitCode,
    string UnitName,
    string? Block,
    string CampaignId,
    string CampaignTitle,
    int Year,
    int Month,
    SubmissionStatus Status,
    int Version,
    DateOnly Deadline,
    DateOnly CampaignDeadline,
    string? ExtensionReason,
    DateOnly Today,
    DateOnly? FirstSubmittedOn,
    int DaysLate,
    int VersionCount,
    DateTime? LastSubmittedAtUtc,
    string? LastSubmittedBy,
    DateOnly? VerifiedOn,
    string? VerifiedBy,
    DateTime? ReturnedAtUtc,
    string? ReturnedBy,
    DateOnly? DisputeUntil,
    string? MissingReason,
    DateTime? UpdatedAtUtc,
    IReadOnlyList<SheetArea> Areas,
    SheetScore Self,
    SheetScore? Appraised,
    IReadOnlyList<SheetDispute> Disputes,
    IReadOnlyList<EntryProblem> Problems)
{
    /// <summary>Days left until the deadline (negative once it has passed).</summary>
    public int DaysLeft => Deadline.DayNumber - Today.DayNumber;

    public bool Extended => Deadline != CampaignDeadline;

    public bool HasFindings => Areas.SelectMany(a => a.Rows).Any(r => r.Finding is not null);

    public IEnumerable<SheetRow> Leaves => Areas.SelectMany(a => a.Rows).Where(r => r.IsLeaf);

    public static MonthSheet Build(UnitMonth loaded, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var month = loaded.Month;
        var campaign = month.Campaign;
        var submission = loaded.Submission;
        var status = submission?.Status ?? SubmissionStatus.NotStarted;

        // The self score as if submitted today while it is not submitted yet: the unit sees what lateness would cost.
        var selfEntries = submission?.ToEngine(month, appraised: false, submittedOn: submission.FirstSubmittedOn ?? today);
        var self = ScoringEngine.ScoreMonth(campaign, month.UnitKind, month.Month,
            selfEntries ?? new MonthEntries(loaded.Unit.Code, month.Month, today, null, []));
        var countsAsMissing = status == SubmissionStatus.Missing || submission?.LockedFrom == SubmissionStatus.Missing;
        var appraisedResult = countsAsMissing
            ? ScoringEngine.ScoreMonth(campaign, month.UnitKind, month.Month, null)
            : status is SubmissionStatus.Verified or SubmissionStatus.Disputed or SubmissionStatus.Locked
                ? ScoringEngine.ScoreMonth(campaign, month.UnitKind, month.Month, submission!.ToEngine(month, appraised: true))
                : null;

        var selfPoints = self.Criteria.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var appraisedPoints = appraisedResult?.Criteria.ToDictionary(c => c.Code, StringComparer.Ordinal);
        var areas = new List<SheetArea>();
        foreach (var area in month.Framework.Areas)
        {
            var rows = new List<SheetRow>();
            foreach (var criterion in area.Criteria)
            {
                AddRows(rows, criterion, 0, month, submission, selfPoints, appraisedPoints);
            }

            if (rows.Count == 0)
            {
                continue;
            }

            var selfArea = self.Areas.First(a => a.Code == area.Code);
            var appraisedArea = appraisedResult?.Areas.First(a => a.Code == area.Code);
            areas.Add(new SheetArea(area.Code, area.Title.For(CultureInfo.CurrentUICulture), area.Max, selfArea.DueMax, rows, selfArea.Subtotal, appraisedArea?.Subtotal));
        }

        var disputes = submission?.Disputes.OrderBy(d => d.LodgedAtUtc).ThenBy(d => d.Id)
            .Select(d => new SheetDispute(d.Id, d.Criterion, d.Reason, d.LodgedBy, d.LodgedAtUtc, d.Decision, d.Answer, d.AnsweredBy, d.AnsweredAtUtc))
            .ToList() ?? [];

        return new MonthSheet(
            loaded.Unit.Code, loaded.UnitName, loaded.Block, campaign.Id, campaign.Title.For(CultureInfo.CurrentUICulture), campaign.Year, month.Month,
            status, submission?.Version ?? 0, submission?.DeadlineIn(month) ?? month.Deadline, month.Deadline, submission?.ExtensionReason, today,
            submission?.FirstSubmittedOn, submission?.DaysLate(month) ?? 0, submission?.VersionCount ?? 0,
            submission?.LastSubmittedAtUtc, submission?.LastSubmittedBy, submission?.VerifiedOn, submission?.VerifiedBy,
            submission?.ReturnedAtUtc, submission?.ReturnedBy, submission?.DisputeUntil(month), submission?.MissingReason,
            submission?.UpdatedAtUtc, areas, SheetScore.Of(self), appraisedResult is null ? null : SheetScore.Of(appraisedResult), disputes,
            submission?.Problems(month) ?? [.. month.DueLeaves.Select(l => new EntryProblem(l.Code, EntryPart.Value, "Entry.Missing", [l.Code]))]);
    }

    private static void AddRows(List<SheetRow> rows, Criterion criterion, int depth, MonthFramework month, Submission? submission,
        Dictionary<string, CriterionResult> self, Dictionary<string, CriterionResult>? appraised)
    {
        var culture = CultureInfo.CurrentUICulture;
        if (!criterion.IsLeaf)
        {
            var at = rows.Count;
            foreach (var child in criterion.Children)
            {
                AddRows(rows, child, depth + 1, month, submission, self, appraised);
            }

            if (rows.Count > at)
            {
                rows.Insert(at, new SheetRow(criterion.Code, criterion.Title.For(culture), depth, false, criterion, criterion.Description?.For(culture),
                    self[criterion.Code].DueMax, null, null, null, false, null, null, null, null, [], [], self[criterion.Code].Points, appraised?[criterion.Code].Points));
            }

            return;
        }

        if (month.FindDue(criterion.Code) is null)
        {
            return;
        }

        var entry = submission?.EntryFor(criterion.Code);
        var files = submission?.Files.Where(f => f.Criterion == criterion.Code).OrderBy(f => f.UploadedAtUtc).ThenBy(f => f.Id)
            .Select(f => new SheetFile(f.Id, f.FileName, f.Size, f.ContentType, f.UploadedBy, f.UploadedAtUtc)).ToList() ?? [];
        var references = submission?.References.Where(r => r.Criterion == criterion.Code).OrderBy(r => r.AddedAtUtc).ThenBy(r => r.Id)
            .Select(r => new SheetReference(r.Id, r.Number, r.IssuedOn, r.Issuer)).ToList() ?? [];
        rows.Add(new SheetRow(criterion.Code, criterion.Title.For(culture), depth, true, criterion, criterion.Description?.For(culture),
            self[criterion.Code].DueMax, entry?.Value, entry?.Denominator, entry?.Note, entry?.Adjusted ?? false, entry?.AppraisedValue, entry?.AppraisedDenominator,
            entry?.AdjustmentReason, entry?.Finding, files, references,
            entry is null ? null : self[criterion.Code].Points, appraised?[criterion.Code].Points));
    }
}

/// <summary>An area of the month: its rows (parents as headings, then due leaves) and subtotals.</summary>
public sealed record SheetArea(string Code, string Title, decimal Max, decimal DueMax, IReadOnlyList<SheetRow> Rows, decimal SelfSubtotal, decimal? AppraisedSubtotal);

/// <summary>A criterion of the month: a parent heading or a due leaf with the unit's answer and the appraisal.</summary>
public sealed record SheetRow(
    string Code,
    string Title,
    int Depth,
    bool IsLeaf,
    Criterion Criterion,
    string? Description,
    decimal DueMax,
    string? Value,
    string? Denominator,
    string? Note,
    bool Adjusted,
    string? AppraisedValue,
    string? AppraisedDenominator,
    string? AdjustmentReason,
    string? Finding,
    IReadOnlyList<SheetFile> Files,
    IReadOnlyList<SheetReference> References,
    decimal? SelfPoints,
    decimal? AppraisedPoints)
{
    public ScoringMethod? Method => Criterion.Method;
    public bool EvidenceRequired => Criterion.EvidenceRequired;
    public bool HasEvidence => Files.Count > 0 || References.Count > 0;

    /// <summary>The inputs that count: the appraised ones when adjusted, else the unit's.</summary>
    public (string? Value, string? Denominator) Final => Adjusted ? (AppraisedValue, AppraisedDenominator) : (Value, Denominator);
}

public sealed record SheetFile(int Id, string Name, long Size, string ContentType, string UploadedBy, DateTime UploadedAtUtc);

public sealed record SheetReference(int Id, string Number, DateOnly IssuedOn, string Issuer);

public sealed record SheetDispute(int Id, string Criterion, string Reason, string LodgedBy, DateTime LodgedAtUtc, DisputeDecision? Decision, string? Answer, string? AnsweredBy, DateTime? AnsweredAtUtc);

/// <summary>A month's score: raw points, due maximum, lateness and total, with the area subtotals.</summary>
public sealed record SheetScore(bool Missing, decimal Raw, decimal DueMax, decimal Normalised, decimal Lateness, int DaysLate, decimal Total)
{
    public static SheetScore Of(MonthResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new SheetScore(result.Missing, result.Raw, result.DueMax, result.Normalised, result.LatenessDeduction, result.DaysLate, result.Total);
    }
}

/// <summary>How an answer reads: "Có", "B — Khá", "13.877 / 16.032 (86,56 %)", "2,5 điểm" …; what was typed when it does not parse.</summary>
public static class Answers
{
    public static string Display(Criterion criterion, string? value, string? denominator, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        ArgumentNullException.ThrowIfNull(text);
        if (string.IsNullOrWhiteSpace(value) && string.IsNullOrWhiteSpace(denominator))
        {
            return "—";
        }

        var culture = CultureInfo.CurrentCulture;
        var parsed = EntryValueParser.Parse(criterion, value, denominator);
        if (!parsed.Succeeded)
        {
            return denominator is null ? $"“{value}”" : $"“{value}” / “{denominator}”";
        }

        var v = parsed.Value;
        return criterion.Method switch
        {
            BinaryMethod => v.Number == 1 ? text("Answer.Yes") : text("Answer.No"),
            LevelsMethod levels when levels.Find(v.Option!) is { } option => $"{option.Code} — {option.Title.For(CultureInfo.CurrentUICulture)}",
            RatioMethod => v.Denominator is > 0 and var below
                ? $"{Number(v.Number)} / {Number(below)} ({(v.Number / below).ToString("P2", culture)})"
                : $"{Number(v.Number)} / {Number(v.Denominator ?? 0)}",
            ManualMethod => string.Format(culture, text("Answer.Points"), Number(v.Number)),
            _ => Number(v.Number),
        };
    }

    public static string Number(decimal value) => value.ToString(value == decimal.Truncate(value) ? "N0" : "#,##0.##", CultureInfo.CurrentCulture);

    public static string Points(decimal value) => value.ToString("N2", CultureInfo.CurrentCulture);
}
