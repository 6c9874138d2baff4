using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Scoring;

public sealed class MonthScoringTests
{
    private static decimal MonthTotal(Campaign campaign, ScoringInput input, int month = 1, string unit = "U") =>
        ScoringEngine.Rank(campaign, input, month).Find(unit)!.Months[month];

    /// <summary>Area 1: binary 1.1 (max 4). Area 2: proportional ratio 2.1 (max 6).</summary>
    private static Campaign BinaryAndRatio(WhenNoData whenNoData, bool normalise = true) => TestCampaign.Create()
        .Normalise(normalise)
        .Area("1", C.Binary("1.1", 4m))
        .Area("2", C.Proportional("2.1", 6m, whenNoData: whenNoData))
        .Build();

    [Theory]
    // whenNoData, expected: 1.1 yes = 4; 2.1 is 0 ÷ 0
    [InlineData(WhenNoData.Exclude, 100)] // 4 × 100 ÷ 4 (2.1 leaves the maxima) = 100
    [InlineData(WhenNoData.Zero, 40)]     // 4 × 100 ÷ 10 = 40
    [InlineData(WhenNoData.Full, 100)]    // (4 + 6) × 100 ÷ 10 = 100
    public void An_excluded_ratio_lowers_the_months_maximum(WhenNoData whenNoData, decimal expected)
    {
        var input = TestInput.Create().Unit("U").Month("U", 1, E.Yes("1.1"), E.Ratio("2.1", 0m, 0m)).Build();
        Assert.Equal(expected, MonthTotal(BinaryAndRatio(whenNoData), input));
    }

    [Fact]
    public void A_missing_ratio_row_scores_0_and_keeps_its_maximum()
    {
        // No row for 2.1 is not "no data": 4 × 100 ÷ (4 + 6) = 40, even with whenNoData exclude.
        var input = TestInput.Create().Unit("U").Month("U", 1, E.Yes("1.1")).Build();
        Assert.Equal(40m, MonthTotal(BinaryAndRatio(WhenNoData.Exclude), input));
    }

    [Fact]
    public void Without_normalising_the_month_total_is_the_raw_total()
    {
        // 4 + 6 × 3 ÷ 4 = 4 + 4.5 = 8.5
        var input = TestInput.Create().Unit("U").Month("U", 1, E.Yes("1.1"), E.Ratio("2.1", 3m, 4m)).Build();
        Assert.Equal(8.5m, MonthTotal(BinaryAndRatio(WhenNoData.Zero, normalise: false), input));
    }

    [Fact]
    public void The_normalised_total_is_rounded_once()
    {
        // Area 1: 1.1 (max 1) yes, 1.2 (max 2) no → 1 × 100 ÷ 3 = 33.333… → 33.33
        var campaign = TestCampaign.Create().Area("1", C.Binary("1.1", 1m), C.Binary("1.2", 2m)).Build();
        var input = TestInput.Create().Unit("U").Month("U", 1, E.Yes("1.1"), E.No("1.2")).Build();
        Assert.Equal(33.33m, MonthTotal(campaign, input));
    }

    [Theory]
    // normalise, expected
    [InlineData(true, 50)]  // area 1: 0 + (−2) = −2 → clamped 0; area 2: 1 → 1 × 100 ÷ (1 + 1) = 50
    [InlineData(false, 1)]  // raw 0 + 1 = 1 (not −1)
    public void A_subtotal_pushed_below_0_by_deductions_is_clamped(bool normalise, decimal expected)
    {
        var campaign = TestCampaign.Create().Normalise(normalise)
            .Area("1", C.Binary("1.1", 1m), C.Deduction("1.9", 1m, 3m))
            .Area("2", C.Binary("2.1", 1m))
            .Build();
        var input = TestInput.Create().Unit("U").Month("U", 1, E.No("1.1"), E.Number("1.9", 2m), E.Yes("2.1")).Build();
        Assert.Equal(expected, MonthTotal(campaign, input));
    }

    [Fact]
    public void A_parent_criterion_is_clamped_before_its_area_adds_it()
    {
        // 1.2 = 1.2.1 yes (2) + 1.2.9 three occurrences (−3) = −1 → clamped 0.
        // Area 1 = 1.1 yes (2) + 1.2 (0) = 2, not 2 − 1 = 1. Maxima: 2 + 2 = 4. 2 × 100 ÷ 4 = 50.
        var campaign = TestCampaign.Create()
            .Area("1", C.Binary("1.1", 2m), C.Parent("1.2", C.Binary("1.2.1", 2m), C.Deduction("1.2.9", 1m, 5m)))
            .Build();
        var input = TestInput.Create().Unit("U").Month("U", 1, E.Yes("1.1"), E.Yes("1.2.1"), E.Number("1.2.9", 3m)).Build();
        Assert.Equal(50m, MonthTotal(campaign, input));
    }

    [Theory]
    // month, 1.2 answer, expected
    [InlineData(1, true, 100)] // 1.2 (quarterly) not due: its row is ignored; 2 × 100 ÷ 2 = 100
    [InlineData(1, false, 100)]
    [InlineData(3, true, 100)] // due: (2 + 2) × 100 ÷ 4
    [InlineData(3, false, 50)] // due: 2 × 100 ÷ 4
    public void A_criterion_not_due_leaves_the_maxima_and_its_row_is_ignored(int month, bool answer, decimal expected)
    {
        var campaign = TestCampaign.Create()
            .Area("1", C.Binary("1.1", 2m), C.Binary("1.2", 2m, Frequency.Quarterly))
            .Build();
        var input = TestInput.Create().Unit("U").Month("U", month, E.Yes("1.1"), answer ? E.Yes("1.2") : E.No("1.2")).Build();
        Assert.Equal(expected, MonthTotal(campaign, input, month));
    }

    [Theory]
    // submitted on, extended deadline, expected: 100 points less min(5, 0.5 × days)
    [InlineData(null, null, 100)]
    [InlineData("2017-02-05", null, 100)]          // on the deadline day
    [InlineData("2017-02-06", null, 99.5)]         // 1 day: −0.5
    [InlineData("2017-02-08", null, 98.5)]         // 3 days: −1.5
    [InlineData("2017-02-25", null, 95)]           // 20 days: −10, capped at −5
    [InlineData("2017-02-12", "2017-02-15", 100)]  // within the extended deadline
    [InlineData("2017-02-17", "2017-02-15", 99)]   // 2 days after the extended deadline
    public void Late_submission_loses_the_campaign_deduction(string? submittedOn, string? deadline, decimal expected)
    {
        var campaign = TestCampaign.Create().Area("1", C.Binary("1.1", 1m)).Build();
        var input = TestInput.Create().Unit("U")
            .Month("U", 1, LatenessTests.Date(submittedOn), LatenessTests.Date(deadline), E.Yes("1.1"))
            .Build();
        Assert.Equal(expected, MonthTotal(campaign, input));
    }

    [Fact]
    public void December_is_late_only_after_its_deadline_in_January()
    {
        var campaign = TestCampaign.Create().Months(11, 12).Area("1", C.Binary("1.1", 1m)).Build();
        var input = TestInput.Create().Unit("U")
            .Month("U", 11, E.Yes("1.1"))
            .Month("U", 12, LatenessTests.Date("2018-01-05"), null, E.Yes("1.1"))
            .Unit("V")
            .Month("V", 11, E.Yes("1.1"))
            .Month("V", 12, LatenessTests.Date("2018-01-07"), null, E.Yes("1.1"))
            .Build();

        var standings = ScoringEngine.Rank(campaign, input);

        Assert.Equal((100m, 0), (standings.Find("U")!.Months[12], standings.Find("U")!.LateMonths));
        Assert.Equal((99m, 1), (standings.Find("V")!.Months[12], standings.Find("V")!.LateMonths)); // 2 days: −1
    }

    [Fact]
    public void Deadline_day_31_in_a_30_day_month_is_its_last_day()
    {
        // March's deadline with day 31 is 30 April: on time on the 30th, late on 1 May.
        var campaign = TestCampaign.Create().Months(3, 3).DeadlineDay(31).Area("1", C.Binary("1.1", 1m)).Build();
        var onTime = TestInput.Create().Unit("U").Month("U", 3, LatenessTests.Date("2017-04-30"), null, E.Yes("1.1")).Build();
        var late = TestInput.Create().Unit("U").Month("U", 3, LatenessTests.Date("2017-05-01"), null, E.Yes("1.1")).Build();

        Assert.Equal(100m, MonthTotal(campaign, onTime, 3));
        Assert.Equal(99.5m, MonthTotal(campaign, late, 3));
    }

    [Fact]
    public void Lateness_never_takes_a_month_below_0()
    {
        // Raw 2 (no normalising), 10 days late: 2 − min(5, 0.5 × 10) = −3 → 0.
        var campaign = TestCampaign.Create().Normalise(false).Area("1", C.Binary("1.1", 2m), C.Binary("1.2", 8m)).Build();
        var input = TestInput.Create().Unit("U").Month("U", 1, LatenessTests.Date("2017-02-15"), null, E.Yes("1.1"), E.No("1.2")).Build();

        var standing = ScoringEngine.Rank(campaign, input, 1).Find("U")!;

        Assert.Equal(0m, standing.Months[1]);
        Assert.Equal(1, standing.LateMonths);
    }

    [Theory]
    // missing month score, normalise, expected
    [InlineData(0, true, 0)]
    [InlineData(20, true, 20)]  // as it is: not normalised
    [InlineData(20, false, 20)]
    public void A_missing_month_scores_the_missing_month_score_and_is_late(decimal missingScore, bool normalise, decimal expected)
    {
        var campaign = TestCampaign.Create().Months(1, 2).MissingMonthScore(missingScore).Normalise(normalise)
            .Area("1", C.Binary("1.1", 4m)).Build();
        var input = TestInput.Create().Unit("U").Month("U", 1, E.Yes("1.1")).Build();

        var standing = ScoringEngine.Rank(campaign, input).Find("U")!;

        Assert.Equal(expected, standing.Months[2]);
        Assert.Equal(1, standing.LateMonths);
    }

    [Fact]
    public void A_missing_months_score_is_rounded_like_every_month_total()
    {
        // missingMonthScore 3.335: the missing month is 3.34 (away from zero), and the lowest month
        // and the year to date use 3.34 too — an award's minMonthScore 3.34 then passes.
        var campaign = TestCampaign.Create().Months(1, 2).MissingMonthScore(3.335m).Normalise(false)
            .Area("1", C.Manual("1.1", 10m))
            .Award(new Award { Code = "flag", Title = new LocalizedText("f", "f"), Scope = AwardScope.Block, Count = 1, MinMonthScore = 3.34m })
            .Build();
        var input = TestInput.Create().Unit("U").Month("U", 1, E.Number("1.1", 3.34m)).Build();

        var standings = ScoringEngine.Rank(campaign, input);
        var standing = standings.Find("U")!;

        Assert.Equal(3.34m, standing.Months[2]);
        Assert.Equal(3.34m, standing.LowestMonth);
        Assert.Equal(3.34m, standing.Score);
        var reason = Assert.Single(Emulation.Core.Awards.AwardRules.Propose(campaign, standings).Awards[0].Candidates[0].Reasons);
        Assert.True(reason.Passed);
    }

    [Fact]
    public void A_month_whose_maxima_are_all_0_scores_0_when_normalised()
    {
        // Only a deduction criterion is due: due maximum 0 → total 0 (no division by zero).
        var campaign = TestCampaign.Create().Area("1", C.Deduction("1.9", 1m, 2m)).Build();
        var input = TestInput.Create().Unit("U").Month("U", 1, E.Number("1.9", 0m)).Build();
        Assert.Equal(0m, MonthTotal(campaign, input));
    }

    [Fact]
    public void A_row_for_a_criterion_not_due_still_makes_the_month_submitted()
    {
        // The unit sent only a row for the quarterly 1.2 in month 1: the month is not missing (not late);
        // 1.1 is due with no row: 0 of 2.
        var campaign = TestCampaign.Create().Months(1, 1)
            .Area("1", C.Binary("1.1", 2m), C.Binary("1.2", 2m, Frequency.Quarterly)).Build();
        var input = TestInput.Create().Unit("U").Month("U", 1, E.Yes("1.2")).Build();

        var standing = ScoringEngine.Rank(campaign, input).Find("U")!;

        Assert.Equal((0m, 0), (standing.Months[1], standing.LateMonths));
    }

    [Fact]
    public void Area_means_are_not_normalised_are_before_lateness_and_count_a_missing_month_as_0()
    {
        // Area 1 (max 4 of 10): month 1 = 4 on time, month 2 = 3 (3 days late), month 3 missing.
        // Mean = (4 + 3 + 0) ÷ 3 = 2.333… → 2.33. Area 2: (6 + 0 + 0) ÷ 3 = 2.
        var campaign = TestCampaign.Create().Months(1, 3)
            .Area("1", C.Manual("1.1", 4m))
            .Area("2", C.Manual("2.1", 6m))
            .Build();
        var input = TestInput.Create().Unit("U")
            .Month("U", 1, E.Number("1.1", 4m), E.Number("2.1", 6m))
            .Month("U", 2, LatenessTests.Date("2017-03-08"), null, E.Number("1.1", 3m), E.Number("2.1", 0m))
            .Build();

        var standing = ScoringEngine.Rank(campaign, input).Find("U")!;

        Assert.Equal(2.33m, standing.Areas["1"]);
        Assert.Equal(2m, standing.Areas["2"]);
        Assert.Equal(new[] { "1", "2" }, standing.Areas.Keys);
        // Month 2: 3 × 100 ÷ 10 = 30 − 1.5 = 28.5. Year: (100 + 28.5 + 0) ÷ 3 = 42.833… → 42.83.
        Assert.Equal(new[] { 100m, 28.5m, 0m }, standing.Months.Values);
        Assert.Equal(42.83m, standing.Score);
        Assert.Equal(2, standing.LateMonths);
    }
}
