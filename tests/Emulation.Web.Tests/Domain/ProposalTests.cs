using Emulation.Core.Awards;
using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;
using Emulation.Web.Domain;
using Proposal = Emulation.Web.Domain.Proposal;

namespace Emulation.Web.Tests.Domain;

/// <summary>
/// The year-end proposal as an entity, on the shipped campaign's awards (flag: one per block,
/// score ≥ 90; merit: 20 % of the block, score ≥ 85, not the flag's holder) for a block of six
/// departments, and the demo council: chutich (chair), hoidong1 (of STP), hoidong2–4.
/// </summary>
public sealed class ProposalTests
{
    private static readonly DateTime Now = new(2017, 12, 5, 3, 0, 0, DateTimeKind.Utc);

    private static readonly Campaign Shipped = CampaignLoader.LoadFile(Path.Combine(TestFolders.ShippedCriteria, "tien-giang-2017.json")).Value
        ?? throw new InvalidOperationException("The shipped campaign does not load.");

    private static readonly IReadOnlyList<CommitteeSeat> Seats =
    [
        new("chutich", true, null), new("hoidong1", false, "STP"), new("hoidong2", false, null), new("hoidong3", false, null), new("hoidong4", false, null),
    ];

    private static UnitStanding Standing(string unit, decimal score, int rank) =>
        new(unit, "TH", "department", score, rank, rank, "excellent", 0, score, new Dictionary<int, decimal> { [1] = score, [2] = score },
            new Dictionary<string, decimal>());

    private static Standings Block(int through) => new(through,
    [
        Standing("STP", 95m, 1), Standing("SNV", 93m, 2), Standing("SXD", 93m, 2), Standing("SYT", 89m, 4), Standing("STC", 87m, 5), Standing("SCT", 80m, 6),
    ]);

    private static string Json(Emulation.Core.Awards.Proposal proposal)
    {
        using var memory = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(memory))
        {
            Emulation.Core.Output.ProposalFormat.WriteJson(json, proposal);
        }

        return System.Text.Encoding.UTF8.GetString(memory.ToArray());
    }

    /// <summary>STP leads (flag); SNV and SXD share rank 2 at the merit quota of 1 (both taken, tied).</summary>
    private static Proposal Make(Campaign? campaign = null, int through = 11, string? reason = null)
    {
        campaign ??= Shipped;
        var standings = Block(through);
        var units = standings.Units.ToDictionary(u => u.Unit, u => new ProposedUnit(0, "Đơn vị " + u.Unit, "Unit " + u.Unit, "Khối tổng hợp", "General block"));
        return Proposal.Generate(campaign, standings, AwardRules.Propose(campaign, standings), units, "1:1 2:1", 1, null, reason, null, "admin", Now);
    }

    private static ProposalCandidate Candidate(Proposal proposal, string award, string unit) =>
        proposal.Candidates.Single(c => c.Award == award && c.UnitCode == unit);

    private static int Id(Proposal proposal, string award, string unit) => Candidate(proposal, award, unit).Id;

    /// <summary>Not saved: the candidates get the ids the database would give them.</summary>
    private static Proposal Numbered(Proposal proposal)
    {
        var id = 1;
        foreach (var c in proposal.Candidates)
        {
            typeof(ProposalCandidate).GetProperty(nameof(ProposalCandidate.Id))!.SetValue(c, id++);
        }

        return proposal;
    }

    private static CommitteeSeat Seat(string name) => Seats.Single(s => s.Name == name);

    [Fact]
    public void The_proposal_keeps_the_rules_output_with_the_tie_at_the_quota_line()
    {
        var proposal = Make();

        Assert.True(Candidate(proposal, "flag", "STP").Selected);
        Assert.True(Candidate(proposal, "merit", "SNV").TieAtQuota);
        Assert.True(Candidate(proposal, "merit", "SXD").TieAtQuota);
        Assert.False(Candidate(proposal, "merit", "STP").Eligible);
        Assert.Equal(Json(AwardRules.Propose(Shipped, Block(11))), Json(proposal.ToEngine()));
        Assert.Contains(proposal.TakeAuditRecords(), r => r.Action == "proposal.generated");
    }

    [Fact]
    public void A_proposal_before_the_last_month_needs_a_reason()
    {
        var refused = Assert.Throws<DomainException>(() => Make(through: 10));
        Assert.Equal("Proposal.ReasonRequired", refused.Key);

        var forced = Make(through: 10, reason: "Kỳ họp Hội đồng tháng 12");
        Assert.True(forced.Forced);
        Assert.Contains(forced.TakeAuditRecords(), r => r.Action == "proposal.forced" && r.Reason == "Kỳ họp Hội đồng tháng 12");
    }

    [Fact]
    public void Votes_on_a_candidate_not_selected_of_another_proposal_or_by_a_recused_member_are_refused()
    {
        var proposal = Numbered(Make());

        Assert.Equal("Vote.NotSelected", Assert.Throws<DomainException>(() => proposal.Cast(Id(proposal, "merit", "SYT"), Seat("hoidong2"), Vote.Agree, Now)).Key);
        Assert.Equal("Vote.OtherProposal", Assert.Throws<DomainException>(() => proposal.Cast(999, Seat("hoidong2"), Vote.Agree, Now)).Key);
        Assert.Equal("Vote.Recused", Assert.Throws<DomainException>(() => proposal.Cast(Id(proposal, "flag", "STP"), Seat("hoidong1"), Vote.Agree, Now)).Key);
        Assert.Empty(proposal.Votes);
    }

    [Fact]
    public void The_same_vote_twice_is_counted_once_and_a_changed_vote_is_audited()
    {
        var proposal = Numbered(Make());
        proposal.TakeAuditRecords();
        var stp = Id(proposal, "flag", "STP");

        Assert.True(proposal.Cast(stp, Seat("hoidong2"), Vote.Agree, Now));
        Assert.False(proposal.Cast(stp, Seat("hoidong2"), Vote.Agree, Now));
        Assert.True(proposal.Cast(stp, Seat("hoidong2"), Vote.Disagree, Now));

        var vote = Assert.Single(proposal.Votes);
        Assert.Equal(Vote.Disagree, vote.Choice);
        Assert.Equal(["vote.cast", "vote.changed"], proposal.TakeAuditRecords().Select(r => r.Action));
    }

    [Fact]
    public void Voting_cannot_close_without_any_vote()
    {
        var proposal = Numbered(Make());

        Assert.Equal("Close.NoVotes", Assert.Throws<DomainException>(() => proposal.Close(Seats, "chutich", Now)).Key);
        Assert.Equal(ProposalStatus.Voting, proposal.Status);
    }

    /// <summary>
    /// STP's flag: hoidong1 is recused, so 4 eligible voters. Votes: A agree, D disagree, X abstain,
    /// in the order chutich, hoidong1, hoidong2, hoidong3, hoidong4 ("-" none).
    /// </summary>
    [Theory]
    // quorum 0.67 of 4 = 2.68: 3 present is quorate; 3 of 3 agree ≥ 0.7.
    [InlineData(0.67, 0.7, ThresholdBase.Present, "A-AA-", 4, 3, CandidateOutcome.Approved)]
    // the recused member's vote is refused before, so only 2 present: 2 ÷ 4 < 0.67.
    [InlineData(0.67, 0.7, ThresholdBase.Present, "A-A--", 4, 2, CandidateOutcome.NotQuorate)]
    // an abstention counts as present but not as agree: 2 of 3 present = 0.667 < 0.7.
    [InlineData(0.67, 0.7, ThresholdBase.Present, "A-AX-", 4, 3, CandidateOutcome.Rejected)]
    // exactly at the threshold: 3 of 4 members = 0.75 with threshold 0.75 of members.
    [InlineData(0.75, 0.75, ThresholdBase.Members, "A-AAD", 4, 4, CandidateOutcome.Approved)]
    // of members, absentees count against: 2 agree of 4 members = 0.5 < 0.5001.
    [InlineData(0.5, 0.5001, ThresholdBase.Members, "A-A--", 4, 2, CandidateOutcome.Rejected)]
    // of those present the same two votes pass.
    [InlineData(0.5, 0.5001, ThresholdBase.Present, "A-A--", 4, 2, CandidateOutcome.Approved)]
    public void Closing_counts_each_candidate_through_the_vote_tally_with_recused_members_left_out(
        decimal quorum, decimal threshold, ThresholdBase of, string votes, int eligible, int present, CandidateOutcome outcome)
    {
        var proposal = Numbered(Make(Shipped with { Committee = new CommitteeRules(quorum, threshold, of) }));
        var stp = Id(proposal, "flag", "STP");
        for (var i = 0; i < votes.Length; i++)
        {
            if (votes[i] != '-')
            {
                proposal.Cast(stp, Seats[i], votes[i] switch { 'A' => Vote.Agree, 'D' => Vote.Disagree, _ => Vote.Abstain }, Now);
            }
        }

        proposal.Close(Seats, "chutich", Now);

        var counted = Candidate(proposal, "flag", "STP");
        Assert.Equal(eligible, counted.EligibleVoters);
        Assert.Equal(present, counted.Present);
        Assert.Equal(outcome, counted.Outcome);
        Assert.Equal(["hoidong1"], counted.RecusedMembers);
        Assert.Null(Candidate(proposal, "merit", "SYT").Outcome);
    }

    [Fact]
    public void After_the_close_no_vote_and_after_the_decision_no_change()
    {
        var proposal = Numbered(Make());
        var stp = Id(proposal, "flag", "STP");
        proposal.Cast(stp, Seat("chutich"), Vote.Agree, Now);
        Assert.Equal("Confirm.NotClosed", Assert.Throws<DomainException>(() => proposal.Confirm("chutich", Now)).Key);

        proposal.Close(Seats, "chutich", Now);
        Assert.Equal("Proposal.Closed", Assert.Throws<DomainException>(() => proposal.Cast(stp, Seat("hoidong2"), Vote.Agree, Now)).Key);

        proposal.Confirm("chutich", Now);
        Assert.Equal(ProposalStatus.Decided, proposal.Status);
        Assert.Equal("Proposal.Decided", Assert.Throws<DomainException>(() => proposal.Cast(stp, Seat("hoidong2"), Vote.Agree, Now)).Key);
        Assert.Equal("Proposal.Decided", Assert.Throws<DomainException>(() => proposal.Close(Seats, "chutich", Now)).Key);
        Assert.Equal("Proposal.Decided", Assert.Throws<DomainException>(() => proposal.Confirm("chutich", Now)).Key);
        Assert.Equal("Proposal.Decided", Assert.Throws<DomainException>(() => proposal.Supersede(2, "noivu", Now)).Key);
    }

    [Fact]
    public void A_replaced_proposal_is_void_and_takes_no_more_votes()
    {
        var proposal = Numbered(Make());
        var stp = Id(proposal, "flag", "STP");
        proposal.Cast(stp, Seat("chutich"), Vote.Agree, Now);

        proposal.Supersede(2, "noivu", Now);

        Assert.Equal(ProposalStatus.Void, proposal.Status);
        Assert.Equal("Proposal.Void", Assert.Throws<DomainException>(() => proposal.Cast(stp, Seat("hoidong2"), Vote.Agree, Now)).Key);
        Assert.Contains(proposal.TakeAuditRecords(), r => r.Action == "proposal.voided");
    }
}
