using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Scoring;

/// <summary>
/// A whole campaign worked by hand: months 1–3 of 2017, deadline day 5, lateness 0.5 a day capped
/// at 5, missing month 0, normalised, tie-breaks lowestMonth then fewerLateMonths.
///
/// Framework (department), 15 points:
///   area 1 (4):  1.1 binary 2; 1.2 levels 2 (A 2, B 1, C 0)
///   area 2 (6):  2.1 ratio proportional 6, whenNoData exclude
///   area 3 (2):  3.1 count 2 (≥ 10 → 2, ≥ 5 → 1); 3.9 deduction 0.5 each, cap 1
///   area 4 (3):  4.1 manual 3, step 0.5, quarterly (due in month 3 only)
/// Due maxima: months 1 and 2 → 12, month 3 → 15 (less 6 when 2.1 is excluded).
///
/// Blocks: KA = SNV, STP, SYT; KB = CB, CL.
///
/// Month 1 (max 12):
///   SNV 2 + 2 | 6 × 13,877 ÷ 16,032 = 5.19 | 2 + 0 → 11.19 × 100 ÷ 12 = 93.25 (its 4.1 row: not due, ignored)
///   STP 2 + 1 | 6 × 20 ÷ 24 = 5 | 1 − 0.5 → 8.5 × 100 ÷ 12 = 70.833… → 70.83
///   SYT 2 + 2 | 0 ÷ 0 excluded (max 6) | 2 − min(1, 1.5) = 1 → 5 × 100 ÷ 6 = 83.333…; 2 days late −1 → 82.333… → 82.33
///   CB  2 + 2 | 6 × 3 ÷ 4 = 4.5 | 2 (no 3.9 row) → 10.5 × 100 ÷ 12 = 87.5
///   CL  no submission → 0, late
/// Month 2 (max 12):
///   SNV 2 + 2 | 6 | 2 → 12 → 100 (sent on the deadline day, 5 March: on time)
///   STP 2 + 2 | 6 × 9 ÷ 10 = 5.4 | 1 → 10.4 × 100 ÷ 12 = 86.666… → 86.67
///   SYT 2 + 2 | 6 | 2 → 100
///   CB  2 + 1 | 6 × 1 ÷ 3 = 2 | 2 → 7 × 100 ÷ 12 = 58.333… → 58.33
///   CL  2 + 2 | 6 | 2 → 100; 15 days late: −min(5, 7.5) → 95
/// Month 3 (max 15):
///   SNV 4 | 6 | 2 | 2.5 → 14.5 × 100 ÷ 15 = 96.666… → 96.67
///   STP 4 | 6 | 2 | 3 → 15 → 100
///   SYT 4 | 0 ÷ 0 excluded (max 9) | 2 | 3 → 9 × 100 ÷ 9 = 100
///   CB  4 | 6 × 1 ÷ 2 = 3 | 1 | 1.5 → 9.5 × 100 ÷ 15 = 63.333… → 63.33
///   CL  4 | 6 | 2 | 3 → 100
/// Year to date:
///   SNV (93.25 + 100 + 96.67) ÷ 3 = 289.92 ÷ 3 = 96.64   lowest 93.25  late 0  excellent
///   SYT (82.33 + 100 + 100) ÷ 3 = 94.11                  lowest 82.33  late 1  excellent
///   STP (70.83 + 86.67 + 100) ÷ 3 = 257.5 ÷ 3 = 85.83    lowest 70.83  late 0  good
///   CB  (87.5 + 58.33 + 63.33) ÷ 3 = 209.16 ÷ 3 = 69.72  lowest 58.33  late 0  fair
///   CL  (0 + 95 + 100) ÷ 3 = 65                          lowest 0      late 2  fair
/// Ranks: overall SNV 1, SYT 2, STP 3, CB 4, CL 5; KA: SNV 1, SYT 2, STP 3; KB: CB 1, CL 2.
///
/// Awards:
///   flag    block, count 1, minScore 80, minMonthScore 70, maxLateMonths 0
///           KA: SNV eligible, taken; SYT has a late month; STP eligible, quota met. KB: CB 69.72 &lt; 80, CL fails all three.
///   merit   block, share 0.5, minScore 60, excludedBy flag
///           KA: quota floor(1.5) = 1; SNV holds flag; SYT taken; STP eligible, quota met.
///           KB: quota floor(1) = 1; CB taken; CL eligible, quota met.
///   top     overall, count 1, minScore 90: SNV taken; SYT eligible, quota met.
/// </summary>
internal static class WorkedCampaign
{
    public static Campaign Campaign { get; } = TestCampaign.Create()
        .Months(1, 3)
        .Area("1", C.Binary("1.1", 2m), C.Levels("1.2", 2m, ("A", 2m), ("B", 1m), ("C", 0m)))
        .Area("2", C.Proportional("2.1", 6m, whenNoData: WhenNoData.Exclude))
        .Area("3", C.Count("3.1", 2m, (10m, 2m), (5m, 1m)), C.Deduction("3.9", 0.5m, 1m))
        .Area("4", C.Manual("4.1", 3m, 0.5m, Frequency.Quarterly))
        .Award(new Award
        {
            Code = "flag",
            Title = TestCampaign.Text("flag"),
            Scope = AwardScope.Block,
            Count = 1,
            MinScore = 80m,
            MinMonthScore = 70m,
            MaxLateMonths = 0,
        })
        .Award(new Award
        {
            Code = "merit",
            Title = TestCampaign.Text("merit"),
            Scope = AwardScope.Block,
            Share = 0.5m,
            MinScore = 60m,
            ExcludedBy = ["flag"],
        })
        .Award(new Award
        {
            Code = "top",
            Title = TestCampaign.Text("top"),
            Scope = AwardScope.Overall,
            Count = 1,
            MinScore = 90m,
        })
        .Build();

    public static ScoringInput Input { get; } = TestInput.Create()
        .Unit("SNV", "KA").Unit("STP", "KA").Unit("SYT", "KA").Unit("CB", "KB").Unit("CL", "KB")
        // Month 1
        .Month("SNV", 1, E.Yes("1.1"), E.Level("1.2", "A"), E.Ratio("2.1", 13_877m, 16_032m), E.Number("3.1", 12m), E.Number("3.9", 0m), E.Number("4.1", 3m))
        .Month("STP", 1, E.Yes("1.1"), E.Level("1.2", "B"), E.Ratio("2.1", 20m, 24m), E.Number("3.1", 7m), E.Number("3.9", 1m))
        .Month("SYT", 1, new DateOnly(2017, 2, 7), null, E.Yes("1.1"), E.Level("1.2", "A"), E.Ratio("2.1", 0m, 0m), E.Number("3.1", 10m), E.Number("3.9", 3m))
        .Month("CB", 1, E.Yes("1.1"), E.Level("1.2", "A"), E.Ratio("2.1", 3m, 4m), E.Number("3.1", 12m))
        // Month 2
        .Month("SNV", 2, new DateOnly(2017, 3, 5), null, E.Yes("1.1"), E.Level("1.2", "A"), E.Ratio("2.1", 10m, 10m), E.Number("3.1", 10m), E.Number("3.9", 0m))
        .Month("STP", 2, E.Yes("1.1"), E.Level("1.2", "A"), E.Ratio("2.1", 9m, 10m), E.Number("3.1", 5m), E.Number("3.9", 0m))
        .Month("SYT", 2, E.Yes("1.1"), E.Level("1.2", "A"), E.Ratio("2.1", 10m, 10m), E.Number("3.1", 10m))
        .Month("CB", 2, E.Yes("1.1"), E.Level("1.2", "B"), E.Ratio("2.1", 1m, 3m), E.Number("3.1", 10m))
        .Month("CL", 2, new DateOnly(2017, 3, 20), null, E.Yes("1.1"), E.Level("1.2", "A"), E.Ratio("2.1", 1m, 1m), E.Number("3.1", 12m))
        // Month 3
        .Month("SNV", 3, E.Yes("1.1"), E.Level("1.2", "A"), E.Ratio("2.1", 1m, 1m), E.Number("3.1", 10m), E.Number("4.1", 2.5m))
        .Month("STP", 3, E.Yes("1.1"), E.Level("1.2", "A"), E.Ratio("2.1", 10m, 10m), E.Number("3.1", 10m), E.Number("3.9", 0m), E.Number("4.1", 3m))
        .Month("SYT", 3, E.Yes("1.1"), E.Level("1.2", "A"), E.Ratio("2.1", 0m, 0m), E.Number("3.1", 10m), E.Number("4.1", 3m))
        .Month("CB", 3, E.Yes("1.1"), E.Level("1.2", "A"), E.Ratio("2.1", 1m, 2m), E.Number("3.1", 5m), E.Number("4.1", 1.5m))
        .Month("CL", 3, E.Yes("1.1"), E.Level("1.2", "A"), E.Ratio("2.1", 1m, 1m), E.Number("3.1", 10m), E.Number("4.1", 3m))
        .Build();
}
