using System.Globalization;
using System.Text;
using CsCheck;
using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Scoring;

public sealed class ScoringPropertyTests
{
    private const long Iterations = 200;

    /// <summary>A random world: a campaign of every method and a few units over six months.</summary>
    private sealed record World(Campaign Campaign, ScoringInput Input, int Seed)
    {
        public override string ToString() => $"seed {Seed}";
    }

    private static readonly Gen<World> Worlds = Gen.Int[0, int.MaxValue].Select(seed => CreateWorld(seed));

    private static World CreateWorld(int seed)
    {
        var random = new Random(seed);
        var campaign = TestCampaign.Create()
            .Months(1, 6)
            .Normalise(random.Next(2) == 0)
            .DeadlineDay(random.Next(2) == 0 ? 5 : 31)
            .MissingMonthScore(random.Next(3) * 10m)
            .Area("1", C.Binary("1.1", 2m), C.Parent("1.2", C.Levels("1.2.1", 3m, ("A", 3m), ("B", 1.5m), ("C", 0m)), C.Deduction("1.2.9", 0.75m, 2m)))
            .Area("2", C.Proportional("2.1", 6m, floor: 0.5m, whenNoData: WhenNoData.Exclude), C.RatioBands("2.2", 2m, WhenNoData.Full, (1m, 2m), (0.9m, 1m)))
            .Area("3", C.Count("3.1", 2m, (10m, 2m), (5m, 1m)), C.Manual("3.2", 4m, 0.25m, Frequency.Quarterly), C.Deduction("3.9", 0.5m, 1m))
            .Area("4", C.Manual("4.1", 5m, 0.5m, Frequency.Yearly))
            .Build();

        var input = TestInput.Create();
        var units = random.Next(1, 9);
        for (var u = 0; u < units; u++)
        {
            var code = $"U{u}";
            input.Unit(code, random.Next(2) == 0 ? "B1" : "B2");
            for (var month = 1; month <= 6; month++)
            {
                if (random.Next(10) == 0)
                {
                    continue;
                }

                var deadline = Lateness.DeadlineOf(campaign, month);
                DateOnly? submittedOn = random.Next(4) == 0 ? null : deadline.AddDays(random.Next(-5, 16));
                var entries = new List<CriterionAnswer>();
                void Maybe(CriterionAnswer entry)
                {
                    if (random.Next(8) != 0)
                    {
                        entries.Add(entry);
                    }
                }

                Maybe(random.Next(2) == 0 ? E.Yes("1.1") : E.No("1.1"));
                Maybe(E.Level("1.2.1", "ABC"[random.Next(3)].ToString()));
                Maybe(E.Number("1.2.9", random.Next(5)));
                var denominator = random.Next(5) == 0 ? 0 : random.Next(1, 40);
                Maybe(E.Ratio("2.1", random.Next(0, denominator + 5), denominator));
                denominator = random.Next(5) == 0 ? 0 : random.Next(1, 40);
                Maybe(E.Ratio("2.2", random.Next(0, denominator + 5), denominator));
                Maybe(E.Number("3.1", random.Next(15)));
                Maybe(E.Number("3.2", random.Next(17) * 0.25m));
                Maybe(E.Number("3.9", random.Next(4)));
                Maybe(E.Number("4.1", random.Next(11) * 0.5m));
                input.Month(code, month, submittedOn, null, [.. entries]);
            }
        }

        return new World(campaign, input.Build(), seed);
    }

    [Fact]
    public void Totals_lie_within_0_and_100_when_normalised_and_within_0_and_the_maximum_otherwise()
    {
        Worlds.Sample(world =>
        {
            var standings = ScoringEngine.Rank(world.Campaign, world.Input);
            var framework = world.Campaign.Frameworks["department"];
            var ceiling = world.Campaign.Normalise ? 100m : framework.Max;
            foreach (var unit in standings.Units)
            {
                Assert.All(unit.Months.Values, total => Assert.InRange(total, 0m, Math.Max(ceiling, world.Campaign.MissingMonthScore)));
                Assert.InRange(unit.Score, 0m, ceiling);
                foreach (var area in framework.Areas)
                {
                    Assert.InRange(unit.Areas[area.Code], 0m, area.Max);
                }
            }
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void The_order_of_units_submissions_and_rows_never_matters()
    {
        Worlds.Sample(world =>
        {
            var random = new Random(world.Seed ^ 0x5eed);
            var shuffled = new ScoringInput(
                Shuffle(world.Input.Units, random),
                Shuffle(world.Input.Submissions.Select(s => s with { Entries = Shuffle(s.Entries, random) }).ToList(), random));

            Assert.Equal(Project(ScoringEngine.Rank(world.Campaign, world.Input)), Project(ScoringEngine.Rank(world.Campaign, shuffled)));
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Raising_one_criterions_points_never_lowers_that_units_score_or_rank()
    {
        Worlds.Sample(world =>
        {
            var random = new Random(world.Seed ^ 0x7a15e);
            var submission = world.Input.Submissions[random.Next(world.Input.Submissions.Count)];
            var raised = submission.Entries.Select(Raise).ToList();
            var index = random.Next(raised.Count + 1);
            if (index == raised.Count)
            {
                // Add a yes for 1.1 where there was no row (0 points) or a no.
                raised.RemoveAll(e => e.Criterion == "1.1");
                raised.Add(E.Yes("1.1"));
            }
            else
            {
                // Raise only one criterion: keep the others as they were.
                raised = [.. submission.Entries.Select((e, i) => i == index ? raised[i] : e)];
            }

            var better = world.Input with
            {
                Submissions = [.. world.Input.Submissions.Select(s => ReferenceEquals(s, submission) ? s with { Entries = raised } : s)],
            };

            var before = ScoringEngine.Rank(world.Campaign, world.Input).Find(submission.Unit)!;
            var after = ScoringEngine.Rank(world.Campaign, better).Find(submission.Unit)!;

            Assert.True(after.Months[submission.Month] >= before.Months[submission.Month], $"month {submission.Month}: {before.Months[submission.Month]} → {after.Months[submission.Month]}");
            Assert.True(after.Score >= before.Score, $"score {before.Score} → {after.Score}");
            Assert.True(after.OverallRank <= before.OverallRank, $"overall rank {before.OverallRank} → {after.OverallRank}");
            Assert.True(after.BlockRank <= before.BlockRank, $"block rank {before.BlockRank} → {after.BlockRank}");
        }, iter: Iterations, threads: 1);

        static CriterionAnswer Raise(CriterionAnswer entry) => entry.Criterion switch
        {
            "1.1" => E.Yes("1.1"),
            "1.2.1" => E.Level("1.2.1", "A"),
            "1.2.9" => E.Number("1.2.9", Math.Max(0m, entry.Value.Number - 1m)),
            "2.1" or "2.2" when entry.Value.Denominator > 0m => E.Ratio(entry.Criterion, entry.Value.Number + 1m, entry.Value.Denominator!.Value),
            "3.1" => E.Number("3.1", entry.Value.Number + 3m),
            "3.2" => E.Number("3.2", Math.Min(4m, entry.Value.Number + 1m)),
            "3.9" => E.Number("3.9", Math.Max(0m, entry.Value.Number - 1m)),
            "4.1" => E.Number("4.1", Math.Min(5m, entry.Value.Number + 0.5m)),
            _ => entry,
        };
    }

    [Fact]
    public void Identical_units_share_a_rank()
    {
        Worlds.Sample(world =>
        {
            var original = world.Input.Units[0];
            var twin = original with { Unit = "TWIN" };
            var input = new ScoringInput(
                [.. world.Input.Units, twin],
                [.. world.Input.Submissions, .. world.Input.Submissions.Where(s => s.Unit == original.Unit).Select(s => s with { Unit = twin.Unit })]);

            var standings = ScoringEngine.Rank(world.Campaign, input);
            var a = standings.Find(original.Unit)!;
            var b = standings.Find(twin.Unit)!;

            Assert.Equal((a.Score, a.OverallRank, a.BlockRank, a.Classification), (b.Score, b.OverallRank, b.BlockRank, b.Classification));
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Every_unit_is_listed_once_in_rank_order_with_ranks_counted_from_1()
    {
        Worlds.Sample(world =>
        {
            var standings = ScoringEngine.Rank(world.Campaign, world.Input);

            Assert.Equal(world.Input.Units.Select(u => u.Unit).Order(StringComparer.Ordinal), standings.Units.Select(u => u.Unit).Order(StringComparer.Ordinal));
            for (var i = 0; i < standings.Units.Count; i++)
            {
                var unit = standings.Units[i];
                // Rank = 1 + units strictly ahead (1, 2, 2, 4).
                Assert.Equal(1 + standings.Units.Count(o => Ahead(world.Campaign, o, unit)), unit.OverallRank);
                Assert.Equal(1 + standings.Units.Count(o => o.Block == unit.Block && Ahead(world.Campaign, o, unit)), unit.BlockRank);
                if (i > 0)
                {
                    var previous = standings.Units[i - 1];
                    Assert.True(previous.OverallRank < unit.OverallRank || string.CompareOrdinal(previous.Unit, unit.Unit) < 0);
                }
            }
        }, iter: Iterations, threads: 1);
    }

    [Fact]
    public void Explanations_agree_with_the_standings()
    {
        Worlds.Sample(world =>
        {
            var standings = ScoringEngine.Rank(world.Campaign, world.Input);
            var unit = standings.Units[world.Seed % standings.Units.Count];

            var explanation = ScoringEngine.Explain(world.Campaign, world.Input, unit.Unit);

            Assert.Equal((unit.Score, unit.OverallRank, unit.BlockRank, unit.LateMonths, unit.LowestMonth, unit.Classification),
                (explanation.Score, explanation.Overall.Rank, explanation.InBlock.Rank, explanation.LateMonths, explanation.LowestMonth, explanation.Classification));
            Assert.Equal(unit.Months.Values, explanation.Months.Select(m => m.Total));
            Assert.Equal(unit.Areas.Values, explanation.Areas.Select(a => a.Subtotal));
            foreach (var month in explanation.Months.Where(m => !m.Missing))
            {
                Assert.Equal(month.Raw, month.Areas.Sum(a => a.Subtotal));
                Assert.Equal(month.DueMax, month.Areas.Sum(a => a.DueMax));
                // Points never exceed the due maximum; only a leaf (a deduction) may be below 0.
                Assert.All(month.Criteria, c => Assert.True(c.Points <= c.DueMax && (c.IsLeaf || c.Points >= 0m), $"{c.Code} {c.Points}/{c.DueMax}"));
            }

            if (explanation.Overall.Gap is { } gap)
            {
                Assert.True(gap >= 0m);
                Assert.Equal(gap == 0m, explanation.Overall.DecidedBy is not null);
            }
        }, iter: Iterations, threads: 1);
    }

    /// <summary>Whether <paramref name="a"/> ranks strictly above <paramref name="b"/>, written out independently of the engine.</summary>
    private static bool Ahead(Campaign campaign, UnitStanding a, UnitStanding b)
    {
        if (a.Score != b.Score)
        {
            return a.Score > b.Score;
        }

        foreach (var tieBreak in campaign.TieBreak)
        {
            if (tieBreak == TieBreak.LowestMonth && a.LowestMonth != b.LowestMonth)
            {
                return a.LowestMonth > b.LowestMonth;
            }

            if (tieBreak == TieBreak.FewerLateMonths && a.LateMonths != b.LateMonths)
            {
                return a.LateMonths < b.LateMonths;
            }
        }

        return false;
    }

    private static List<T> Shuffle<T>(IEnumerable<T> items, Random random)
    {
        var list = items.ToList();
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }

    private static string Project(Standings standings)
    {
        var text = new StringBuilder();
        foreach (var u in standings.Units)
        {
            text.Append(CultureInfo.InvariantCulture, $"{u.Unit} {u.Block} {u.Kind} {u.Score} {u.OverallRank} {u.BlockRank} {u.Classification} {u.LateMonths} {u.LowestMonth} ");
            text.AppendJoin(',', u.Months.Select(m => $"{m.Key}={m.Value}"));
            text.Append(' ');
            text.AppendJoin(',', u.Areas.Select(a => $"{a.Key}={a.Value}"));
            text.AppendLine();
        }

        return text.ToString();
    }
}
