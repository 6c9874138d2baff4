using System.Globalization;
using Emulation.Core.Campaigns;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;

namespace Emulation.Web.Data.Seeding;

/// <summary>
/// Writes one unit's demo year through the submission's own transitions, at the times an office
/// would act: the staff save a draft and give the evidence a few days before the head submits
/// (most on days 1–5 of the next month, a few late), Sở Nội vụ verifies 2–6 days later, now and
/// then with an adjustment. The open month (the demo date's) is left not started, a draft or
/// submitted. The stories the demo shows (a return, a dispute, an extension) are written here too.
/// </summary>
internal sealed class DemoUnitYear(Campaign campaign, DemoUnit unit, string verifier)
{
    /// <summary>The month of the demo date: still open, nothing in it verified.</summary>
    public static int OpenMonth => EmulationOptions.DemoToday.Month;

    /// <summary>The last day anything happened: the day before the demo date, so nothing lies in the demo's future.</summary>
    private static DateOnly LastActiveDay => DemoCalendar.WorkdayOnOrBefore(EmulationOptions.DemoToday.AddDays(-1));

    /// <summary>The month's submission, or null when the unit has not started it.</summary>
    public Submission? Write(int month)
    {
        var framework = MonthFramework.For(campaign, unit.Kind, month);
        if (month >= OpenMonth)
        {
            return Open(framework);
        }

        return (unit.Code, month) switch
        {
            (DemoHistorySeeder.ReturnedUnit, DemoHistorySeeder.ReturnedMonth) => ReturnedAndResubmitted(framework),
            (DemoHistorySeeder.DisputedUnit, DemoHistorySeeder.DisputedMonth) => VerifiedThenDisputed(framework),
            (DemoHistorySeeder.ExtendedUnit, DemoHistorySeeder.ExtendedMonth) => ExtendedForTet(framework),
            _ => Verified(framework),
        };
    }

    /// <summary>
    /// Sở Nội vụ answers the disputes lodged on <paramref name="submission"/> (they need their
    /// stored ids): it checked the unit's records and takes the unit's own figures back.
    /// </summary>
    public void AnswerDisputes(Submission submission)
    {
        var framework = MonthFramework.For(campaign, unit.Kind, submission.Month);
        foreach (var dispute in submission.Disputes.Where(d => d.IsOpen).ToList())
        {
            var entry = submission.EntryFor(dispute.Criterion)!;
            var day = DemoCalendar.WorkdayOnOrAfter(VietnamTime.DateOf(dispute.LodgedAtUtc).AddDays(1));
            submission.AnswerDispute(framework, dispute.Id, DisputeDecision.Changed, entry.Value, entry.Denominator,
                "Đã đối chiếu sổ theo dõi hồ sơ, phiếu hẹn trả kết quả và xác nhận của Văn phòng Đăng ký đất đai; chấp nhận giải trình, tính lại theo số liệu của đơn vị",
                verifier, DemoCalendar.At(day, 120));
        }
    }

    private Submission Verified(MonthFramework month)
    {
        var (submission, _, inputs, verifiedAt) = Submitted(month);
        submission.Verify(month, Adjustments(month, inputs), verifier, verifiedAt);
        return submission;
    }

    /// <summary>
    /// The month drafted, given its evidence and submitted, mostly on days 1–5 of the next month,
    /// and the time Sở Nội vụ verifies it (2–6 days later).
    /// </summary>
    private (Submission Submission, DemoAnswers Answers, IReadOnlyList<EntryInput> Inputs, DateTime VerifiedAt) Submitted(MonthFramework month)
    {
        var timing = DemoDice.For(unit.Key, month.Month, "timing");
        var answers = new DemoAnswers(unit, month.Month);
        var inputs = answers.For(month.DueLeaves);
        // Weaker units are the ones that miss the deadline: 3–4 % of the months in all.
        var late = timing.Chance(0.08 * (1 - unit.Quality));
        var submittedOn = late
            ? timing.WorkdayBetween(month.Deadline.AddDays(1), month.Deadline.AddDays(4))
            : timing.WorkdayBetween(month.Deadline.AddDays(1 - month.Deadline.Day), month.Deadline);
        var submission = Drafted(month, answers, inputs, DraftDay(timing, submittedOn), timing);
        submission.Submit(month, unit.Head, timing.During(submittedOn));
        var verifiedOn = timing.WorkdayBetween(submittedOn.AddDays(2), submittedOn.AddDays(6));
        return (submission, answers, inputs, timing.During(verifiedOn));
    }

    /// <summary>About one verification in fifteen lowers one answer, more often for weaker units.</summary>
    private List<Adjustment> Adjustments(MonthFramework month, IReadOnlyList<EntryInput> inputs)
    {
        var appraisal = DemoDice.For(unit.Key, month.Month, "appraisal");
        return appraisal.Chance(0.14 * (1 - unit.Quality)) && DemoAnswers.Lowering(month, inputs, appraisal) is { } adjustment
            ? [adjustment]
            : [];
    }

    /// <summary>
    /// The story of a dispute: Sở Nội vụ lowers the on-time dossiers to what the one-stop software
    /// shows; two days later the unit disputes it, explaining that a synchronisation fault marked
    /// dossiers late that were returned on time. The verifier answers once the dispute is stored
    /// (<see cref="AnswerDisputes"/>).
    /// </summary>
    private Submission VerifiedThenDisputed(MonthFramework month)
    {
        const int faulty = 37;
        var (submission, answers, _, verifiedAt) = Submitted(month);
        var software = answers.OneStop.OnTime - faulty;
        submission.Verify(month,
            [new Adjustment(DemoAnswers.OnTime, DemoAnswers.Number(software), DemoAnswers.Number(answers.OneStop.Resolved),
                $"Số hồ sơ giải quyết đúng hạn và trước hạn chưa khớp với phần mềm một cửa điện tử (phần mềm ghi nhận {software.ToString("N0", Localization.Vietnamese)} hồ sơ)")],
            verifier, verifiedAt);
        var disputedOn = DemoCalendar.WorkdayOnOrAfter(VietnamTime.DateOf(verifiedAt).AddDays(2));
        submission.Dispute(month,
            [new DisputeInput(DemoAnswers.OnTime,
                $"{faulty} hồ sơ đất đai được phần mềm ghi nhận trễ hạn do lỗi đồng bộ dữ liệu giữa phần mềm một cửa điện tử và hệ thống của Văn phòng Đăng ký đất đai; thực tế đã trả kết quả đúng hẹn (gửi kèm sổ theo dõi hồ sơ và phiếu hẹn trả kết quả)")],
            unit.Head, DemoCalendar.At(disputedOn, 90));
        return submission;
    }

    /// <summary>
    /// The story of a return: the first version counts more dossiers and outgoing documents than
    /// the registers show; Sở Nội vụ returns it with two findings, the staff correct the figures
    /// and add the software's extract, the head resubmits the same day, and it is verified.
    /// </summary>
    private Submission ReturnedAndResubmitted(MonthFramework month)
    {
        var timing = DemoDice.For(unit.Key, month.Month, "timing");
        var answers = new DemoAnswers(unit, month.Month);
        var corrected = answers.For(month.DueLeaves);
        const string outgoing = "7.1.1";
        var first = corrected.Select(a => a.Criterion switch
        {
            DemoAnswers.OnTime => a with { Denominator = DemoAnswers.Number(long.Parse(a.Denominator!, CultureInfo.InvariantCulture) + 180) },
            outgoing => a with { Denominator = DemoAnswers.Number(long.Parse(a.Denominator!, CultureInfo.InvariantCulture) + 40) },
            _ => a,
        }).ToList();

        var submittedOn = timing.WorkdayBetween(month.Deadline.AddDays(-3), month.Deadline);
        var submission = Drafted(month, answers, first, DraftDay(timing, submittedOn), timing);
        submission.Submit(month, unit.Head, DemoCalendar.At(submittedOn, 60));

        var returnedOn = DemoCalendar.WorkdayOnOrAfter(submittedOn.AddDays(1));
        submission.Return(
        [
            new Finding(DemoAnswers.OnTime, "Số hồ sơ đã giải quyết chưa khớp với báo cáo kiểm soát thủ tục hành chính trong tháng của huyện; đề nghị rà soát, nhập lại theo số liệu của phần mềm một cửa điện tử và gửi kèm bản trích xuất."),
            new Finding(outgoing, "Tổng số văn bản đi trong tháng chưa khớp với sổ đăng ký văn bản đi; đề nghị kiểm tra lại."),
        ], verifier, DemoCalendar.At(returnedOn, 150));

        var correctedOn = DemoCalendar.WorkdayOnOrAfter(returnedOn.AddDays(1));
        var correctedAt = DemoCalendar.At(correctedOn, 45);
        var note = $"Đã điều chỉnh theo ý kiến của Sở Nội vụ ngày {returnedOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}";
        submission.SaveDraft(month,
            [.. corrected.Where(a => a.Criterion is DemoAnswers.OnTime or outgoing).Select(a => a with { Note = note })],
            unit.Staff, correctedAt);
        var (number, issuedOn) = answers.Document(month.FindDue(DemoAnswers.OnTime)!, correctedOn, nth: 2);
        submission.AddReference(month, DemoAnswers.OnTime, number, issuedOn, unit.Unit.NameVi, unit.Staff, correctedAt.AddMinutes(10));
        submission.Submit(month, unit.Head, correctedAt.AddHours(2));

        var verifiedOn = timing.WorkdayBetween(correctedOn.AddDays(2), correctedOn.AddDays(6));
        submission.Verify(month, [], verifier, timing.During(verifiedOn));
        return submission;
    }

    /// <summary>
    /// The story of an extension: Tết Đinh Dậu closed the offices from 26/1 to 1/2/2017; the unit
    /// saved its January draft before the holiday, Sở Nội vụ moved its deadline from 5/2 to 10/2,
    /// and the unit submitted on 8/2 — on time.
    /// </summary>
    private Submission ExtendedForTet(MonthFramework month)
    {
        var year = campaign.Year;
        var answers = new DemoAnswers(unit, month.Month);
        var timing = DemoDice.For(unit.Key, month.Month, "timing");
        var submission = Drafted(month, answers, answers.For(month.DueLeaves), new DateOnly(year, 1, 24), timing);
        submission.ExtendDeadline(month, new DateOnly(year, 2, 10),
            "Nghỉ Tết Nguyên đán Đinh Dậu (26/01–01/02/2017), đơn vị đề nghị gia hạn nộp bản tự chấm điểm tháng 01",
            verifier, DemoCalendar.At(new DateOnly(year, 2, 3), 75));
        submission.Submit(month, unit.Head, DemoCalendar.At(new DateOnly(year, 2, 8), 200));
        submission.Verify(month, [], verifier, DemoCalendar.At(new DateOnly(year, 2, 13), 100));
        return submission;
    }

    /// <summary>
    /// The open month: about a third not started, a third partly filled drafts, a third
    /// submitted on time and waiting for Sở Nội vụ.
    /// </summary>
    private Submission? Open(MonthFramework month)
    {
        var timing = DemoDice.For(unit.Key, month.Month, "timing");
        var roll = timing.NextDouble();
        var state = DemoHistorySeeder.OpenMonthStates.GetValueOrDefault(unit.Code,
            roll < 1 / 3d ? SubmissionStatus.NotStarted : roll < 2 / 3d ? SubmissionStatus.Draft : SubmissionStatus.Submitted);
        var answers = new DemoAnswers(unit, month.Month);
        switch (state)
        {
            case SubmissionStatus.Draft:
                // A draft typed part of the way: 40–80 % of the criteria, in form order.
                var due = month.DueLeaves;
                var share = timing.Between(0.4, 0.8);
                var typed = due.Select((leaf, i) => (leaf, i)).OrderBy(_ => timing.Next()).Take((int)Math.Round(due.Count * share))
                    .OrderBy(p => p.i).Select(p => p.leaf).ToList();
                var draftOn = timing.WorkdayBetween(LastActiveDay.AddDays(-7), LastActiveDay);
                return Drafted(month, answers, answers.For(typed), draftOn, timing, evidenceShare: 0.6);

            case SubmissionStatus.Submitted:
                var submittedOn = timing.WorkdayBetween(LastActiveDay.AddDays(-5), LastActiveDay);
                var submission = Drafted(month, answers, answers.For(month.DueLeaves), DraftDay(timing, submittedOn), timing);
                submission.Submit(month, unit.Head, timing.During(submittedOn));
                return submission;

            default:
                return null;
        }
    }

    /// <summary>A few working days before <paramref name="submittedOn"/>.</summary>
    private static DateOnly DraftDay(Random timing, DateOnly submittedOn)
    {
        var day = timing.WorkdayBetween(submittedOn.AddDays(-4), submittedOn.AddDays(-1));
        return day < submittedOn ? day : DemoCalendar.WorkdayOnOrBefore(submittedOn.AddDays(-1));
    }

    /// <summary>
    /// The month started and saved by the staff on <paramref name="day"/>, then the documents
    /// proving the criteria that require evidence (of those answered; each with
    /// <paramref name="evidenceShare"/> probability), a few minutes apart.
    /// </summary>
    private Submission Drafted(MonthFramework month, DemoAnswers answers, IReadOnlyList<EntryInput> inputs, DateOnly day, Random timing, double evidenceShare = 1)
    {
        var at = timing.During(day, 0, 390);
        var submission = Submission.Start(unit.Unit, month, at);
        submission.SaveDraft(month, inputs, unit.Staff, at);
        foreach (var input in inputs)
        {
            var leaf = month.FindDue(input.Criterion)!;
            if (!leaf.EvidenceRequired || !timing.Chance(evidenceShare))
            {
                continue;
            }

            at = at.AddMinutes(timing.From(2, 6));
            var (number, issuedOn) = answers.Document(leaf, day);
            submission.AddReference(month, leaf.Code, number, issuedOn, unit.Unit.NameVi, unit.Staff, at);
        }

        return submission;
    }
}
