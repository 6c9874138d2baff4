using Emulation.Core.Campaigns;

namespace Emulation.Core.Scoring;

/// <summary>
/// Every unit's month totals and area subtotals for the campaign's first month to a month:
/// the work shared by ranking and explaining. Arrays by unit, then month offset.
/// </summary>
internal sealed class Scorecard
{
    private Scorecard(Campaign campaign, int throughMonth, Competitor[] units)
    {
        Campaign = campaign;
        ThroughMonth = throughMonth;
        MonthCount = throughMonth - campaign.FirstMonth + 1;
        Units = units;
        Submissions = new MonthEntries?[units.Length * MonthCount];
        Totals = new decimal[units.Length * MonthCount];
        Late = new bool[units.Length * MonthCount];
        AreaMeans = new decimal[units.Length][];
        AreaSubtotals = new decimal[units.Length][];
    }

    public Campaign Campaign { get; }
    public int ThroughMonth { get; }
    public int MonthCount { get; }
    public Competitor[] Units { get; }
    public Dictionary<string, FrameworkPlan> Plans { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, int> UnitIndex { get; } = new(StringComparer.Ordinal);
    public MonthEntries?[] Submissions { get; }
    public decimal[] Totals { get; }
    public bool[] Late { get; }
    public decimal[][] AreaMeans { get; }

    /// <summary>Per unit, each month's area subtotals (month offset × areas + area); 0 for a missing month.</summary>
    public decimal[][] AreaSubtotals { get; }

    public static Scorecard Build(Campaign campaign, ScoringInput input, int? throughMonth)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(input);
        var through = throughMonth ?? campaign.LastMonth;
        if (!campaign.HasMonth(through))
        {
            throw new ArgumentOutOfRangeException(nameof(throughMonth), through, $"Month {through} is not a month of campaign {campaign.Id}.");
        }

        var card = new Scorecard(campaign, through, [.. input.Units]);
        card.Index(input);
        card.Score();
        return card;
    }

    public FrameworkPlan PlanOf(int unit) => Plans[Units[unit].Kind];

    /// <summary>A month's total: normalised (or raw), less lateness, never below 0, rounded.</summary>
    public static decimal MonthTotal(Campaign campaign, decimal raw, decimal dueMax, decimal lateness)
    {
        var total = Normalised(campaign, raw, dueMax) - lateness;
        return CriterionScoring.Round(total < 0m ? 0m : total);
    }

    public static decimal Normalised(Campaign campaign, decimal raw, decimal dueMax) =>
        !campaign.Normalise ? raw : dueMax == 0m ? 0m : raw * 100m / dueMax;

    public RankKey YearKey(int unit)
    {
        var offset = unit * MonthCount;
        decimal sum = 0m, lowest = decimal.MaxValue;
        var late = 0;
        for (var k = 0; k < MonthCount; k++)
        {
            var total = Totals[offset + k];
            sum += total;
            lowest = Math.Min(lowest, total);
            late += Late[offset + k] ? 1 : 0;
        }

        return new RankKey(Units[unit].Unit, CriterionScoring.Round(sum / MonthCount), lowest, late);
    }

    public RankKey MonthKey(int unit, int month)
    {
        var at = unit * MonthCount + month - Campaign.FirstMonth;
        return new RankKey(Units[unit].Unit, Totals[at], Totals[at], Late[at] ? 1 : 0);
    }

    private void Index(ScoringInput input)
    {
        for (var u = 0; u < Units.Length; u++)
        {
            var competitor = Units[u];
            if (!UnitIndex.TryAdd(competitor.Unit, u))
            {
                throw new ArgumentException($"Unit {competitor.Unit} is listed twice.", nameof(input));
            }

            if (!Plans.ContainsKey(competitor.Kind))
            {
                var framework = Campaign.FrameworkFor(competitor.Kind)
                    ?? throw new ArgumentException($"Campaign {Campaign.Id} has no framework for unit kind {competitor.Kind} (unit {competitor.Unit}).", nameof(input));
                Plans.Add(competitor.Kind, new FrameworkPlan(framework, Campaign.FirstMonth, Campaign.LastMonth));
            }
        }

        foreach (var submission in input.Submissions)
        {
            if (!UnitIndex.TryGetValue(submission.Unit, out var u))
            {
                throw new ArgumentException($"A submission names unit {submission.Unit}, which is not among the units.", nameof(input));
            }

            if (!Campaign.HasMonth(submission.Month))
            {
                throw new ArgumentException($"Unit {submission.Unit} has a submission for month {submission.Month}, outside campaign {Campaign.Id}.", nameof(input));
            }

            if (submission.Month > ThroughMonth)
            {
                continue;
            }

            var at = u * MonthCount + submission.Month - Campaign.FirstMonth;
            if (Submissions[at] is not null)
            {
                throw new ArgumentException($"Unit {submission.Unit} has two submissions for month {submission.Month}.", nameof(input));
            }

            Submissions[at] = submission;
        }
    }

    /// <summary>Unit-months from which scoring is spread over the processor's cores.</summary>
    private const int ParallelFrom = 4_000;

    private void Score()
    {
        if (Units.Length * MonthCount < ParallelFrom || Environment.ProcessorCount == 1)
        {
            var evaluators = new Dictionary<string, MonthEvaluator>(StringComparer.Ordinal);
            for (var u = 0; u < Units.Length; u++)
            {
                ScoreUnit(u, evaluators);
            }

            return;
        }

        // Units are independent: each writes only its own slots. Each worker keeps its own evaluators.
        var chunk = Math.Max(16, Units.Length / (Environment.ProcessorCount * 8));
        Parallel.ForEach(
            System.Collections.Concurrent.Partitioner.Create(0, Units.Length, chunk),
            () => new Dictionary<string, MonthEvaluator>(StringComparer.Ordinal),
            (range, _, evaluators) =>
            {
                for (var u = range.Item1; u < range.Item2; u++)
                {
                    ScoreUnit(u, evaluators);
                }

                return evaluators;
            },
            _ => { });
    }

    private void ScoreUnit(int u, Dictionary<string, MonthEvaluator> evaluators)
    {
        var campaign = Campaign;
        var first = campaign.FirstMonth;
        var kind = Units[u].Kind;
        if (!evaluators.TryGetValue(kind, out var evaluator))
        {
            evaluators.Add(kind, evaluator = new MonthEvaluator(Plans[kind]));
        }

        var areaGroups = evaluator.Plan.AreaGroup;
        var areaSums = new decimal[areaGroups.Length];
        var subtotals = new decimal[areaGroups.Length * MonthCount];
        var offset = u * MonthCount;
        for (var k = 0; k < MonthCount; k++)
        {
            var month = first + k;
            var submission = Submissions[offset + k];
            if (submission is null)
            {
                // A missing month's score is a month total like any other: rounded once, here.
                Totals[offset + k] = CriterionScoring.Round(campaign.MissingMonthScore);
                Late[offset + k] = true;
                continue;
            }

            evaluator.Evaluate(month, submission.Entries);
            for (var a = 0; a < areaGroups.Length; a++)
            {
                var subtotal = evaluator.GroupSum[areaGroups[a]];
                subtotals[k * areaGroups.Length + a] = subtotal;
                areaSums[a] += subtotal;
            }

            var daysLate = Lateness.DaysLate(campaign, month, submission.SubmittedOn, submission.Deadline);
            Late[offset + k] = daysLate > 0;
            Totals[offset + k] = MonthTotal(campaign, evaluator.Raw, evaluator.DueMax, Lateness.Deduction(campaign.Late, daysLate));
        }

        for (var a = 0; a < areaSums.Length; a++)
        {
            areaSums[a] = CriterionScoring.Round(areaSums[a] / MonthCount);
        }

        AreaMeans[u] = areaSums;
        AreaSubtotals[u] = subtotals;
    }
}
