using Emulation.Core.Awards;
using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;
using Emulation.Core.Tests.Scoring;

namespace Emulation.Core.Tests.Awards;

public sealed class AwardRulesTests
{
    private static UnitStanding Unit(string code, int rank, decimal score = 95m, string block = "B1", int? overallRank = null, decimal? lowest = null, int late = 0) =>
        new(code, block, "department", score, rank, overallRank ?? rank, "excellent", late, lowest ?? score,
            new Dictionary<int, decimal>(), new Dictionary<string, decimal>());

    private static Award Award(string code, int? count = null, decimal? share = null, AwardScope scope = AwardScope.Block,
        decimal? minScore = null, decimal? minMonthScore = null, int? maxLateMonths = null, params string[] excludedBy) => new()
        {
            Code = code,
            Title = TestCampaign.Text(code),
            Scope = scope,
            Count = count,
            Share = share,
            MinScore = minScore,
            MinMonthScore = minMonthScore,
            MaxLateMonths = maxLateMonths,
            ExcludedBy = excludedBy,
        };

    private static Proposal Propose(IEnumerable<Award> awards, params UnitStanding[] units)
    {
        var campaign = TestCampaign.Create().Area("1", C.Binary("1.1", 1m));
        foreach (var award in awards)
        {
            campaign.Award(award);
        }

        return AwardRules.Propose(campaign.Build(), new Standings(11, units));
    }

    private static string Picks(AwardProposal proposal) =>
        string.Join(' ', proposal.Candidates.Select(c => $"{c.Unit}{(c.Selected ? "+" : "-")}{(c.TieAtQuota ? "=" : "")}"));

    [Theory]
    // group size, share, quota = floor(share × size)
    [InlineData(9, 0.2, 1)]   // 1.8 → 1
    [InlineData(10, 0.2, 2)]
    [InlineData(14, 0.15, 2)] // 2.1 → 2
    [InlineData(4, 0.2, 0)]   // 0.8 → 0: nobody
    public void A_share_quota_is_floored(int size, decimal share, int quota)
    {
        var units = Enumerable.Range(1, size).Select(i => Unit($"U{i:00}", i)).ToArray();

        var proposal = Propose([Award("merit", share: share)], units).Awards[0];

        Assert.Equal(quota, proposal.Groups.Single().Quota);
        Assert.Equal(quota, proposal.Candidates.Count(c => c.Selected));
        Assert.Equal(units.Take(quota).Select(u => u.Unit), proposal.Candidates.Where(c => c.Selected).Select(c => c.Unit));
    }

    [Theory]
    // count, ranks of A B C D (in order), expected picks (+ taken, = tie at quota)
    [InlineData(1, "1 2 3 4", "A+ B- C- D-")]
    [InlineData(2, "1 2 2 4", "A+ B+= C+= D-")]   // C shares the rank of B, the last taken: both taken, both marked
    [InlineData(1, "1 1 1 4", "A+= B+= C+= D-")]
    [InlineData(2, "1 1 3 4", "A+ B+ C- D-")]     // quota met exactly at a rank boundary: nobody marked
    [InlineData(3, "1 2 2 4", "A+ B+ C+ D-")]     // the tie lies within the quota: nobody marked
    [InlineData(0, "1 2 3 4", "A- B- C- D-")]     // a quota of 0 takes nobody
    [InlineData(0, "1 1 1 1", "A- B- C- D-")]
    [InlineData(9, "1 2 3 4", "A+ B+ C+ D+")]     // a quota larger than the group takes every eligible unit
    public void Units_are_taken_in_rank_order_and_ties_at_the_quota_line_are_all_taken_and_marked(int count, string ranks, string expected)
    {
        var r = ranks.Split(' ').Select(int.Parse).ToArray();

        var proposal = Propose([Award("flag", count: count)], Unit("A", r[0]), Unit("B", r[1]), Unit("C", r[2]), Unit("D", r[3])).Awards[0];

        Assert.Equal(expected, Picks(proposal));
    }

    [Theory]
    // scores of A B C D with minScore 90 and count 1, ranks 1 2 2 4, expected
    [InlineData("89 95 95 80", "A- B+= C+= D-")] // A ineligible; B taken, C shares its rank
    [InlineData("89 95 89 80", "A- B+ C- D-")]   // C shares B's rank but is ineligible: no tie
    [InlineData("89 89 89 95", "A- B- C- D+")]   // the walk goes on past ineligible units
    [InlineData("89 89 89 89", "A- B- C- D-")]
    public void Ineligible_units_are_passed_over(string scores, string expected)
    {
        var s = scores.Split(' ').Select(decimal.Parse).ToArray();

        var proposal = Propose(
            [Award("flag", count: 1, minScore: 90m)],
            Unit("A", 1, s[0]), Unit("B", 2, s[1]), Unit("C", 2, s[2]), Unit("D", 4, s[3])).Awards[0];

        Assert.Equal(expected, Picks(proposal));
        Assert.Equal(s.Select(x => x >= 90m), proposal.Candidates.Select(c => c.Eligible));
    }

    [Fact]
    public void Each_condition_the_award_sets_gives_one_reason()
    {
        var award = Award("flag", count: 1, minScore: 90m, minMonthScore: 80m, maxLateMonths: 0);

        var candidate = Propose([award], Unit("SNV", 1, 92.35m, lowest: 79.5m, late: 1)).Awards[0].Candidates.Single();

        Assert.Equal(
            [
                new ConditionResult("minScore", 90m, 92.35m, null, null, true),
                new ConditionResult("minMonthScore", 80m, 79.5m, null, null, false),
                new ConditionResult("maxLateMonths", 0m, 1m, null, null, false),
            ],
            candidate.Reasons);
        Assert.False(candidate.Eligible);
        Assert.False(candidate.Selected);
    }

    [Theory]
    // condition set, actual, passed
    [InlineData("minScore", 90, 90, true)]       // score ≥
    [InlineData("minScore", 90, 89.99, false)]
    [InlineData("minMonthScore", 80, 80, true)]  // lowest month ≥
    [InlineData("minMonthScore", 80, 79.99, false)]
    [InlineData("maxLateMonths", 1, 1, true)]    // late months ≤
    [InlineData("maxLateMonths", 1, 2, false)]
    public void A_condition_holds_on_its_boundary(string condition, decimal required, decimal actual, bool passed)
    {
        var award = condition switch
        {
            "minScore" => Award("a", count: 1, minScore: required),
            "minMonthScore" => Award("a", count: 1, minMonthScore: required),
            _ => Award("a", count: 1, maxLateMonths: (int)required),
        };
        var unit = condition switch
        {
            "minScore" => Unit("U", 1, score: actual),
            "minMonthScore" => Unit("U", 1, lowest: actual),
            _ => Unit("U", 1, late: (int)actual),
        };

        var reason = Propose([award], unit).Awards[0].Candidates.Single().Reasons.Single();

        Assert.Equal((condition, required, actual, passed), (reason.Condition, reason.Required!.Value, reason.Actual!.Value, reason.Passed));
    }

    [Fact]
    public void An_award_without_conditions_gives_no_reasons()
    {
        var candidate = Propose([Award("a", count: 1)], Unit("U", 1)).Awards[0].Candidates.Single();
        Assert.Empty(candidate.Reasons);
        Assert.True(candidate.Eligible);
    }

    [Fact]
    public void Holders_of_an_earlier_award_named_in_excluded_by_are_not_eligible()
    {
        // flag: 1 per block → A. merit: 1 per block, excludedBy flag → A is out, B takes it.
        // commend: 1 per block, excludedBy merit only → A (holding flag) is eligible again.
        var awards = new[]
        {
            Award("flag", count: 1),
            Award("merit", count: 1, excludedBy: "flag"),
            Award("commend", count: 1, excludedBy: "merit"),
        };

        var proposal = Propose(awards, Unit("A", 1), Unit("B", 2), Unit("C", 3));

        Assert.Equal(["flag", "merit", "commend"], proposal.Awards.Select(a => a.Award));
        Assert.Equal("A+ B- C-", Picks(proposal.Awards[0]));
        Assert.Equal("A- B+ C-", Picks(proposal.Awards[1]));
        Assert.Equal("A+ B- C-", Picks(proposal.Awards[2]));
        var reasonOfA = proposal.Awards[1].Candidates[0].Reasons.Single();
        Assert.Equal(("excludedBy", false), (reasonOfA.Condition, reasonOfA.Passed));
        Assert.Equal(["flag"], reasonOfA.RequiredCodes!);
        Assert.Equal(["flag"], reasonOfA.ActualCodes!);
        var reasonOfB = proposal.Awards[1].Candidates[1].Reasons.Single();
        Assert.Equal((true, 0), (reasonOfB.Passed, reasonOfB.ActualCodes!.Count));
        Assert.Equal(["flag"], (IEnumerable<string>)proposal.Awards[2].Candidates[0].Reasons.Single().ActualCodes!);
        Assert.Equal(["flag"], (IEnumerable<string>)proposal.Awards[1].Candidates[0].Reasons.Single().RequiredValue);
    }

    [Fact]
    public void Block_awards_group_by_block_code_and_overall_awards_form_one_group()
    {
        // Overall: Y 1, A 2, X 3, B 4. Block B2: Y 1, X 2; block B1: A 1, B 2.
        var units = new[]
        {
            Unit("Y", 1, 96m, "B2", overallRank: 1),
            Unit("A", 1, 95m, "B1", overallRank: 2),
            Unit("X", 2, 94m, "B2", overallRank: 3),
            Unit("B", 2, 93m, "B1", overallRank: 4),
        };

        var proposal = Propose([Award("flag", count: 1), Award("top", count: 1, scope: AwardScope.Overall)], units);

        var flag = proposal.Awards[0];
        Assert.Equal(["A:1", "B:2", "Y:1", "X:2"], flag.Candidates.Select(c => $"{c.Unit}:{c.Rank}"));
        Assert.Equal(["B1", "B2"], flag.Groups.Select(g => g.Block!));
        Assert.Equal("A+ B- Y+ X-", Picks(flag));
        var top = proposal.Awards[1];
        Assert.Equal(["Y:1", "A:2", "X:3", "B:4"], top.Candidates.Select(c => $"{c.Unit}:{c.Rank}"));
        Assert.Equal([new AwardGroup(null, 4, 1, 1)], top.Groups);
        Assert.Equal("Y+ A- X- B-", Picks(top));
    }

    [Fact]
    public void Candidates_of_equal_rank_are_listed_by_unit_code()
    {
        var proposal = Propose([Award("flag", count: 1)], Unit("b", 1), Unit("B", 1), Unit("A", 3)).Awards[0];

        // Ordinal: "B" < "b".
        Assert.Equal(["B", "b", "A"], proposal.Candidates.Select(c => c.Unit));
    }
}
