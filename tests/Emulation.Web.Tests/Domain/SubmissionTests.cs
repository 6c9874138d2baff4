using System.Globalization;
using CsCheck;
using Emulation.Core.Campaigns;
using Emulation.Web.Domain;

namespace Emulation.Web.Tests.Domain;

/// <summary>
/// A unit's monthly submission and its workflow, on the shipped 2017 Tiền Giang campaign: the
/// district of Chợ Gạo in June 2017 (a quarter's end, so monthly, quarterly and June-only criteria
/// are due, the manual 5.4.3 among them), deadline 5 July 2017, dispute window 5 days. Every time
/// below is a Vietnam time (<see cref="At"/>).
/// </summary>
public sealed class SubmissionTests
{
    private const string Staff = "staff@chogao";
    private const string Head = "head@chogao";
    private const string Verifier = "verifier@snv";
    private const string Admin = "admin";

    private static readonly Campaign Campaign = CampaignLoader.LoadFile(Path.Combine(TestFolders.ShippedCriteria, "tien-giang-2017.json")).Value
        ?? throw new InvalidOperationException("The shipped campaign does not load.");

    private static readonly UnitKind DistrictKind = UnitKind.Create("district", "UBND cấp huyện", "District People's Committee");
    private static readonly UnitKind CommuneKind = UnitKind.Create("commune", "UBND cấp xã", "Commune People's Committee");
    private static readonly UnitKind DepartmentKind = UnitKind.Create("department", "Sở, ban, ngành tỉnh", "Provincial department");
    private static readonly Unit ChoGao = Unit.Create("CHOGAO", "UBND huyện Chợ Gạo", "Chợ Gạo District People's Committee", DistrictKind, new DateOnly(2008, 4, 1), new DateOnly(2025, 6, 30));
    private static readonly Unit LongBinhDien = Unit.Create("LBD", "UBND xã Long Bình Điền", "Long Bình Điền Commune People's Committee", CommuneKind, null, null);
    private static readonly Unit Justice = Unit.Create("STP", "Sở Tư pháp", "Department of Justice", DepartmentKind, null, null);

    private static readonly MonthFramework June = MonthFramework.For(Campaign, "district", 6);

    /// <summary>When the table's moves are made: after the deadline (5/7), within the dispute window (10/7–15/7).</summary>
    private static readonly DateTime MoveAt = At(7, 13);

    private static readonly DateOnly ExtendedTo = new(2017, 7, 20);

    public enum State
    {
        NotStarted,
        Draft,
        Submitted,
        Returned,
        Verified,
        Disputed,
        LockedFromVerified,
        LockedFromMissing,
        Missing,
    }

    public enum Move
    {
        SaveDraft,
        Submit,
        Return,
        Verify,
        Dispute,
        AnswerDispute,
        CloseOutAsMissing,
        Lock,
        Reopen,
        ExtendDeadline,
        AttachFile,
        AddReference,
    }

    // ───────────────────────────── the transition table ─────────────────────────────

    /// <summary>Every state × every move: the state it leads to, or the key of the refusal.</summary>
    public static TheoryData<State, Move, string> Transitions => new()
    {
        { State.NotStarted, Move.SaveDraft, "Draft" },
        { State.NotStarted, Move.Submit, "Submission.NothingToSubmit" },
        { State.NotStarted, Move.Return, "Submission.CannotReturn" },
        { State.NotStarted, Move.Verify, "Submission.CannotVerify" },
        { State.NotStarted, Move.Dispute, "Dispute.NotVerified" },
        { State.NotStarted, Move.AnswerDispute, "Dispute.NotDisputed" },
        { State.NotStarted, Move.CloseOutAsMissing, "Missing" },
        { State.NotStarted, Move.Lock, "Lock.NotVerified" },
        { State.NotStarted, Move.Reopen, "Submission.NotLocked" },
        { State.NotStarted, Move.ExtendDeadline, "NotStarted" },
        { State.NotStarted, Move.AttachFile, "Evidence.SaveFirst" },
        { State.NotStarted, Move.AddReference, "Evidence.SaveFirst" },

        { State.Draft, Move.SaveDraft, "Draft" },
        { State.Draft, Move.Submit, "Submitted" },
        { State.Draft, Move.Return, "Submission.CannotReturn" },
        { State.Draft, Move.Verify, "Submission.CannotVerify" },
        { State.Draft, Move.Dispute, "Dispute.NotVerified" },
        { State.Draft, Move.AnswerDispute, "Dispute.NotDisputed" },
        { State.Draft, Move.CloseOutAsMissing, "Missing" },
        { State.Draft, Move.Lock, "Lock.NotVerified" },
        { State.Draft, Move.Reopen, "Submission.NotLocked" },
        { State.Draft, Move.ExtendDeadline, "Draft" },
        { State.Draft, Move.AttachFile, "Draft" },
        { State.Draft, Move.AddReference, "Draft" },

        { State.Submitted, Move.SaveDraft, "Submission.NotEditable" },
        { State.Submitted, Move.Submit, "Submission.CannotSubmit" },
        { State.Submitted, Move.Return, "Returned" },
        { State.Submitted, Move.Verify, "Verified" },
        { State.Submitted, Move.Dispute, "Dispute.NotVerified" },
        { State.Submitted, Move.AnswerDispute, "Dispute.NotDisputed" },
        { State.Submitted, Move.CloseOutAsMissing, "Submission.CannotCloseOut" },
        { State.Submitted, Move.Lock, "Lock.NotVerified" },
        { State.Submitted, Move.Reopen, "Submission.NotLocked" },
        { State.Submitted, Move.ExtendDeadline, "Submitted" },
        { State.Submitted, Move.AttachFile, "Submission.NotEditable" },
        { State.Submitted, Move.AddReference, "Submission.NotEditable" },

        { State.Returned, Move.SaveDraft, "Returned" },
        { State.Returned, Move.Submit, "Submitted" },
        { State.Returned, Move.Return, "Submission.CannotReturn" },
        { State.Returned, Move.Verify, "Submission.CannotVerify" },
        { State.Returned, Move.Dispute, "Dispute.NotVerified" },
        { State.Returned, Move.AnswerDispute, "Dispute.NotDisputed" },
        { State.Returned, Move.CloseOutAsMissing, "Missing" },
        { State.Returned, Move.Lock, "Lock.NotVerified" },
        { State.Returned, Move.Reopen, "Submission.NotLocked" },
        { State.Returned, Move.ExtendDeadline, "Returned" },
        { State.Returned, Move.AttachFile, "Returned" },
        { State.Returned, Move.AddReference, "Returned" },

        { State.Verified, Move.SaveDraft, "Submission.NotEditable" },
        { State.Verified, Move.Submit, "Submission.CannotSubmit" },
        { State.Verified, Move.Return, "Submission.CannotReturn" },
        { State.Verified, Move.Verify, "Submission.CannotVerify" },
        { State.Verified, Move.Dispute, "Disputed" },
        { State.Verified, Move.AnswerDispute, "Dispute.NotDisputed" },
        { State.Verified, Move.CloseOutAsMissing, "Submission.CannotCloseOut" },
        { State.Verified, Move.Lock, "Locked" },
        { State.Verified, Move.Reopen, "Submission.NotLocked" },
        { State.Verified, Move.ExtendDeadline, "Verified" },
        { State.Verified, Move.AttachFile, "Submission.NotEditable" },
        { State.Verified, Move.AddReference, "Submission.NotEditable" },

        { State.Disputed, Move.SaveDraft, "Submission.NotEditable" },
        { State.Disputed, Move.Submit, "Submission.CannotSubmit" },
        { State.Disputed, Move.Return, "Submission.CannotReturn" },
        { State.Disputed, Move.Verify, "Submission.CannotVerify" },
        { State.Disputed, Move.Dispute, "Dispute.NotVerified" },
        { State.Disputed, Move.AnswerDispute, "Verified" },
        { State.Disputed, Move.CloseOutAsMissing, "Submission.CannotCloseOut" },
        { State.Disputed, Move.Lock, "Lock.OpenDispute" },
        { State.Disputed, Move.Reopen, "Submission.NotLocked" },
        { State.Disputed, Move.ExtendDeadline, "Disputed" },
        { State.Disputed, Move.AttachFile, "Submission.NotEditable" },
        { State.Disputed, Move.AddReference, "Submission.NotEditable" },

        { State.LockedFromVerified, Move.SaveDraft, "Submission.NotEditable" },
        { State.LockedFromVerified, Move.Submit, "Submission.CannotSubmit" },
        { State.LockedFromVerified, Move.Return, "Submission.CannotReturn" },
        { State.LockedFromVerified, Move.Verify, "Submission.CannotVerify" },
        { State.LockedFromVerified, Move.Dispute, "Dispute.NotVerified" },
        { State.LockedFromVerified, Move.AnswerDispute, "Dispute.NotDisputed" },
        { State.LockedFromVerified, Move.CloseOutAsMissing, "Submission.CannotCloseOut" },
        { State.LockedFromVerified, Move.Lock, "Lock.NotVerified" },
        { State.LockedFromVerified, Move.Reopen, "Verified" },
        { State.LockedFromVerified, Move.ExtendDeadline, "Extension.Closed" },
        { State.LockedFromVerified, Move.AttachFile, "Submission.NotEditable" },
        { State.LockedFromVerified, Move.AddReference, "Submission.NotEditable" },

        { State.LockedFromMissing, Move.SaveDraft, "Submission.NotEditable" },
        { State.LockedFromMissing, Move.Submit, "Submission.CannotSubmit" },
        { State.LockedFromMissing, Move.Return, "Submission.CannotReturn" },
        { State.LockedFromMissing, Move.Verify, "Submission.CannotVerify" },
        { State.LockedFromMissing, Move.Dispute, "Dispute.NotVerified" },
        { State.LockedFromMissing, Move.AnswerDispute, "Dispute.NotDisputed" },
        { State.LockedFromMissing, Move.CloseOutAsMissing, "Submission.CannotCloseOut" },
        { State.LockedFromMissing, Move.Lock, "Lock.NotVerified" },
        { State.LockedFromMissing, Move.Reopen, "Missing" },
        { State.LockedFromMissing, Move.ExtendDeadline, "Extension.Closed" },
        { State.LockedFromMissing, Move.AttachFile, "Submission.NotEditable" },
        { State.LockedFromMissing, Move.AddReference, "Submission.NotEditable" },

        { State.Missing, Move.SaveDraft, "Submission.NotEditable" },
        { State.Missing, Move.Submit, "Submission.CannotSubmit" },
        { State.Missing, Move.Return, "Submission.CannotReturn" },
        { State.Missing, Move.Verify, "Submission.CannotVerify" },
        { State.Missing, Move.Dispute, "Dispute.NotVerified" },
        { State.Missing, Move.AnswerDispute, "Dispute.NotDisputed" },
        { State.Missing, Move.CloseOutAsMissing, "Submission.CannotCloseOut" },
        { State.Missing, Move.Lock, "Locked" },
        { State.Missing, Move.Reopen, "Submission.NotLocked" },
        { State.Missing, Move.ExtendDeadline, "Extension.Closed" },
        { State.Missing, Move.AttachFile, "Submission.NotEditable" },
        { State.Missing, Move.AddReference, "Submission.NotEditable" },
    };

    [Fact]
    public void The_transition_table_covers_every_state_and_every_move()
    {
        var covered = Transitions.Select(row => ((State)row[0], (Move)row[1])).ToHashSet();

        var all = from state in Enum.GetValues<State>() from move in Enum.GetValues<Move>() select (state, move);
        Assert.Empty(all.Except(covered));
        Assert.Equal(Enum.GetValues<State>().Length * Enum.GetValues<Move>().Length, Transitions.Count);
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Each_move_from_each_state_is_allowed_or_refused_as_the_table_says(State state, Move move, string expected)
    {
        var submission = Reach(state);
        var before = Snapshot(submission);
        var version = submission.Version;

        var refusal = Record.Exception(() => Make(submission, move, MoveAt));

        var audit = TakeAudit(submission);
        if (Enum.TryParse<SubmissionStatus>(expected, out var status))
        {
            Assert.Null(refusal);
            Assert.Equal(status, submission.Status);
            Assert.Equal(version + 1, submission.Version);
            Assert.NotEmpty(audit);
            Assert.All(audit, line => Assert.Equal((MoveAt, ActorOf(move)), (line.AtUtc, line.Who)));
            Assert.Equal((MoveAt, ActorOf(move)), (submission.UpdatedAtUtc, submission.UpdatedBy));
        }
        else
        {
            Assert.Equal(expected, Assert.IsType<DomainException>(refusal).Key);
            Assert.Equal(before, Snapshot(submission));
            Assert.Empty(audit);
        }
    }

    [Fact]
    public void Every_status_change_in_any_sequence_of_moves_follows_the_workflow_and_is_versioned_and_audited()
    {
        // The workflow of criteria/README.md, and a reopened month that had been closed out going back to Missing.
        var edges = new HashSet<(SubmissionStatus, SubmissionStatus)>
        {
            (SubmissionStatus.NotStarted, SubmissionStatus.Draft),
            (SubmissionStatus.Draft, SubmissionStatus.Submitted),
            (SubmissionStatus.Returned, SubmissionStatus.Submitted),
            (SubmissionStatus.Submitted, SubmissionStatus.Returned),
            (SubmissionStatus.Submitted, SubmissionStatus.Verified),
            (SubmissionStatus.Verified, SubmissionStatus.Disputed),
            (SubmissionStatus.Disputed, SubmissionStatus.Verified),
            (SubmissionStatus.Verified, SubmissionStatus.Locked),
            (SubmissionStatus.Locked, SubmissionStatus.Verified),
            (SubmissionStatus.NotStarted, SubmissionStatus.Missing),
            (SubmissionStatus.Draft, SubmissionStatus.Missing),
            (SubmissionStatus.Returned, SubmissionStatus.Missing),
            (SubmissionStatus.Missing, SubmissionStatus.Locked),
            (SubmissionStatus.Locked, SubmissionStatus.Missing),
        };

        // From any state, moves each a few hours after the last (from 20/6 to some weeks after the deadline).
        Gen.Select(Gen.Enum<State>(), Gen.Select(Gen.Enum<Move>(), Gen.Int[1, 60]).Array[1, 40]).Sample((start, steps) =>
        {
            var submission = Reach(start);
            var at = At(6, 20);
            foreach (var (move, hours) in steps)
            {
                at = at.AddHours(hours);
                var (status, version, before) = (submission.Status, submission.Version, Snapshot(submission));

                var refusal = Record.Exception(() => Make(submission, move, at));

                var audit = TakeAudit(submission);
                if (refusal is null)
                {
                    Assert.True(status == submission.Status || edges.Contains((status, submission.Status)), $"{move}: {status} → {submission.Status}");
                    Assert.Equal(version + 1, submission.Version);
                    Assert.NotEmpty(audit);
                    Assert.All(audit, line => Assert.Equal((at, ActorOf(move)), (line.AtUtc, line.Who)));
                }
                else
                {
                    Assert.IsType<DomainException>(refusal);
                    Assert.Equal(before, Snapshot(submission));
                    Assert.Empty(audit);
                }
            }
        }, iter: 300);
    }

    // ───────────────────────────── drafts and problems ─────────────────────────────

    [Fact]
    public void A_complete_draft_has_no_problems()
    {
        var submission = Reach(State.Draft);

        Assert.Empty(submission.Problems(June));
        Assert.Equal(June.DueLeaves.Count, submission.Entries.Count);
    }

    [Theory]
    [InlineData("1.4", "ba", null, "Entry.NotNumber")] // letters in a number
    [InlineData("2.2.2", "9", "mười", "Entry.NotNumber")] // letters in a denominator
    [InlineData("1.4", "-2", null, "Entry.Negative")]
    [InlineData("1.4", "2.5", null, "Entry.NotWhole")]
    [InlineData("8.2.1.1", "12", "10", "Entry.NumeratorAboveDenominator")]
    [InlineData("8.2.1.1", "12", null, "Entry.MissingDenominator")]
    [InlineData("5.4.3", "2.25", null, "Entry.AboveMax")] // manual, max 2
    [InlineData("5.4.3", "1.3", null, "Entry.OffStep")] // manual, step 0.25
    [InlineData("1.2.1", "chưa", null, "Entry.NotYesNo")]
    [InlineData("2.1.2", "a", null, "Entry.NotOption")] // option codes are exact: A, B, C
    [InlineData("1.2.1", null, null, "Entry.Missing")] // an unanswered criterion
    public void A_draft_keeps_an_invalid_value_exactly_as_typed_and_lists_it_as_a_problem(string criterion, string? value, string? denominator, string problem)
    {
        var submission = Reach(State.Draft);

        submission.SaveDraft(June, [new EntryInput(criterion, value, denominator, "ghi chú")], Staff, At(6, 21));

        var entry = submission.EntryFor(criterion)!;
        Assert.Equal((value, denominator, "ghi chú"), (entry.Value, entry.Denominator, entry.Note));
        var listed = Assert.Single(submission.Problems(June));
        Assert.Equal((criterion, problem), (listed.Criterion, listed.Key));
        Assert.Equal(criterion, listed.Arguments[0]);
    }

    [Fact]
    public void Missing_evidence_where_the_criterion_requires_it_is_a_problem_until_a_file_or_reference_is_given()
    {
        var submission = Submission.Start(ChoGao, June, At(6, 1));
        submission.SaveDraft(June, [.. June.DueLeaves.Select(ValidInput)], Staff, At(6, 20));

        var required = June.DueLeaves.Where(c => c.EvidenceRequired).Select(c => c.Code).ToList();
        Assert.Equal(required, submission.Problems(June).Select(p => p.Criterion));
        Assert.All(submission.Problems(June), p => Assert.Equal((EntryPart.Evidence, "Entry.EvidenceMissing"), (p.Part, p.Key)));

        submission.AttachFile(June, "1.2.1", FileNumbered(1), Staff, At(6, 20));
        submission.AddReference(June, "1.2.2", "12/KH-UBND", new DateOnly(2017, 6, 2), "UBND huyện Chợ Gạo", Staff, At(6, 20));

        Assert.Equal(required.Except(["1.2.1", "1.2.2"]), submission.Problems(June).Select(p => p.Criterion));
    }

    [Fact]
    public void Submit_is_refused_while_problems_remain()
    {
        var submission = Reach(State.Draft);
        submission.SaveDraft(June, [new EntryInput("1.4", "ba", null, null)], Staff, At(6, 21));
        TakeAudit(submission);
        var before = Snapshot(submission);

        var refused = Assert.Throws<DomainException>(() => submission.Submit(June, Head, At(7, 3)));

        Assert.Equal("Submission.HasProblems", refused.Key);
        Assert.Equal(before, Snapshot(submission));
        Assert.Empty(submission.Versions);
        Assert.Null(submission.FirstSubmittedOn);
        Assert.Empty(TakeAudit(submission));
    }

    [Theory]
    [InlineData("1.1.1")] // January only
    [InlineData("1.5")] // yearly: November
    [InlineData("1.2")] // a criterion with children takes no value
    [InlineData("9.9")] // no such criterion
    public void A_criterion_not_due_that_month_or_unknown_is_refused_and_nothing_of_the_save_is_kept(string criterion)
    {
        var submission = Reach(State.Draft);
        var before = Snapshot(submission);

        var refused = Assert.Throws<DomainException>(() =>
            submission.SaveDraft(June, [new EntryInput("1.4", "5", null, null), new EntryInput(criterion, "có", null, null)], Staff, At(6, 21)));

        Assert.Equal("Entry.UnknownCriterion", refused.Key);
        Assert.Equal(before, Snapshot(submission));
        Assert.Empty(TakeAudit(submission));
    }

    [Fact]
    public void A_note_of_100000_characters_is_refused_and_nothing_changes()
    {
        var submission = Submission.Start(ChoGao, June, At(6, 1));
        var before = Snapshot(submission);

        var refused = Assert.Throws<DomainException>(() =>
            submission.SaveDraft(June, [new EntryInput("1.4", "3", null, "ngắn"), new EntryInput("1.2.1", "có", null, new string('x', 100_000))], Staff, At(6, 20)));

        Assert.Equal("Entry.NoteTooLong", refused.Key);
        Assert.Equal(SubmissionStatus.NotStarted, submission.Status);
        Assert.Equal(before, Snapshot(submission));
        Assert.Empty(TakeAudit(submission));
    }

    [Fact]
    public void Saving_a_draft_records_each_changed_value_and_note_with_the_old_and_new_value()
    {
        var submission = Reach(State.Draft);

        submission.SaveDraft(June, [new EntryInput("1.4", "5", null, "Năm cuộc kiểm tra"), new EntryInput("2.2.2", "9", "10", null)], Staff, At(6, 21));

        var lines = TakeAudit(submission);
        Assert.Contains(lines, l => l.Action == "entry.changed" && l.Entity.EndsWith("/1.4", StringComparison.Ordinal) && (l.OldValue, l.NewValue) == ("3", "5"));
        Assert.Contains(lines, l => l.Action == "entry.note-changed" && l.Entity.EndsWith("/1.4", StringComparison.Ordinal) && l.NewValue == "Năm cuộc kiểm tra");
        Assert.DoesNotContain(lines, l => l.Entity.EndsWith("/2.2.2", StringComparison.Ordinal)); // typed as it was
    }

    [Fact]
    public void Saving_a_draft_that_changes_nothing_neither_moves_the_version_nor_writes_an_audit_line()
    {
        var submission = Submission.Start(ChoGao, June, At(6, 1));
        submission.SaveDraft(June, [new EntryInput("1.4", "3", null, "Ba cuộc")], Staff, At(6, 20));
        TakeAudit(submission);
        var before = Snapshot(submission);

        // The same form saved again (an autosave), with a criterion left blank.
        submission.SaveDraft(June, [new EntryInput("1.4", "3", null, "Ba cuộc"), new EntryInput("2.2.2", " ", null, null)], Head, At(6, 21));

        Assert.Equal(before, Snapshot(submission));
        Assert.Null(submission.EntryFor("2.2.2"));
        Assert.Empty(TakeAudit(submission));
    }

    // ───────────────────────────── submitting and lateness ─────────────────────────────

    [Theory]
    [InlineData(7, 5, 23, 59, 0)] // the deadline day, late evening in Vietnam
    [InlineData(7, 6, 0, 30, 1)] // still 5 July in UTC
    [InlineData(7, 8, 10, 0, 3)] // deadline + 3
    [InlineData(6, 28, 10, 0, 0)] // early
    public void Lateness_is_counted_in_Vietnam_calendar_days_after_the_deadline(int month, int day, int hour, int minute, int daysLate)
    {
        var submission = Reach(State.Draft);

        submission.Submit(June, Head, At(month, day, hour, minute));

        Assert.Equal(new DateOnly(2017, 7, 5), submission.DeadlineIn(June));
        Assert.Equal(daysLate, submission.DaysLate(June));
        Assert.Equal(new DateOnly(2017, month, day), submission.FirstSubmittedOn);
    }

    [Theory]
    [InlineData(3, 0)] // on time, resubmitted late
    [InlineData(8, 3)] // late, resubmitted later still
    public void Lateness_counts_from_the_first_submission_and_a_resubmission_after_a_return_does_not_change_it(int firstDay, int daysLate)
    {
        var submission = Reach(State.Draft);
        submission.Submit(June, Head, At(7, firstDay));
        submission.Return([new Finding("1.4", "Thiếu biên bản kiểm tra")], Verifier, At(7, 10));
        submission.SaveDraft(June, [new EntryInput("1.4", "2", null, null)], Staff, At(7, 20));

        submission.Submit(June, Head, At(7, 21));

        Assert.Equal(daysLate, submission.DaysLate(June));
        Assert.Equal(new DateOnly(2017, 7, firstDay), submission.FirstSubmittedOn);
        Assert.Equal(At(7, 21), submission.LastSubmittedAtUtc);
        Assert.Equal(new DateOnly(2017, 7, firstDay), submission.ToEngine(June, appraised: true).SubmittedOn);
    }

    [Fact]
    public void An_extended_deadline_moves_lateness_to_count_from_the_new_date()
    {
        var onTime = Reach(State.Draft);
        onTime.ExtendDeadline(June, new DateOnly(2017, 7, 10), "Bão số 2", Verifier, At(7, 4));
        onTime.Submit(June, Head, At(7, 8));

        var late = Reach(State.Draft);
        late.ExtendDeadline(June, new DateOnly(2017, 7, 10), "Bão số 2", Verifier, At(7, 4));
        late.Submit(June, Head, At(7, 13));

        Assert.Equal((new DateOnly(2017, 7, 10), 0), (onTime.DeadlineIn(June), onTime.DaysLate(June)));
        Assert.Equal(3, late.DaysLate(June));
        Assert.Equal(new DateOnly(2017, 7, 10), late.ToEngine(June, appraised: true).Deadline);
    }

    [Fact]
    public void A_deadline_extended_after_a_late_submission_counts_lateness_from_the_new_date()
    {
        var submission = Reach(State.Draft);
        submission.Submit(June, Head, At(7, 8));
        Assert.Equal(3, submission.DaysLate(June));

        submission.ExtendDeadline(June, new DateOnly(2017, 7, 7), "Mất điện diện rộng", Verifier, At(7, 9));

        Assert.Equal(1, submission.DaysLate(June));
    }

    [Fact]
    public void Every_submission_keeps_a_version_holding_what_was_sent()
    {
        var submission = Reach(State.Draft);
        submission.AttachFile(June, "1.2.1", FileNumbered(7), Staff, At(6, 25));
        submission.Submit(June, Head, At(7, 3));
        submission.Return([new Finding("1.4", "Thiếu biên bản")], Verifier, At(7, 6));
        submission.SaveDraft(June, [new EntryInput("1.4", "2", null, "Chỉ có 2 biên bản")], Staff, At(7, 7));

        submission.Submit(June, Head, At(7, 8));

        Assert.Equal([1, 2], submission.Versions.Select(v => v.Number));
        Assert.Equal((Head, At(7, 3)), (submission.Versions[0].SubmittedBy, submission.Versions[0].SubmittedAtUtc));
        var first = submission.Versions[0].Entries();
        var second = submission.Versions[1].Entries();
        Assert.Equal(June.DueLeaves.Select(c => c.Code), first.Select(e => e.Criterion));
        Assert.Equal(("3", (string?)null), (first.Single(e => e.Criterion == "1.4").Value, first.Single(e => e.Criterion == "1.4").Note));
        Assert.Equal(("2", "Chỉ có 2 biên bản"), (second.Single(e => e.Criterion == "1.4").Value, second.Single(e => e.Criterion == "1.4").Note));
        var ratio = first.Single(e => e.Criterion == "8.2.1.1");
        Assert.Equal(("9", "10"), (ratio.Value, ratio.Denominator));
        Assert.Equal(FileNumbered(7).Sha256, Assert.Single(first.Single(e => e.Criterion == "1.2.1").Files).Sha256);
        Assert.Single(first.Single(e => e.Criterion == "1.2.1").References);
    }

    // ───────────────────────────── returning and verifying ─────────────────────────────

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_return_needs_at_least_one_finding_with_text(string? text)
    {
        var submission = Reach(State.Submitted);
        var before = Snapshot(submission);
        Finding[] findings = text is null ? [] : [new Finding("1.4", text)];

        var refused = Assert.Throws<DomainException>(() => submission.Return(findings, Verifier, At(7, 6)));

        Assert.Equal("Return.NoFindings", refused.Key);
        Assert.Equal(before, Snapshot(submission));
    }

    [Fact]
    public void A_return_puts_each_finding_on_its_entry_and_the_unit_edits_it_like_a_draft()
    {
        var submission = Reach(State.Submitted);

        submission.Return([new Finding("1.4", " Thiếu biên bản "), new Finding("2.2.2", "Mẫu số sai")], Verifier, At(7, 6));

        Assert.Equal("Thiếu biên bản", submission.EntryFor("1.4")!.Finding);
        Assert.Equal("Mẫu số sai", submission.EntryFor("2.2.2")!.Finding);
        Assert.All(submission.Entries.Where(e => e.Criterion is not ("1.4" or "2.2.2")), e => Assert.Null(e.Finding));
        Assert.Equal((At(7, 6), Verifier), (submission.ReturnedAtUtc!.Value, submission.ReturnedBy));
        Assert.True(submission.IsEditableByUnit);
        submission.SaveDraft(June, [new EntryInput("1.4", "2", null, null)], Staff, At(7, 7));
        Assert.Equal(SubmissionStatus.Returned, submission.Status);
    }

    [Fact]
    public void Verifying_with_an_adjustment_keeps_the_units_value_and_stores_the_appraised_one_beside_it_with_the_reason()
    {
        var submission = Reach(State.Submitted);

        submission.Verify(June, [new Adjustment("1.4", "1", null, " Chỉ có 1 biên bản hợp lệ ")], Verifier, At(7, 10));

        var adjusted = submission.EntryFor("1.4")!;
        Assert.Equal("3", adjusted.Value);
        Assert.Equal((true, "1", "Chỉ có 1 biên bản hợp lệ", Verifier), (adjusted.Adjusted, adjusted.AppraisedValue, adjusted.AdjustmentReason, adjusted.AdjustedBy));
        Assert.Equal(("1", (string?)null), adjusted.Final);
        Assert.All(submission.Entries.Where(e => e.Criterion != "1.4"), e => Assert.Equal((false, e.Value, e.Denominator), (e.Adjusted, e.Final.Value, e.Final.Denominator)));
        Assert.Equal((SubmissionStatus.Verified, new DateOnly(2017, 7, 10), Verifier), (submission.Status, submission.VerifiedOn!.Value, submission.VerifiedBy));
        var line = Assert.Single(TakeAudit(submission), l => l.Action == "entry.adjusted");
        Assert.Equal(("3", "1", "Chỉ có 1 biên bản hợp lệ"), (line.OldValue, line.NewValue, line.Reason));
    }

    [Fact]
    public void An_adjustment_without_a_reason_is_refused_and_no_other_adjustment_of_it_is_kept()
    {
        var submission = Reach(State.Submitted);
        var before = Snapshot(submission);

        var refused = Assert.Throws<DomainException>(() =>
            submission.Verify(June, [new Adjustment("2.2.2", "5", "10", "Sai mẫu số"), new Adjustment("1.4", "1", null, "  ")], Verifier, At(7, 10)));

        Assert.Equal("Adjustment.NoReason", refused.Key);
        Assert.Equal(before, Snapshot(submission));
        Assert.Empty(TakeAudit(submission));
    }

    [Theory]
    [InlineData("1.4", "ba", null)]
    [InlineData("1.4", null, null)]
    [InlineData("5.4.3", "2.25", null)]
    [InlineData("5.4.3", "1.1", null)]
    [InlineData("8.2.1.1", "12", "10")]
    [InlineData("1.2.1", "có", "1")]
    public void An_adjusted_value_the_method_cannot_take_is_refused(string criterion, string? value, string? denominator)
    {
        var submission = Reach(State.Submitted);
        var before = Snapshot(submission);

        var refused = Assert.Throws<DomainException>(() => submission.Verify(June, [new Adjustment(criterion, value, denominator, "Thẩm định lại")], Verifier, At(7, 10)));

        Assert.Equal("Adjustment.Invalid", refused.Key);
        Assert.Equal(before, Snapshot(submission));
    }

    [Fact]
    public void The_engine_gets_the_appraised_values_or_the_units_own()
    {
        var submission = Reach(State.Submitted);
        submission.Verify(June, [new Adjustment("1.4", "1", null, "Chỉ có 1 biên bản"), new Adjustment("8.2.1.1", "7", "10", "Hồ sơ trễ hạn")], Verifier, At(7, 10));

        var appraised = submission.ToEngine(June, appraised: true);
        var own = submission.ToEngine(June, appraised: false);

        Assert.Equal(("CHOGAO", 6, new DateOnly(2017, 7, 3), (DateOnly?)null), (appraised.Unit, appraised.Month, appraised.SubmittedOn!.Value, appraised.Deadline));
        Assert.Equal(June.DueLeaves.Select(c => c.Code), appraised.Entries.Select(a => a.Criterion));
        Assert.Equal(1m, appraised.Entries.Single(a => a.Criterion == "1.4").Value.Number);
        Assert.Equal(3m, own.Entries.Single(a => a.Criterion == "1.4").Value.Number);
        Assert.Equal((7m, (decimal?)10m), (appraised.Entries.Single(a => a.Criterion == "8.2.1.1").Value.Number, appraised.Entries.Single(a => a.Criterion == "8.2.1.1").Value.Denominator));
        Assert.Equal(9m, own.Entries.Single(a => a.Criterion == "8.2.1.1").Value.Number);
        Assert.Equal(
            appraised.Entries.Where(a => a.Criterion is not ("1.4" or "8.2.1.1")),
            own.Entries.Where(a => a.Criterion is not ("1.4" or "8.2.1.1")));
    }

    // ───────────────────────────── disputes ─────────────────────────────

    [Fact]
    public void The_dispute_window_runs_disputeDays_from_the_Vietnam_date_of_verification()
    {
        var verifiedAtNight = Reach(State.Submitted);
        verifiedAtNight.Verify(June, [], Verifier, At(7, 11, 3, 0)); // 11/7 in Vietnam, still 10/7 in UTC

        Assert.Equal(new DateOnly(2017, 7, 15), Reach(State.Verified).DisputeUntil(June));
        Assert.Equal(new DateOnly(2017, 7, 16), verifiedAtNight.DisputeUntil(June));
        Assert.Null(Reach(State.Submitted).DisputeUntil(June));
    }

    [Fact]
    public void A_campaign_with_disputeDays_0_takes_no_dispute()
    {
        var noDisputes = MonthFramework.For(Campaign with { DisputeDays = 0 }, "district", 6);
        var submission = Submission.Start(ChoGao, noDisputes, At(6, 20));
        submission.SaveDraft(noDisputes, [], Staff, At(6, 20));
        foreach (var criterion in noDisputes.DueLeaves)
        {
            var answer = criterion.Method switch
            {
                BinaryMethod => "có",
                LevelsMethod levels => levels.Options[0].Code,
                RatioMethod => "1",
                ManualMethod => "0",
                _ => "0",
            };
            submission.SaveDraft(noDisputes, [new EntryInput(criterion.Code, answer, criterion.Method is RatioMethod ? "1" : null, null)], Staff, At(6, 20));
            if (criterion.EvidenceRequired)
            {
                submission.AddReference(noDisputes, criterion.Code, "1/BC", new DateOnly(2017, 6, 1), "UBND", Staff, At(6, 20));
            }
        }

        submission.Submit(noDisputes, Head, At(7, 1));
        submission.Verify(noDisputes, [], Verifier, At(7, 2));

        Assert.Null(submission.DisputeUntil(noDisputes));
        Assert.Equal("Dispute.NotAllowed", Assert.Throws<DomainException>(() => submission.Dispute(noDisputes, [new DisputeInput(noDisputes.DueLeaves[0].Code, "x")], Staff, At(7, 2))).Key);
    }

    [Fact]
    public void A_dispute_on_the_last_day_of_the_window_is_taken()
    {
        var submission = Reach(State.Verified);

        submission.Dispute(June, [new DisputeInput("1.4", "Có đủ 3 biên bản")], Staff, At(7, 15, 23, 0));

        Assert.Equal(SubmissionStatus.Disputed, submission.Status);
        var dispute = Assert.Single(submission.Disputes);
        Assert.Equal(("1.4", "Có đủ 3 biên bản", Staff, true), (dispute.Criterion, dispute.Reason, dispute.LodgedBy, dispute.IsOpen));
    }

    [Fact]
    public void A_dispute_one_day_after_the_window_is_refused()
    {
        var submission = Reach(State.Verified);
        var before = Snapshot(submission);

        var refused = Assert.Throws<DomainException>(() => submission.Dispute(June, [new DisputeInput("1.4", "Có đủ 3 biên bản")], Staff, At(7, 16, 0, 30)));

        Assert.Equal("Dispute.WindowClosed", refused.Key);
        Assert.Equal(before, Snapshot(submission));
    }

    [Fact]
    public void Answering_every_dispute_returns_the_submission_to_verified()
    {
        var submission = Reach(State.Verified);
        submission.Dispute(June, [new DisputeInput("1.4", "Có đủ 3 biên bản"), new DisputeInput("2.2.2", "Số liệu đúng")], Staff, At(7, 11));

        submission.AnswerDispute(June, submission.Disputes[0].Id, DisputeDecision.Kept, null, null, "Biên bản thứ ba không hợp lệ", Verifier, At(7, 12));
        Assert.Equal(SubmissionStatus.Disputed, submission.Status);
        submission.AnswerDispute(June, submission.Disputes[1].Id, DisputeDecision.Kept, null, null, "Giữ nguyên", Verifier, At(7, 12));

        Assert.Equal(SubmissionStatus.Verified, submission.Status);
        Assert.All(submission.Disputes, d => Assert.Equal((false, DisputeDecision.Kept, Verifier), (d.IsOpen, d.Decision, d.AnsweredBy)));
        Assert.Contains(TakeAudit(submission), l => l.Action == "submission.disputes-answered");
    }

    [Fact]
    public void Answering_a_dispute_with_changed_adjusts_the_entry()
    {
        var submission = Reach(State.Submitted);
        submission.Verify(June, [new Adjustment("1.4", "1", null, "Chỉ có 1 biên bản")], Verifier, At(7, 10));
        submission.Dispute(June, [new DisputeInput("1.4", "Có đủ 3 biên bản")], Staff, At(7, 11));

        submission.AnswerDispute(June, submission.Disputes[0].Id, DisputeDecision.Changed, "2", null, "Chấp nhận thêm 1 biên bản", Verifier, At(7, 12));

        var entry = submission.EntryFor("1.4")!;
        Assert.Equal(("3", "2", "Chấp nhận thêm 1 biên bản"), (entry.Value, entry.AppraisedValue, entry.AdjustmentReason));
        Assert.Equal(2m, submission.ToEngine(June, appraised: true).Entries.Single(a => a.Criterion == "1.4").Value.Number);
        Assert.Equal((SubmissionStatus.Verified, DisputeDecision.Changed), (submission.Status, submission.Disputes[0].Decision));
    }

    [Theory]
    [InlineData(DisputeDecision.Kept, null, "  ", "Reason.Required")]
    [InlineData(DisputeDecision.Changed, "ba", "Sửa lại", "Adjustment.Invalid")]
    public void An_answer_without_a_reason_or_with_a_value_the_method_cannot_take_is_refused(DisputeDecision decision, string? value, string reason, string key)
    {
        var submission = Reach(State.Disputed);
        var before = Snapshot(submission);

        var refused = Assert.Throws<DomainException>(() => submission.AnswerDispute(June, submission.Disputes[0].Id, decision, value, null, reason, Verifier, At(7, 12)));

        Assert.Equal(key, refused.Key);
        Assert.Equal(before, Snapshot(submission));
    }

    // ───────────────────────────── closing out, locking, reopening ─────────────────────────────

    [Theory]
    [InlineData(7, 5, 23, 59)] // the deadline day itself
    [InlineData(7, 1, 9, 0)]
    public void Closing_out_before_the_deadline_has_passed_is_refused(int month, int day, int hour, int minute)
    {
        var submission = Reach(State.Draft);

        var refused = Assert.Throws<DomainException>(() => submission.CloseOutAsMissing(June, "Không nộp", Verifier, At(month, day, hour, minute)));

        Assert.Equal("Submission.DeadlineNotPassed", refused.Key);
        Assert.Equal(SubmissionStatus.Draft, submission.Status);
    }

    [Fact]
    public void Closing_out_waits_for_an_extended_deadline()
    {
        var submission = Reach(State.NotStarted);
        submission.ExtendDeadline(June, new DateOnly(2017, 7, 10), "Bão số 2", Verifier, At(7, 4));

        Assert.Equal("Submission.DeadlineNotPassed", Assert.Throws<DomainException>(() => submission.CloseOutAsMissing(June, "Không nộp", Verifier, At(7, 8))).Key);
        submission.CloseOutAsMissing(June, "Không nộp", Verifier, At(7, 11));
        Assert.Equal((SubmissionStatus.Missing, "Không nộp"), (submission.Status, submission.MissingReason));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Closing_out_needs_a_reason(string reason)
    {
        var submission = Reach(State.NotStarted);

        var refused = Assert.Throws<DomainException>(() => submission.CloseOutAsMissing(June, reason, Verifier, At(7, 8)));

        Assert.Equal("Reason.Required", refused.Key);
        Assert.Equal(SubmissionStatus.NotStarted, submission.Status);
    }

    [Fact]
    public void A_submission_with_an_open_dispute_cannot_be_locked()
    {
        var submission = Reach(State.Disputed);

        Assert.Equal("Lock.OpenDispute", Assert.Throws<DomainException>(() => submission.Lock(Verifier, At(7, 12))).Key);
        Assert.Equal(SubmissionStatus.Disputed, submission.Status);
    }

    [Theory]
    [InlineData(State.LockedFromVerified, SubmissionStatus.Verified)]
    [InlineData(State.LockedFromMissing, SubmissionStatus.Missing)]
    public void Reopening_returns_to_the_state_it_was_locked_from(State locked, SubmissionStatus back)
    {
        var submission = Reach(locked);
        Assert.Equal(back, submission.LockedFrom);

        submission.Reopen("Sai sót khi tổng hợp", Admin, At(7, 20));

        Assert.Equal((back, (SubmissionStatus?)null, (DateTime?)null), (submission.Status, submission.LockedFrom, submission.LockedAtUtc));
        var line = Assert.Single(TakeAudit(submission));
        Assert.Equal(("submission.reopened", "Locked", back.ToString(), "Sai sót khi tổng hợp"), (line.Action, line.OldValue, line.NewValue, line.Reason));
    }

    [Fact]
    public void Reopening_needs_a_reason()
    {
        var submission = Reach(State.LockedFromVerified);

        Assert.Equal("Reason.Required", Assert.Throws<DomainException>(() => submission.Reopen(" ", Admin, At(7, 20))).Key);
        Assert.Equal(SubmissionStatus.Locked, submission.Status);
    }

    // ───────────────────────────── extensions and evidence ─────────────────────────────

    [Theory]
    [InlineData(7, 5)] // the campaign's own deadline
    [InlineData(7, 1)]
    public void An_extension_not_later_than_the_campaigns_deadline_is_refused(int month, int day)
    {
        var submission = Reach(State.Draft);

        var refused = Assert.Throws<DomainException>(() => submission.ExtendDeadline(June, new DateOnly(2017, month, day), "Tết", Verifier, At(6, 25)));

        Assert.Equal("Extension.NotLater", refused.Key);
        Assert.Null(submission.ExtendedDeadline);
    }

    [Fact]
    public void A_second_extension_cannot_bring_the_deadline_back_before_the_first()
    {
        var submission = Reach(State.Draft);
        submission.ExtendDeadline(June, new DateOnly(2017, 7, 15), "Bão số 2", Verifier, At(6, 25));

        var refused = Assert.Throws<DomainException>(() => submission.ExtendDeadline(June, new DateOnly(2017, 7, 10), "Nhầm ngày", Verifier, At(6, 26)));

        Assert.Equal(("Extension.NotLater", new DateOnly(2017, 7, 15)), (refused.Key, submission.ExtendedDeadline));
    }

    [Fact]
    public void An_extension_needs_a_reason_and_is_recorded_with_it()
    {
        var submission = Reach(State.Draft);

        Assert.Equal("Reason.Required", Assert.Throws<DomainException>(() => submission.ExtendDeadline(June, ExtendedTo, "", Verifier, At(6, 25))).Key);
        submission.ExtendDeadline(June, ExtendedTo, "Bão số 2", Verifier, At(6, 25));

        Assert.Equal((ExtendedTo, "Bão số 2"), (submission.ExtendedDeadline!.Value, submission.ExtensionReason));
        var line = Assert.Single(TakeAudit(submission));
        Assert.Equal(("2017-07-05", "2017-07-20", "Bão số 2"), (line.OldValue, line.NewValue, line.Reason));
    }

    [Fact]
    public void The_same_file_twice_on_one_criterion_is_refused_but_is_taken_on_another()
    {
        var submission = Reach(State.Draft);
        submission.AttachFile(June, "1.2.1", FileNumbered(1), Staff, At(6, 21));

        var refused = Assert.Throws<DomainException>(() => submission.AttachFile(June, "1.2.1", FileNumbered(1) with { FileName = "ban-sao.pdf" }, Staff, At(6, 21)));

        Assert.Equal("Evidence.SameFile", refused.Key);
        submission.AttachFile(June, "1.2.2", FileNumbered(1), Staff, At(6, 21));
        Assert.Equal(["1.2.1", "1.2.2"], submission.Files.Select(f => f.Criterion));
    }

    [Fact]
    public void More_than_ten_files_on_one_criterion_are_refused()
    {
        var submission = Reach(State.Draft);
        for (var n = 1; n <= 10; n++)
        {
            submission.AttachFile(June, "1.2.1", FileNumbered(n), Staff, At(6, 21));
        }

        var refused = Assert.Throws<DomainException>(() => submission.AttachFile(June, "1.2.1", FileNumbered(11), Staff, At(6, 21)));

        Assert.Equal("Evidence.TooManyFiles", refused.Key);
        Assert.Equal(10, submission.Files.Count);
    }

    [Fact]
    public void An_evidence_reference_dated_after_today_in_Vietnam_is_refused()
    {
        var submission = Reach(State.Draft);
        var earlyMorning = At(6, 21, 6, 0); // still 20/6 in UTC

        submission.AddReference(June, "1.3", "15/BC-UBND", new DateOnly(2017, 6, 21), "UBND huyện Chợ Gạo", Staff, earlyMorning);
        var refused = Assert.Throws<DomainException>(() =>
            submission.AddReference(June, "1.3", "16/BC-UBND", new DateOnly(2017, 6, 22), "UBND huyện Chợ Gạo", Staff, earlyMorning));

        Assert.Equal("Evidence.ReferenceDate", refused.Key);
        Assert.Equal(2, submission.References.Count(r => r.Criterion == "1.3")); // the one from filling in, and today's
    }

    [Fact]
    public void Evidence_for_a_criterion_not_due_that_month_is_refused()
    {
        var submission = Reach(State.Draft);

        Assert.Equal("Entry.UnknownCriterion", Assert.Throws<DomainException>(() => submission.AttachFile(June, "1.1.1", FileNumbered(1), Staff, At(6, 21))).Key);
        Assert.Equal("Entry.UnknownCriterion", Assert.Throws<DomainException>(() =>
            submission.AddReference(June, "1.1.1", "1/KH-UBND", new DateOnly(2017, 1, 5), "UBND huyện Chợ Gạo", Staff, At(6, 21))).Key);
    }

    // ───────────────────────────── unit kinds ─────────────────────────────

    public static TheoryData<string> UnitCodes => new() { "CHOGAO", "LBD", "STP" };

    [Theory]
    [MemberData(nameof(UnitCodes))]
    public void A_month_runs_from_draft_to_locked_for_every_unit_kind(string code)
    {
        var unit = new[] { ChoGao, LongBinhDien, Justice }.Single(u => u.Code == code);
        var month = MonthFramework.For(Campaign, unit.KindCode, 6);
        var submission = Submission.Start(unit, month, At(6, 1));

        FillIn(submission, month);
        submission.Submit(month, Head, At(7, 3));
        submission.Verify(month, [], Verifier, At(7, 10));
        submission.Lock(Verifier, At(7, 16));

        Assert.Equal(SubmissionStatus.Locked, submission.Status);
        Assert.Equal(month.DueLeaves.Count, submission.ToEngine(month, appraised: true).Entries.Count);
    }

    [Fact]
    public void A_submission_starts_only_on_the_framework_of_the_units_kind()
    {
        Assert.Throws<ArgumentException>(() => Submission.Start(Justice, June, At(6, 1)));
    }

    // ───────────────────────────── helpers ─────────────────────────────

    /// <summary>A Vietnam local time in 2017, as the UTC instant the domain takes.</summary>
    private static DateTime At(int month, int day, int hour = 10, int minute = 0) =>
        new DateTime(2017, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-7);

    /// <summary>Chợ Gạo's June 2017, brought into <paramref name="state"/> through the domain's own methods, its audit lines taken.</summary>
    private static Submission Reach(State state)
    {
        var submission = Submission.Start(ChoGao, June, At(6, 1));
        foreach (var step in StepsTo(state))
        {
            step(submission);
        }

        TakeAudit(submission);
        return submission;
    }

    private static IEnumerable<Action<Submission>> StepsTo(State state) => state switch
    {
        State.NotStarted => [],
        State.Draft => [s => FillIn(s, June)],
        State.Submitted => [.. StepsTo(State.Draft), s => s.Submit(June, Head, At(7, 3))],
        State.Returned => [.. StepsTo(State.Submitted), s => s.Return([new Finding("1.2.1", "Bổ sung số văn bản")], Verifier, At(7, 6))],
        State.Verified => [.. StepsTo(State.Submitted), s => s.Verify(June, [], Verifier, At(7, 10))],
        State.Disputed => [.. StepsTo(State.Verified), s => s.Dispute(June, [new DisputeInput("3.2.2", "Đã niêm yết đủ")], Staff, At(7, 11))],
        State.LockedFromVerified => [.. StepsTo(State.Verified), s => s.Lock(Verifier, At(7, 12))],
        State.Missing => [s => s.CloseOutAsMissing(June, "Không nộp bản tự chấm", Verifier, At(7, 8))],
        State.LockedFromMissing => [.. StepsTo(State.Missing), s => s.Lock(Verifier, At(7, 12))],
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>A complete draft: a valid value for every due criterion and a document reference where evidence is required.</summary>
    private static void FillIn(Submission submission, MonthFramework month)
    {
        submission.SaveDraft(month, [.. month.DueLeaves.Select(ValidInput)], Staff, At(6, 20));
        foreach (var criterion in month.DueLeaves.Where(c => c.EvidenceRequired))
        {
            submission.AddReference(month, criterion.Code, $"{criterion.Code}/BC-UBND", new DateOnly(2017, 6, 15), "UBND huyện Chợ Gạo", Staff, At(6, 20));
        }
    }

    private static EntryInput ValidInput(Criterion criterion) => criterion.Method switch
    {
        BinaryMethod => new EntryInput(criterion.Code, "có", null, null),
        LevelsMethod levels => new EntryInput(criterion.Code, levels.Options[0].Code, null, null),
        RatioMethod => new EntryInput(criterion.Code, "9", "10", null),
        CountMethod => new EntryInput(criterion.Code, "3", null, null),
        DeductionMethod => new EntryInput(criterion.Code, "0", null, null),
        ManualMethod => new EntryInput(criterion.Code, criterion.Max.ToString(CultureInfo.InvariantCulture), null, null),
        _ => throw new ArgumentOutOfRangeException(nameof(criterion)),
    };

    /// <summary>Makes one move with valid arguments, so only the state decides whether it is taken.</summary>
    private static void Make(Submission s, Move move, DateTime at)
    {
        var who = ActorOf(move);
        switch (move)
        {
            case Move.SaveDraft: s.SaveDraft(June, [new EntryInput("1.4", s.EntryFor("1.4")?.Value == "7" ? "8" : "7", null, null)], who, at); break;
            case Move.Submit: s.Submit(June, who, at); break;
            case Move.Return: s.Return([new Finding("1.4", "Thiếu biên bản")], who, at); break;
            case Move.Verify: s.Verify(June, [], who, at); break;
            case Move.Dispute: s.Dispute(June, [new DisputeInput("1.4", "Có đủ biên bản")], who, at); break;
            case Move.AnswerDispute: s.AnswerDispute(June, s.Disputes.FirstOrDefault(d => d.IsOpen)?.Id ?? 0, DisputeDecision.Kept, null, null, "Giữ nguyên", who, at); break;
            case Move.CloseOutAsMissing: s.CloseOutAsMissing(June, "Không nộp", who, at); break;
            case Move.Lock: s.Lock(who, at); break;
            case Move.Reopen: s.Reopen("Sai sót khi tổng hợp", who, at); break;
            case Move.ExtendDeadline: s.ExtendDeadline(June, ExtendedTo, "Bão số 2", who, at); break;
            case Move.AttachFile: s.AttachFile(June, "1.2.1", FileNumbered(100 + s.Files.Count), who, at); break;
            case Move.AddReference: s.AddReference(June, "1.2.1", $"{s.References.Count}/TB-UBND", new DateOnly(2017, 6, 1), "UBND huyện Chợ Gạo", who, at); break;
            default: throw new ArgumentOutOfRangeException(nameof(move));
        }
    }

    private static string ActorOf(Move move) => move switch
    {
        Move.SaveDraft or Move.Dispute or Move.AttachFile or Move.AddReference => Staff,
        Move.Submit => Head,
        Move.Reopen => Admin,
        _ => Verifier,
    };

    private static StoredFile FileNumbered(int n) =>
        new(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(n))), $"bien-ban-{n}.pdf", "application/pdf", 1000 + n);

    private static IReadOnlyList<AuditRecord> TakeAudit(Submission submission) => ((IAudited)submission).TakeAuditRecords();

    /// <summary>Everything a move could change, as one comparable text.</summary>
    private static string Snapshot(Submission s) => string.Join(" | ",
        s.Status, s.Version, s.UpdatedAtUtc.Ticks, s.UpdatedBy, s.LockedFrom, s.LockedAtUtc?.Ticks, s.ExtendedDeadline, s.ExtensionReason, s.MissingReason,
        s.FirstSubmittedOn, s.LastSubmittedAtUtc?.Ticks, s.ReturnedAtUtc?.Ticks, s.VerifiedOn, s.Versions.Count,
        string.Join(";", s.Entries.Select(e => $"{e.Criterion}={e.Value}/{e.Denominator}/{e.Note}/{e.Adjusted}/{e.AppraisedValue}/{e.AppraisedDenominator}/{e.AdjustmentReason}/{e.Finding}")),
        string.Join(";", s.Disputes.Select(d => $"{d.Criterion}:{d.Decision}:{d.Answer}")),
        string.Join(";", s.Files.Select(f => $"{f.Criterion}:{f.Sha256}")),
        string.Join(";", s.References.Select(r => $"{r.Criterion}:{r}")));
}
