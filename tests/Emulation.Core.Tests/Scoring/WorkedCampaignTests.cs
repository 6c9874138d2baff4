using Emulation.Core.Awards;
using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Scoring;

/// <summary>The campaign of <see cref="WorkedCampaign"/>, whose figures are worked out by hand there.</summary>
public sealed class WorkedCampaignTests
{
    private static readonly Standings Standings = ScoringEngine.Rank(WorkedCampaign.Campaign, WorkedCampaign.Input);

    [Theory]
    [InlineData("SNV", 93.25, 100, 96.67)]
    [InlineData("STP", 70.83, 86.67, 100)]
    [InlineData("SYT", 82.33, 100, 100)]
    [InlineData("CB", 87.5, 58.33, 63.33)]
    [InlineData("CL", 0, 95, 100)]
    public void Month_totals_are_as_worked_by_hand(string unit, decimal first, decimal second, decimal third)
    {
        Assert.Equal([first, second, third], Standings.Find(unit)!.Months.Values);
        Assert.Equal([1, 2, 3], Standings.Find(unit)!.Months.Keys);
    }

    [Fact]
    public void Standings_are_as_worked_by_hand()
    {
        Assert.Equal(
            [
                "SNV KA 96.64 1/1 excellent late 0 lowest 93.25",
                "SYT KA 94.11 2/2 excellent late 1 lowest 82.33",
                "STP KA 85.83 3/3 good late 0 lowest 70.83",
                "CB KB 69.72 4/1 fair late 0 lowest 58.33",
                "CL KB 65 5/2 fair late 2 lowest 0",
            ],
            Standings.Units.Select(u => $"{u.Unit} {u.Block} {u.Score} {u.OverallRank}/{u.BlockRank} {u.Classification} late {u.LateMonths} lowest {u.LowestMonth}"));
        Assert.Equal(3, Standings.ThroughMonth);
    }

    [Fact]
    public void Area_means_are_as_worked_by_hand()
    {
        // SNV: area 1 (4 + 4 + 4) ÷ 3 = 4; area 2 (5.19 + 6 + 6) ÷ 3 = 5.73; area 3 2; area 4 (0 + 0 + 2.5) ÷ 3 = 0.83.
        Assert.Equal(["1", "2", "3", "4"], Standings.Find("SNV")!.Areas.Keys);
        Assert.Equal([4m, 5.73m, 2m, 0.83m], Standings.Find("SNV")!.Areas.Values);
        // CL (month 1 missing = 0): area 1 (0 + 4 + 4) ÷ 3 = 2.67; area 2 (0 + 6 + 6) ÷ 3 = 4; area 3 1.33; area 4 1.
        Assert.Equal([2.67m, 4m, 1.33m, 1m], Standings.Find("CL")!.Areas.Values);
        // SYT: area 3 (1 + 2 + 2) ÷ 3 = 1.67 — the deduction counts, lateness does not.
        Assert.Equal(1.67m, Standings.Find("SYT")!.Areas["3"]);
    }

    [Fact]
    public void Awards_are_as_worked_by_hand()
    {
        var proposal = AwardRules.Propose(WorkedCampaign.Campaign, Standings);

        Assert.Equal(
            [
                "flag: SNV KA 1 eligible selected | SYT KA 2 - - | STP KA 3 eligible - | CB KB 1 - - | CL KB 2 - -",
                "merit: SNV KA 1 - - | SYT KA 2 eligible selected | STP KA 3 eligible - | CB KB 1 eligible selected | CL KB 2 eligible -",
                "top: SNV KA 1 eligible selected | SYT KA 2 eligible - | STP KA 3 - - | CB KB 4 - - | CL KB 5 - -",
            ],
            proposal.Awards.Select(a => $"{a.Award}: " + string.Join(" | ", a.Candidates.Select(c =>
                $"{c.Unit} {c.Block} {c.Rank} {(c.Eligible ? "eligible" : "-")} {(c.Selected ? "selected" : "-")}"))));
        Assert.Equal(["KA 3/1/1", "KB 2/1/1"], proposal.Awards[1].Groups.Select(g => $"{g.Block} {g.Size}/{g.Quota}/{g.Selected}"));
        Assert.DoesNotContain(proposal.Awards.SelectMany(a => a.Candidates), c => c.TieAtQuota);

        var syt = proposal.Awards[0].Candidates.Single(c => c.Unit == "SYT");
        Assert.Equal(["minScore:True", "minMonthScore:True", "maxLateMonths:False"], syt.Reasons.Select(r => $"{r.Condition}:{r.Passed}"));
        var cl = proposal.Awards[0].Candidates.Single(c => c.Unit == "CL");
        Assert.Equal([65m, 0m, 2m], cl.Reasons.Select(r => r.Actual!.Value));
        Assert.DoesNotContain(cl.Reasons, r => r.Passed);
    }

    [Fact]
    public void Ranking_after_month_2_counts_months_1_and_2_only()
    {
        // SNV (93.25 + 100) ÷ 2 = 96.625 → 96.63; SYT (82.33 + 100) ÷ 2 = 91.165 → 91.17;
        // STP (70.83 + 86.67) ÷ 2 = 78.75; CL (0 + 95) ÷ 2 = 47.5; CB (87.5 + 58.33) ÷ 2 = 72.915 → 72.92.
        var standings = ScoringEngine.Rank(WorkedCampaign.Campaign, WorkedCampaign.Input, throughMonth: 2);

        Assert.Equal(
            ["SNV 96.63", "SYT 91.17", "STP 78.75", "CB 72.92", "CL 47.5"],
            standings.Units.Select(u => $"{u.Unit} {u.Score}"));
        // SNV's area 4 (quarterly, first due in month 3) has no points yet.
        Assert.Equal(0m, standings.Find("SNV")!.Areas["4"]);
    }

    [Fact]
    public void A_months_ranking_orders_the_units_on_that_months_totals()
    {
        // Month 1: SNV 93.25, CB 87.5, SYT 82.33 (2 days late), STP 70.83, CL 0 (missing).
        var standings = ScoringEngine.RankMonth(WorkedCampaign.Campaign, WorkedCampaign.Input, 1);

        Assert.Equal(
            ["SNV 93.25 1/1 late 0", "CB 87.5 2/1 late 0", "SYT 82.33 3/2 late 1", "STP 70.83 4/3 late 0", "CL 0 5/2 late 1"],
            standings.Units.Select(u => $"{u.Unit} {u.Score} {u.OverallRank}/{u.BlockRank} late {u.LateMonths}"));
        Assert.Equal([1], standings.Find("SYT")!.Months.Keys);
        // SYT's month 1 areas: 2 + 2 | excluded 0 | 2 − 1 | not due.
        Assert.Equal([4m, 0m, 1m, 0m], standings.Find("SYT")!.Areas.Values);
        Assert.All(standings.Find("CL")!.Areas.Values, a => Assert.Equal(0m, a));
        Assert.Equal("good", standings.Find("STP")!.Classification); // 70.83 ≥ 70
    }
}
