using Emulation.Web.Domain;

namespace Emulation.Web.Infrastructure.Notifications;

/// <summary>
/// Which notices the audit lines of one submission, saved together, call for: a submission or
/// resubmission and a dispute tell the verifiers; a return, a verification, a later change of the
/// appraisal and answered disputes tell the unit's people. Pure: the audit lines in, the notices out.
/// </summary>
public static class SubmissionNotices
{
    // The actions Submission records (Domain/Submission.cs).
    public const string Submitted = "submission.submitted";
    public const string Resubmitted = "submission.resubmitted";
    public const string Returned = "submission.returned";
    public const string Verified = "submission.verified";
    public const string Reappraised = "submission.reappraised";
    public const string Disputed = "submission.disputed";
    public const string DisputesAnswered = "submission.disputes-answered";
    public const string DisputeAnswered = "entry.dispute-answered";
    private const string Adjusted = "entry.adjusted";
    private const string EntryDisputed = "entry.disputed";

    /// <summary>The actions that make a notice.</summary>
    public static IReadOnlySet<string> Actions { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Submitted, Resubmitted, Returned, Verified, Reappraised, Disputed, DisputesAnswered, DisputeAnswered,
    };

    /// <param name="submission">The submission the lines are about.</param>
    /// <param name="year">The campaign's year, for the texts.</param>
    /// <param name="lines">Its audit lines of one save (others are ignored).</param>
    public static IReadOnlyList<Notification> For(Submission submission, int year, IReadOnlyList<AuditEntry> lines)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(lines);
        var notices = new List<Notification>();
        Notification Notice(AuditEntry line, NoticeKind kind, NoticeAudience audience, string textKey, params object[] more) =>
            Notification.Create(line.AtUtc, kind, audience, submission.UnitId, submission.UnitCode, submission.CampaignId, submission.Month,
                textKey, [submission.Month, year, .. more]);
        int Together(AuditEntry line, string action) => lines.Count(l => l.Action == action && l.AtUtc == line.AtUtc);

        foreach (var line in lines)
        {
            switch (line.Action)
            {
                case Submitted:
                    notices.Add(Notice(line, NoticeKind.Submitted, NoticeAudience.Verifiers, "Notice.Submitted"));
                    break;
                case Resubmitted:
                    notices.Add(Notice(line, NoticeKind.Resubmitted, NoticeAudience.Verifiers, "Notice.Resubmitted"));
                    break;
                case Returned:
                    notices.Add(Notice(line, NoticeKind.Returned, NoticeAudience.Unit, "Notice.Returned"));
                    break;
                case Verified:
                    var adjusted = Together(line, Adjusted);
                    notices.Add(adjusted == 0
                        ? Notice(line, NoticeKind.Verified, NoticeAudience.Unit, "Notice.Verified")
                        : Notice(line, NoticeKind.Verified, NoticeAudience.Unit, "Notice.VerifiedAdjusted", adjusted));
                    break;
                case Reappraised:
                    notices.Add(Notice(line, NoticeKind.Reappraised, NoticeAudience.Unit, "Notice.Reappraised", Together(line, Adjusted)));
                    break;
                case Disputed:
                    notices.Add(Notice(line, NoticeKind.Disputed, NoticeAudience.Verifiers, "Notice.Disputed", Together(line, EntryDisputed)));
                    break;
            }
        }

        // Answers saved together make one notice: all answered (verified again) or some of them.
        var answers = lines.Where(l => l.Action == DisputeAnswered).ToList();
        if (answers.Count > 0)
        {
            var last = answers.MaxBy(l => l.AtUtc)!;
            notices.Add(lines.Any(l => l.Action == DisputesAnswered)
                ? Notice(last, NoticeKind.DisputeAnswered, NoticeAudience.Unit, "Notice.DisputesSettled", answers.Count)
                : Notice(last, NoticeKind.DisputeAnswered, NoticeAudience.Unit, "Notice.DisputeAnswered", answers.Count));
        }

        return notices;
    }
}
