using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Scoring;

public sealed class ParallelScoringTests
{
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
