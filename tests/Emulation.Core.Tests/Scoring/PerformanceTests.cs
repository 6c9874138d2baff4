using System.Diagnostics;
using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Scoring;

public sealed class PerformanceTests
{
    [Fact]
    public void Ranking_200_units_of_80_criteria_over_11_months_takes_well_under_a_second()
    {
        // The benchmark asks < 50 ms (about 15 ms measured warm); this bound leaves room for a
        // loaded test machine and still catches anything quadratic.
        var input = LargeCampaign.Input(200);
        ScoringEngine.Rank(LargeCampaign.Campaign, input); // warm up

        var watch = Stopwatch.StartNew();
        var standings = ScoringEngine.Rank(LargeCampaign.Campaign, input);
        watch.Stop();

        Assert.Equal(200, standings.Units.Count);
        Assert.True(watch.ElapsedMilliseconds < 1_000, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Scoring_in_parallel_gives_the_same_standings_as_scoring_one_unit_at_a_time()
    {
        // 400 units × 11 months is above the parallel threshold; the first 300 units alone are
        // below it (3,300 unit-months). A unit's figures do not depend on the others, so the
        // figures of those 300 units must match between the two runs.
        var all = LargeCampaign.Input(400);
        var few = all with
        {
            Units = [.. all.Units.Take(300)],
            Submissions = [.. all.Submissions.Where(s => string.CompareOrdinal(s.Unit, "U0300") < 0)],
        };

        var parallel = ScoringEngine.Rank(LargeCampaign.Campaign, all);
        var sequential = ScoringEngine.Rank(LargeCampaign.Campaign, few);

        foreach (var unit in sequential.Units)
        {
            var other = parallel.Find(unit.Unit)!;
            Assert.Equal(unit.Months.Values, other.Months.Values);
            Assert.Equal(unit.Areas.Values, other.Areas.Values);
            Assert.Equal((unit.Score, unit.LateMonths, unit.LowestMonth), (other.Score, other.LateMonths, other.LowestMonth));
        }
    }
}
