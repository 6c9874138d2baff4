using Emulation.Core.Awards;
using Emulation.Core.Campaigns;

namespace Emulation.Core.Tests.Awards;

public sealed class VoteTallyTests
{
    private static readonly string[] Nine = ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"];

    /// <summary>Ballots for the first members: a = agree, d = disagree, b = abstain, in member order.</summary>
    private static Ballot[] Ballots(string votes, IReadOnlyList<string> members) =>
        [.. votes.Select((v, i) => new Ballot(members[i], v switch { 'a' => Vote.Agree, 'd' => Vote.Disagree, _ => Vote.Abstain }))];

    [Theory]
    // members, quorum, threshold, base, votes, quorate, approved
    [InlineData(3, 0.67, 0.5, ThresholdBase.Present, "aa", false, false)] // 2 ÷ 3 = 0.666… < 0.67: the fraction is not rounded up
    [InlineData(3, 0.66, 0.5, ThresholdBase.Present, "aa", true, true)]   // 2 ÷ 3 ≥ 0.66
    [InlineData(9, 0.67, 0.7, ThresholdBase.Present, "aaaaaa", false, false)] // 6 ÷ 9 < 0.67
    [InlineData(9, 0.67, 0.7, ThresholdBase.Present, "aaaaaad", true, true)]  // 7 ÷ 9 ≥ 0.67; 6 ÷ 7 = 0.857 ≥ 0.7
    [InlineData(9, 0.9, 0.7, ThresholdBase.Present, "aaaaaaaa", false, false)] // 8 ÷ 9 = 0.888… < 0.9
    [InlineData(9, 0.5, 0.7, ThresholdBase.Present, "aaaaaaadd", true, true)]  // 7 ÷ 9 = 0.777… ≥ 0.7
    [InlineData(9, 0.5, 0.7, ThresholdBase.Present, "aaaaaadd", true, true)]   // 6 ÷ 8 = 0.75 ≥ 0.7
    [InlineData(9, 0.5, 0.7, ThresholdBase.Members, "aaaaaadd", true, false)]  // 6 ÷ 9 = 0.666… < 0.7
    [InlineData(9, 0.5, 0.7, ThresholdBase.Present, "aaaaabbb", true, false)]  // abstentions are present: 5 ÷ 8 = 0.625 < 0.7
    [InlineData(9, 0.5, 0.7, ThresholdBase.Present, "aaaaa", true, true)]      // 5 ÷ 5: members who did not vote are not present
    [InlineData(10, 0.5, 0.7, ThresholdBase.Members, "aaaaaaaddd", true, true)] // 7 ÷ 10 = 0.7 exactly: reached
    [InlineData(9, 0.5, 0.7, ThresholdBase.Present, "", false, false)]
    public void Quorum_and_threshold_compare_exact_fractions(int memberCount, decimal quorum, decimal threshold, ThresholdBase thresholdOf, string votes, bool quorate, bool approved)
    {
        var members = Enumerable.Range(1, memberCount).Select(i => $"m{i}").ToArray();

        var tally = VoteTally.Count(new CommitteeRules(quorum, threshold, thresholdOf), members, [], Ballots(votes, members));

        Assert.Equal((quorate, approved), (tally.Quorate, tally.Approved));
        Assert.Equal(memberCount, tally.EligibleVoters);
        Assert.Equal(votes.Length, tally.Present);
    }

    [Fact]
    public void A_recused_member_is_not_counted_even_when_voting()
    {
        // 9 members, m1 and m2 belong to the candidate unit: 7 eligible. m1's vote is not counted.
        // Present: m3–m7 = 5; 5 ÷ 7 = 0.714 ≥ 0.67; agree 4 ÷ 5 = 0.8 ≥ 0.7.
        var rules = new CommitteeRules(0.67m, 0.7m, ThresholdBase.Present);
        var ballots = Ballots("dxaaaad", Nine);

        var tally = VoteTally.Count(rules, Nine, ["m1", "m2"], ballots);

        Assert.Equal(new TallyResult(7, 5, 4, 1, 0, 5, true, true), tally);
    }

    [Fact]
    public void Recusal_can_cost_the_quorum()
    {
        // 3 members, one recused: 2 eligible; 1 present: 1 ÷ 2 = 0.5 < 0.67.
        var tally = VoteTally.Count(new CommitteeRules(0.67m, 0.5m, ThresholdBase.Present), ["a", "b", "c"], ["c"], [new Ballot("a", Vote.Agree)]);
        Assert.Equal((2, 1, false, false), (tally.EligibleVoters, tally.Present, tally.Quorate, tally.Approved));
    }

    [Fact]
    public void A_member_voting_twice_is_refused()
    {
        var rules = new CommitteeRules(0.5m, 0.5m, ThresholdBase.Present);
        Assert.Throws<ArgumentException>(() => VoteTally.Count(rules, ["a"], [], [new Ballot("a", Vote.Agree), new Ballot("a", Vote.Disagree)]));
    }
}
