using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Scoring;

/// <summary>
/// A campaign of real size — 8 areas of 10 leaf criteria (every method) over 11 months — and
/// generated submissions for any number of units, every criterion answered every month.
/// </summary>
internal static class LargeCampaign
{
    public static Campaign Campaign { get; } = Create();

    private static Campaign Create()
    {
        var campaign = TestCampaign.Create().Months(1, 11);
        for (var a = 1; a <= 8; a++)
        {
            var criteria = new List<Criterion>();
            for (var i = 1; i <= 10; i++)
            {
                var code = $"{a}.{i}";
                criteria.Add((i % 7) switch
                {
                    0 => C.Binary(code, 1m),
                    1 => C.Levels(code, 2m, ("A", 2m), ("B", 1m), ("C", 0m)),
                    2 => C.Proportional(code, 2m, whenNoData: WhenNoData.Exclude),
                    3 => C.RatioBands(code, 1m, WhenNoData.Full, (1m, 1m), (0.9m, 0.5m)),
                    4 => C.Count(code, 1m, (10m, 1m), (5m, 0.5m)),
                    5 => C.Deduction(code, 0.25m, 1m),
                    _ => C.Manual(code, 1.5m, 0.25m),
                });
            }

            campaign.Area($"{a}", [.. criteria]);
        }

        return campaign.Build();
    }

    public static ScoringInput Input(int units, int seed = 42)
    {
        var random = new Random(seed);
        var leaves = Campaign.Frameworks["department"].Leaves;
        var competitors = new Competitor[units];
        var submissions = new List<MonthEntries>(units * 11);
        for (var u = 0; u < units; u++)
        {
            var code = $"U{u:0000}";
            competitors[u] = new Competitor(code, "department", $"B{u % 20:00}");
            for (var month = 1; month <= 11; month++)
            {
                var entries = new CriterionAnswer[leaves.Count];
                for (var i = 0; i < entries.Length; i++)
                {
                    var leaf = leaves[i];
                    var value = leaf.Method switch
                    {
                        BinaryMethod => EntryValue.Binary(random.Next(4) != 0),
                        LevelsMethod => EntryValue.Level("ABC"[random.Next(3)].ToString()),
                        RatioMethod => EntryValue.Ratio(random.Next(0, 100), random.Next(0, 100)),
                        ManualMethod => new EntryValue(random.Next(7) * 0.25m),
                        _ => new EntryValue(random.Next(12)),
                    };
                    entries[i] = new CriterionAnswer(leaf.Code, value);
                }

                var deadline = Lateness.DeadlineOf(Campaign, month);
                submissions.Add(new MonthEntries(code, month, deadline.AddDays(random.Next(-10, 3)), null, entries));
            }
        }

        return new ScoringInput(competitors, submissions);
    }
}
