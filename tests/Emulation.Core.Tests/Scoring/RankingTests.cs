using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Scoring;

public sealed class RankingTests
{
    /// <summary>
    /// One manual criterion of 100 points, not normalised, lateness free but counted: a month's
    /// total is the points given, and a late month is only a late month.
    /// </summary>
    private static TestCampaign Hundred(int months) => TestCampaign.Create()
        .Months(1, months).Normalise(false).Late(0m, 0m)
        .Area("1", C.Manual("1.1", 100m));

    private static readonly DateOnly Late = new(2017, 3, 10);

    /// <summary>Month totals of five units; all but A average 87.5.</summary>
    private static ScoringInput FiveUnits(string blockOfE = "B1")
    {
        var input = TestInput.Create();
        void Unit(string code, decimal first, decimal second, bool secondLate = false, string block = "B1")
        {
            input.Unit(code, block)
                .Month(code, 1, E.Number("1.1", first))
                .Month(code, 2, secondLate ? Late : null, null, E.Number("1.1", second));
        }

        Unit("E", 90m, 85m, secondLate: true, block: blockOfE); // 87.5, lowest 85, 1 late
        Unit("B", 95m, 80m);                 // 87.5, lowest 80, 0 late
        Unit("D", 85m, 90m);                 // 87.5, lowest 85, 0 late
        Unit("C", 90m, 85m);                 // 87.5, lowest 85, 0 late
        Unit("A", 90m, 90m);                 // 90
        return input.Build();
    }

    [Theory]
    // tie-break chain, expected "unit:rank" in listing order
    [InlineData("lowestMonth,fewerLateMonths", "A:1 C:2 D:2 E:4 B:5")] // B loses on its lowest month (80), E on its late month
    [InlineData("fewerLateMonths,lowestMonth", "A:1 C:2 D:2 B:4 E:5")] // E loses first on lateness; then B on its lowest month
    [InlineData("lowestMonth", "A:1 C:2 D:2 E:2 B:5")]                 // lateness not a tie-break: E ties with C and D
    [InlineData("", "A:1 B:2 C:2 D:2 E:2")]                            // no tie-break: all of 87.5 share rank 2, listed by code
    public void Units_still_equal_after_the_tie_breaks_share_a_rank_and_the_next_is_skipped(string chain, string expected)
    {
        var tieBreaks = chain.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => t == "lowestMonth" ? TieBreak.LowestMonth : TieBreak.FewerLateMonths)
            .ToArray();
        var campaign = Hundred(2).TieBreaks(tieBreaks).Build();

        var standings = ScoringEngine.Rank(campaign, FiveUnits());

        Assert.Equal(expected, string.Join(' ', standings.Units.Select(u => $"{u.Unit}:{u.OverallRank}")));
        Assert.All(standings.Units, u => Assert.Equal(u.OverallRank, u.BlockRank));
    }

    [Fact]
    public void Block_ranks_count_only_the_units_of_the_block()
    {
        var campaign = Hundred(2).Build();

        var standings = ScoringEngine.Rank(campaign, FiveUnits(blockOfE: "B2"));

        // Overall A 1, C 2, D 2, E 4, B 5; in B1 without E: A 1, C 2, D 2, B 4; E alone in B2: 1.
        Assert.Equal("A:1/1 C:2/2 D:2/2 E:4/1 B:5/4", string.Join(' ', standings.Units.Select(u => $"{u.Unit}:{u.OverallRank}/{u.BlockRank}")));
        Assert.Equal(1, standings.Find("E")!.LateMonths);
        Assert.Equal(80m, standings.Find("B")!.LowestMonth);
    }

    [Fact]
    public void Ranking_after_an_earlier_month_counts_only_those_months_and_not_a_yearly_criterion()
    {
        // 1.1 manual (max 10) monthly; 1.2 binary (max 10) yearly: due only in month 3, the last.
        // A: month 1 = 9 → 90; month 2 = 9 → 90; month 3 = 2 + no → 2 × 100 ÷ 20 = 10, sent on 20 April,
        //    15 days after 5 April: 10 − min(5, 0.5 × 15) = 5.
        //    (A's 1.2 "yes" in month 1 is not due and ignored.)
        // B: month 1 = 10 → 100; month 2 = 8 → 80; month 3 = 10 + yes → 100.
        // After month 2: A 90 (lowest 90), B 90 (lowest 80): A first — month 3's 10 is not counted.
        // After month 3: A (90 + 90 + 5) ÷ 3 = 61.67, B (100 + 80 + 100) ÷ 3 = 93.33: B first.
        var campaign = TestCampaign.Create().Months(1, 3)
            .Area("1", C.Manual("1.1", 10m), C.Binary("1.2", 10m, Frequency.Yearly))
            .Build();
        var input = TestInput.Create()
            .Unit("A").Unit("B")
            .Month("A", 1, E.Number("1.1", 9m), E.Yes("1.2"))
            .Month("A", 2, E.Number("1.1", 9m))
            .Month("A", 3, LatenessTests.Date("2017-04-20"), null, E.Number("1.1", 2m), E.No("1.2"))
            .Month("B", 1, E.Number("1.1", 10m))
            .Month("B", 2, E.Number("1.1", 8m))
            .Month("B", 3, E.Number("1.1", 10m), E.Yes("1.2"))
            .Build();

        var afterFebruary = ScoringEngine.Rank(campaign, input, throughMonth: 2);
        var afterMarch = ScoringEngine.Rank(campaign, input);

        Assert.Equal(2, afterFebruary.ThroughMonth);
        Assert.Equal(["A", "B"], afterFebruary.Units.Select(u => u.Unit));
        Assert.Equal([1, 2], afterFebruary.Units.Select(u => u.OverallRank));
        Assert.Equal([90m, 90m], afterFebruary.Units.Select(u => u.Score));
        Assert.Equal([1, 2], afterFebruary.Find("A")!.Months.Keys);
        Assert.Equal(0, afterFebruary.Find("A")!.LateMonths);
        Assert.Equal(["B", "A"], afterMarch.Units.Select(u => u.Unit));
        Assert.Equal([93.33m, 61.67m], afterMarch.Units.Select(u => u.Score));
        Assert.Equal(1, afterMarch.Find("A")!.LateMonths);
    }

    [Theory]
    // month totals, expected year to date
    [InlineData("90,90,91", 90.33)]        // 271 ÷ 3 = 90.333…
    [InlineData("90,90.01", 90.01)]        // 180.01 ÷ 2 = 90.005 → 90.01 (away from zero, not to even)
    [InlineData("90.01,90.01,90", 90.01)]  // 270.02 ÷ 3 = 90.00666…
    [InlineData("100,0,0", 33.33)]
    public void The_year_to_date_is_the_rounded_mean_of_the_month_totals(string totals, decimal expected)
    {
        var months = totals.Split(',').Select(t => decimal.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var campaign = Hundred(months.Length).Build();
        var input = TestInput.Create().Unit("U");
        for (var m = 0; m < months.Length; m++)
        {
            input.Month("U", m + 1, E.Number("1.1", months[m]));
        }

        Assert.Equal(expected, ScoringEngine.Rank(campaign, input.Build()).Find("U")!.Score);
    }

    [Theory]
    [InlineData(100, "excellent")]
    [InlineData(90, "excellent")]
    [InlineData(89.99, "good")]
    [InlineData(70, "good")]
    [InlineData(50, "fair")]
    [InlineData(49.99, "weak")]
    [InlineData(0, "weak")]
    public void Classification_is_the_highest_band_whose_min_the_score_reaches(decimal score, string expected)
    {
        var campaign = Hundred(1).Build();
        Assert.Equal(expected, ScoringEngine.Classify(campaign, score));
    }

    [Fact]
    public void Standings_carry_the_classification_of_the_rounded_score()
    {
        // (90 + 89.99) ÷ 2 = 89.995 → 90.00: excellent, although the exact mean is below 90.
        var campaign = Hundred(2).Build();
        var input = TestInput.Create().Unit("U").Month("U", 1, E.Number("1.1", 90m)).Month("U", 2, E.Number("1.1", 89.99m)).Build();

        var standing = ScoringEngine.Rank(campaign, input).Find("U")!;

        Assert.Equal((90m, "excellent"), (standing.Score, standing.Classification));
    }

    [Fact]
    public void Ranks_are_decided_on_the_rounded_scores()
    {
        // A: (90 + 89.99) ÷ 2 = 89.995 → 90.00; B: 90, 90 → 90.00. Equal scores; lowest month then
        // decides (B's 90 > A's 89.99), not the unrounded means.
        var campaign = Hundred(2).TieBreaks().Build();
        var input = TestInput.Create().Unit("A").Unit("B")
            .Month("A", 1, E.Number("1.1", 90m)).Month("A", 2, E.Number("1.1", 89.99m))
            .Month("B", 1, E.Number("1.1", 90m)).Month("B", 2, E.Number("1.1", 90m))
            .Build();

        var standings = ScoringEngine.Rank(campaign, input);

        Assert.Equal([1, 1], standings.Units.Select(u => u.OverallRank));
    }

    [Fact]
    public void Units_of_different_kinds_are_scored_on_their_own_framework()
    {
        var campaign = TestCampaign.Create().Months(1, 1)
            .AreaOf("department", "1", C.Binary("1.1", 2m), C.Binary("1.2", 2m))
            .AreaOf("district", "1", C.Binary("1.1", 5m))
            .Build();
        var input = TestInput.Create()
            .Unit("SNV", "B1", "department").Unit("CAIBE", "B2", "district")
            .Month("SNV", 1, E.Yes("1.1"), E.No("1.2"))   // 2 × 100 ÷ 4 = 50
            .Month("CAIBE", 1, E.Yes("1.1"))              // 5 × 100 ÷ 5 = 100
            .Build();

        var standings = ScoringEngine.Rank(campaign, input);

        Assert.Equal(["CAIBE:100:district", "SNV:50:department"], standings.Units.Select(u => $"{u.Unit}:{u.Score}:{u.Kind}"));
    }

    [Fact]
    public void Inconsistent_input_is_refused()
    {
        var campaign = Hundred(2).Build();
        Assert.Throws<ArgumentException>(() => ScoringEngine.Rank(campaign, TestInput.Create().Unit("U").Unit("U").Build()));
        Assert.Throws<ArgumentException>(() => ScoringEngine.Rank(campaign, TestInput.Create().Unit("U", kind: "ward").Build()));
        Assert.Throws<ArgumentException>(() => ScoringEngine.Rank(campaign, TestInput.Create().Unit("U").Month("V", 1).Build()));
        Assert.Throws<ArgumentException>(() => ScoringEngine.Rank(campaign, TestInput.Create().Unit("U").Month("U", 3).Build()));
        Assert.Throws<ArgumentException>(() => ScoringEngine.Rank(campaign, TestInput.Create().Unit("U").Month("U", 1).Month("U", 1).Build()));
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoringEngine.Rank(campaign, TestInput.Create().Unit("U").Build(), throughMonth: 3));
    }
}
