using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Scoring;

public sealed class CriterionScoringTests
{
    [Theory]
    [InlineData(1, 2)] // yes → max
    [InlineData(0, 0)] // no → 0
    public void Binary_scores_its_maximum_or_nothing(decimal answer, decimal expected)
    {
        Assert.Equal(expected, CriterionScoring.Points(C.Binary("1.1", 2m), new EntryValue(answer)));
    }

    [Theory]
    [InlineData("A", 2)]
    [InlineData("B", 1.25)]
    [InlineData("C", 0)]
    public void Levels_score_the_chosen_options_points(string option, decimal expected)
    {
        var criterion = C.Levels("2.4", 2m, ("A", 2m), ("B", 1.25m), ("C", 0m));
        Assert.Equal(expected, CriterionScoring.Points(criterion, EntryValue.Level(option)));
    }

    [Theory]
    // max, numerator, denominator, floor, expected
    [InlineData(3, 5, 24, 0, 0.63)]           // 3 × 5 = 15; 15 ÷ 24 = 0.625 → 0.63 (dividing first gives 0.6249… → 0.62)
    [InlineData(6, 13877, 16032, 0, 5.19)]    // Tân Phước: 6 × 13,877 = 83,262; ÷ 16,032 = 5.1935… → 5.19
    [InlineData(2, 1, 3, 0, 0.67)]            // 2 ÷ 3 = 0.666… → 0.67
    [InlineData(3, 30, 24, 0, 3)]             // 3 × 30 ÷ 24 = 3.75, capped at max 3
    [InlineData(3, 24, 24, 0, 3)]             // all on time → max
    [InlineData(3, 0, 10, 0, 0)]              // none on time → 0
    [InlineData(3, 4, 10, 0.5, 0)]            // ratio 0.4 < floor 0.5 → 0
    [InlineData(3, 5, 10, 0.5, 1.5)]          // ratio 0.5 = floor → 3 × 5 ÷ 10 = 1.5
    [InlineData(2, 1, 8, 0, 0.25)]            // 2 × 1 ÷ 8 = 0.25
    [InlineData(1, 1, 8, 0, 0.13)]            // 1 × 1 ÷ 8 = 0.125 → 0.13 (away from zero, not to even)
    public void Proportional_ratio_multiplies_before_dividing_and_caps_at_max(decimal max, decimal numerator, decimal denominator, decimal floor, decimal expected)
    {
        var criterion = C.Proportional("8.1", max, floor);
        Assert.Equal(expected, CriterionScoring.Points(criterion, EntryValue.Ratio(numerator, denominator)));
    }

    [Fact]
    public void Tan_Phuoc_one_stop_on_time_or_early_share_scores_5_19_of_6()
    {
        // 16,032 dossiers processed: 1,386 on time + 12,491 early = 13,877; 2,155 late.
        const decimal onTime = 1_386m, early = 12_491m, late = 2_155m;
        var processed = onTime + early + late;
        Assert.Equal(16_032m, processed);
        Assert.Equal(86.56m, CriterionScoring.Round((onTime + early) * 100m / processed));

        var points = CriterionScoring.Points(C.Proportional("8.1", 6m), EntryValue.Ratio(onTime + early, processed));

        Assert.Equal(5.19m, points);
    }

    [Fact]
    public void A_proportional_ratio_of_huge_counts_reaches_its_cap_without_overflowing()
    {
        // 6 × 7.9 × 10²⁸ would overflow a decimal; a ratio of 1 is the cap whatever the counts.
        var huge = decimal.MaxValue;
        Assert.Equal(6m, CriterionScoring.Points(C.Proportional("8.1", 6m), EntryValue.Ratio(huge, huge)));
    }

    [Theory]
    // numerator, denominator, expected with bands ≥ 1.0 → 2, ≥ 0.9 → 1
    [InlineData(10, 10, 2)]    // ratio 1.0
    [InlineData(12, 10, 2)]    // ratio 1.2 capped at 1.0
    [InlineData(9, 10, 1)]     // ratio 0.9 exactly on the band
    [InlineData(899, 1000, 0)] // 0.899 below every band
    [InlineData(0, 10, 0)]
    public void Ratio_bands_score_the_highest_band_reached(decimal numerator, decimal denominator, decimal expected)
    {
        var criterion = C.RatioBands("8.2", 2m, WhenNoData.Zero, (1.0m, 2m), (0.9m, 1m));
        Assert.Equal(expected, CriterionScoring.Points(criterion, EntryValue.Ratio(numerator, denominator)));
    }

    [Theory]
    // whenNoData, proportional, expected points, excluded
    [InlineData(WhenNoData.Zero, true, 0, false)]
    [InlineData(WhenNoData.Full, true, 6, false)]
    [InlineData(WhenNoData.Exclude, true, 0, true)]
    [InlineData(WhenNoData.Zero, false, 0, false)]
    [InlineData(WhenNoData.Full, false, 6, false)]
    [InlineData(WhenNoData.Exclude, false, 0, true)]
    public void A_zero_denominator_scores_as_when_no_data_says(WhenNoData whenNoData, bool proportional, decimal expected, bool excluded)
    {
        var criterion = proportional
            ? C.Proportional("8.1", 6m, whenNoData: whenNoData)
            : C.RatioBands("8.1", 6m, whenNoData, (1m, 6m));
        var answer = EntryValue.Ratio(0m, 0m);

        Assert.Equal(expected, CriterionScoring.Points(criterion, answer));
        Assert.Equal(excluded, CriterionScoring.IsExcluded(criterion, answer));
    }

    [Theory]
    [InlineData(12, 2)] // ≥ 10 → 2
    [InlineData(10, 2)]
    [InlineData(9, 1)]  // ≥ 5 → 1
    [InlineData(5, 1)]
    [InlineData(4, 0)]  // below every band
    [InlineData(0, 0)]
    public void Count_scores_the_highest_band_reached(decimal number, decimal expected)
    {
        var criterion = C.Count("7.3", 2m, (10m, 2m), (5m, 1m));
        Assert.Equal(expected, CriterionScoring.Points(criterion, new EntryValue(number)));
    }

    [Theory]
    // perOccurrence, cap, occurrences, expected
    [InlineData(0.5, 2, 0, 0)]
    [InlineData(0.5, 2, 1, -0.5)]
    [InlineData(0.5, 2, 3, -1.5)]
    [InlineData(0.5, 2, 4, -2)]     // 0.5 × 4 = 2 = cap
    [InlineData(0.5, 2, 7, -2)]     // 3.5 capped at 2
    [InlineData(0.125, 5, 1, -0.13)] // −0.125 → −0.13, away from zero
    public void Deduction_loses_per_occurrence_up_to_its_cap(decimal perOccurrence, decimal cap, decimal occurrences, decimal expected)
    {
        var criterion = C.Deduction("3.9", perOccurrence, cap);
        Assert.Equal(expected, CriterionScoring.Points(criterion, new EntryValue(occurrences)));
    }

    [Theory]
    [InlineData(3.25, 3.25)]
    [InlineData(0, 0)]
    [InlineData(4, 4)]
    public void Manual_scores_the_points_given(decimal given, decimal expected)
    {
        Assert.Equal(expected, CriterionScoring.Points(C.Manual("5.1", 4m, 0.25m), new EntryValue(given)));
    }

    [Fact]
    public void An_unknown_level_option_is_refused()
    {
        var criterion = C.Levels("2.4", 2m, ("A", 2m));
        Assert.Throws<ArgumentException>(() => CriterionScoring.Points(criterion, EntryValue.Level("Z")));
    }

    [Fact]
    public void A_parent_criterion_has_no_points_of_its_own()
    {
        var parent = C.Parent("1.2", C.Binary("1.2.1", 1m));
        Assert.Throws<ArgumentException>(() => CriterionScoring.Points(parent, EntryValue.Binary(true)));
    }

    [Theory]
    // month, answer (null: no row; "x": excluded ratio), expected due maximum
    [InlineData(1, null, 6)]  // due, no row: keeps its maximum
    [InlineData(1, "5/10", 6)]
    [InlineData(1, "x", 0)]   // 0/0 with exclude: leaves the maxima
    [InlineData(2, "5/10", 0)] // not due in month 2
    public void Due_maximum_is_the_max_unless_excluded_or_not_due(int month, string? answer, decimal expected)
    {
        var criterion = C.Proportional("8.1", 6m, whenNoData: WhenNoData.Exclude) with { DueMonths = new HashSet<int> { 1, 3 } };
        EntryValue? value = answer switch
        {
            null => null,
            "x" => EntryValue.Ratio(0m, 0m),
            _ => EntryValue.Ratio(decimal.Parse(answer.Split('/')[0], System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(answer.Split('/')[1], System.Globalization.CultureInfo.InvariantCulture)),
        };

        Assert.Equal(expected, CriterionScoring.DueMax(criterion, month, value));
    }
}
