using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Scoring;

public sealed class ExplanationTests
{
    private static UnitExplanation Explain(string unit, int? month = null, int? throughMonth = null) =>
        ScoringEngine.Explain(WorkedCampaign.Campaign, WorkedCampaign.Input, unit, month, throughMonth);

    [Fact]
    public void A_month_explanation_lists_every_criterion_with_points_and_due_maximum()
    {
        // SYT, month 1 (see WorkedCampaign): 2.1 excluded (0 of 0), 3.9 −1 (3 × 0.5 capped at 1),
        // 4.1 not due; raw 5 of 6 → 83.333…; 2 days late −1 → 82.33.
        var explanation = Explain("SYT", month: 1);

        Assert.Equal(
            [
                "1.1 leaf due answered 2/2",
                "1.2 leaf due answered 2/2",
                "2.1 leaf due answered excluded 0/0",
                "3.1 leaf due answered 2/2",
                "3.9 leaf due answered -1/0",
                "4.1 leaf - - 0/0",
            ],
            explanation.Criteria.Select(Line));
        Assert.Equal(["1 4/4", "2 0/0", "3 1/2", "4 0/0"], explanation.Areas.Select(a => $"{a.Code} {a.Subtotal}/{a.DueMax}"));
        var month = explanation.Months.Single();
        Assert.Equal((5m, 6m, 1m, 2, true, 82.33m), (month.Raw, month.DueMax, month.LatenessDeduction, month.DaysLate, month.Late, month.Total));
        Assert.Equal(new DateOnly(2017, 2, 5), month.Deadline);
        Assert.Equal(83.33m, CriterionScoring.Round(month.Normalised));
        Assert.Equal(82.33m, explanation.Score);
        Assert.Equal(
            [new DeductionLine(1, "3.9", 3m, -1m), new DeductionLine(1, DeductionLine.Lateness, 2m, -1m)],
            explanation.Deductions);
    }

    [Fact]
    public void A_month_explanation_ranks_on_that_months_totals_and_gives_the_gap_above()
    {
        // Month 1: SNV 93.25, CB 87.5, SYT 82.33, STP 70.83, CL 0.
        var explanation = Explain("SYT", month: 1);

        Assert.Equal(new RankGap(3, "CB", 87.5m, 5.17m, null), explanation.Overall);
        Assert.Equal(new RankGap(2, "SNV", 93.25m, 10.92m, null), explanation.InBlock);
    }

    [Fact]
    public void A_year_to_date_explanation_sums_each_criterion_over_the_months_and_gives_the_gap_above()
    {
        var explanation = Explain("STP");

        Assert.Equal((null, 3, 85.83m, "good"), (explanation.Month, explanation.ThroughMonth, explanation.Score, explanation.Classification));
        Assert.Equal([1, 2, 3], explanation.Months.Select(m => m.Month));
        // 2.1: 5 + 5.4 + 6 = 16.4 of 18; 4.1: 3 of 3 (due in month 3 only); 3.9: −0.5 + 0 + 0.
        Assert.Equal("2.1 leaf due answered 16.4/18", Line(explanation.Criteria.Single(c => c.Code == "2.1")));
        Assert.Equal("4.1 leaf due answered 3/3", Line(explanation.Criteria.Single(c => c.Code == "4.1")));
        Assert.Equal([new DeductionLine(1, "3.9", 1m, -0.5m)], explanation.Deductions);
        // Areas: the standings' rounded means; area 1 (3 + 4 + 4) ÷ 3 = 3.67 of 12.
        Assert.Equal("1 3.67/12", $"{explanation.Areas[0].Code} {explanation.Areas[0].Subtotal}/{explanation.Areas[0].DueMax}");
        // SYT 94.11 − STP 85.83 = 8.28, overall and in block KA.
        Assert.Equal(new RankGap(3, "SYT", 94.11m, 8.28m, null), explanation.Overall);
        Assert.Equal(new RankGap(3, "SYT", 94.11m, 8.28m, null), explanation.InBlock);
    }

    [Fact]
    public void A_missing_month_is_explained_as_missing_and_late()
    {
        var month = Explain("CL", month: 1).Months.Single();

        Assert.Equal((true, true, 0m, 0m), (month.Missing, month.Late, month.Total, month.Raw));
        Assert.All(month.Areas, a => Assert.Equal(0m, a.Subtotal));
    }

    [Fact]
    public void The_first_unit_has_no_gap()
    {
        var explanation = Explain("SNV");

        Assert.Equal(new RankGap(1, null, null, null, null), explanation.Overall);
        Assert.Equal(new RankGap(1, null, null, null, null), explanation.InBlock);
    }

    [Theory]
    // unit, expected rank, unit above, tie-break that decided (scores all 87.5: gap 0.00)
    [InlineData("E", 4, "D", TieBreak.FewerLateMonths)] // C and D share rank 2; D is the last of them listed
    [InlineData("B", 5, "E", TieBreak.LowestMonth)]
    public void A_gap_of_0_names_the_tie_break_that_decided(string unit, int rank, string above, TieBreak decidedBy)
    {
        // The five units of RankingTests: A 90; C, D 87.5 (lowest 85, on time); E 87.5 (lowest 85, one late month);
        // B 87.5 (lowest 80).
        var campaign = TestCampaign.Create().Months(1, 2).Normalise(false).Late(0m, 0m).Area("1", C.Manual("1.1", 100m)).Build();
        var late = new DateOnly(2017, 3, 10);
        var input = TestInput.Create()
            .Unit("A").Month("A", 1, E.Number("1.1", 90m)).Month("A", 2, E.Number("1.1", 90m))
            .Unit("B").Month("B", 1, E.Number("1.1", 95m)).Month("B", 2, E.Number("1.1", 80m))
            .Unit("C").Month("C", 1, E.Number("1.1", 90m)).Month("C", 2, E.Number("1.1", 85m))
            .Unit("D").Month("D", 1, E.Number("1.1", 85m)).Month("D", 2, E.Number("1.1", 90m))
            .Unit("E").Month("E", 1, E.Number("1.1", 90m)).Month("E", 2, late, null, E.Number("1.1", 85m))
            .Build();

        var explanation = ScoringEngine.Explain(campaign, input, unit);

        Assert.Equal(new RankGap(rank, above, 87.5m, 0m, decidedBy), explanation.Overall);
    }

    [Fact]
    public void A_parent_criterion_shows_its_clamped_points()
    {
        // 1.2 = 1.2.1 yes (2) + 1.2.9 three occurrences (−3) = −1 → clamped 0 of 2.
        var campaign = TestCampaign.Create().Months(1, 1)
            .Area("1", C.Binary("1.1", 2m), C.Parent("1.2", C.Binary("1.2.1", 2m), C.Deduction("1.2.9", 1m, 5m)))
            .Build();
        var input = TestInput.Create().Unit("U").Month("U", 1, E.Yes("1.1"), E.Yes("1.2.1"), E.Number("1.2.9", 3m)).Build();

        var explanation = ScoringEngine.Explain(campaign, input, "U", month: 1);

        Assert.Equal(
            ["1.1 leaf due answered 2/2", "1.2 parent due - 0/2", "1.2.1 leaf due answered 2/2", "1.2.9 leaf due answered -3/0"],
            explanation.Criteria.Select(Line));
        Assert.Equal([null, null, "1.2", "1.2"], explanation.Criteria.Select(c => c.Parent));
        Assert.Equal(["1", "1", "1", "1"], explanation.Criteria.Select(c => c.Area));
        Assert.Equal([new DeductionLine(1, "1.2.9", 3m, -3m)], explanation.Deductions);
    }

    [Fact]
    public void An_unknown_unit_cannot_be_explained()
    {
        Assert.Throws<ArgumentException>(() => Explain("XYZ"));
    }

    private static string Line(CriterionResult c) =>
        $"{c.Code} {(c.IsLeaf ? "leaf" : "parent")} {(c.Due ? "due" : "-")} {(c.Answered ? "answered" : "-")}{(c.Excluded ? " excluded" : "")} {c.Points}/{c.DueMax}";
}
