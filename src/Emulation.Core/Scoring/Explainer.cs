using Emulation.Core.Campaigns;

namespace Emulation.Core.Scoring;

/// <summary>The detailed, slower breakdown of one unit's months, for explanations.</summary>
internal sealed class Explainer
{
    private Explainer(IReadOnlyList<CriterionResult> criteria, IReadOnlyList<MonthResult> months, IReadOnlyList<DeductionLine> deductions, FrameworkPlan plan)
    {
        Criteria = criteria;
        Months = months;
        Deductions = deductions;
        this.plan = plan;
    }

    private readonly FrameworkPlan plan;

    public IReadOnlyList<CriterionResult> Criteria { get; }
    public IReadOnlyList<MonthResult> Months { get; }
    public IReadOnlyList<DeductionLine> Deductions { get; }

    /// <summary>The year-to-date areas: the rounded mean subtotals and the summed due maxima.</summary>
    public IReadOnlyList<AreaResult> YearAreas(decimal[] means)
    {
        var areas = new AreaResult[plan.AreaGroup.Length];
        for (var a = 0; a < areas.Length; a++)
        {
            var code = plan.Framework.Areas[a].Code;
            var dueMax = Months.Sum(m => m.Areas[a].DueMax);
            areas[a] = new AreaResult(code, means[a], dueMax);
        }

        return areas;
    }

    public static Explainer Explain(Scorecard card, int unit, int firstMonth, int lastMonth)
    {
        var campaign = card.Campaign;
        var plan = card.PlanOf(unit);
        var evaluator = new MonthEvaluator(plan);
        var rows = plan.Rows;
        var points = new decimal[rows.Length];
        var maxima = new decimal[rows.Length];
        var due = new bool[rows.Length];
        var answered = new bool[rows.Length];
        var excluded = new bool[rows.Length];
        var months = new List<MonthResult>();
        var deductions = new List<DeductionLine>();

        for (var month = firstMonth; month <= lastMonth; month++)
        {
            var at = unit * card.MonthCount + month - campaign.FirstMonth;
            var submission = card.Submissions[at];
            evaluator.Evaluate(month, submission?.Entries);
            var groupDue = GroupsDue(plan, evaluator);

            var values = new Dictionary<string, EntryValue>(StringComparer.Ordinal);
            foreach (var entry in submission?.Entries ?? [])
            {
                values[entry.Criterion] = entry.Value;
            }

            var monthCriteria = new CriterionResult[rows.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                var row = rows[r];
                CriterionResult line;
                if (row.Slot >= 0)
                {
                    var isDue = evaluator.LeafMax[row.Slot] >= 0m;
                    line = new CriterionResult(
                        row.Criterion.Code, row.Area, row.Parent, true, row.Criterion.Method?.Name, isDue,
                        evaluator.LeafAnswered[row.Slot], evaluator.LeafExcluded[row.Slot],
                        evaluator.LeafPoints[row.Slot], Math.Max(0m, evaluator.LeafMax[row.Slot]));
                    if (isDue && row.Criterion.Method is DeductionMethod && evaluator.LeafPoints[row.Slot] < 0m)
                    {
                        deductions.Add(new DeductionLine(month, row.Criterion.Code, values[row.Criterion.Code].Number, evaluator.LeafPoints[row.Slot]));
                    }
                }
                else
                {
                    line = new CriterionResult(
                        row.Criterion.Code, row.Area, row.Parent, false, null, groupDue[row.Group],
                        false, false, evaluator.GroupSum[row.Group], evaluator.GroupMax[row.Group]);
                }

                monthCriteria[r] = line;
                points[r] += line.Points;
                maxima[r] += line.DueMax;
                due[r] |= line.Due;
                excluded[r] |= line.Excluded;
                answered[r] |= line.Answered;
            }

            var areas = new AreaResult[plan.AreaGroup.Length];
            for (var a = 0; a < areas.Length; a++)
            {
                var group = plan.AreaGroup[a];
                areas[a] = new AreaResult(plan.Framework.Areas[a].Code, submission is null ? 0m : evaluator.GroupSum[group], evaluator.GroupMax[group]);
            }

            var deadline = submission?.Deadline ?? Lateness.DeadlineOf(campaign, month);
            if (submission is null)
            {
                months.Add(new MonthResult(month, true, null, deadline, 0, true, 0m, evaluator.DueMax, 0m, 0m, card.Totals[at], monthCriteria, areas));
                continue;
            }

            var daysLate = Lateness.DaysLate(campaign, month, submission.SubmittedOn, submission.Deadline);
            var lateness = Lateness.Deduction(campaign.Late, daysLate);
            if (daysLate > 0)
            {
                deductions.Add(new DeductionLine(month, DeductionLine.Lateness, daysLate, -lateness));
            }

            months.Add(new MonthResult(
                month, false, submission.SubmittedOn, deadline, daysLate, daysLate > 0, evaluator.Raw, evaluator.DueMax,
                Scorecard.Normalised(campaign, evaluator.Raw, evaluator.DueMax), lateness, card.Totals[at], monthCriteria, areas));
        }

        IReadOnlyList<CriterionResult> criteria;
        if (months.Count == 1)
        {
            criteria = months[0].Criteria;
        }
        else
        {
            var summed = new CriterionResult[rows.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                var row = rows[r];
                summed[r] = new CriterionResult(
                    row.Criterion.Code, row.Area, row.Parent, row.Slot >= 0, row.Criterion.Method?.Name,
                    due[r], answered[r], excluded[r], points[r], maxima[r]);
            }

            criteria = summed;
        }

        return new Explainer(criteria, months, deductions, plan);
    }

    /// <summary>A group is due when any leaf under it is due.</summary>
    private static bool[] GroupsDue(FrameworkPlan plan, MonthEvaluator evaluator)
    {
        var due = new bool[plan.GroupParent.Length];
        for (var slot = 0; slot < plan.Leaves.Length; slot++)
        {
            if (evaluator.LeafMax[slot] >= 0m)
            {
                due[plan.LeafGroup[slot]] = true;
            }
        }

        for (var group = due.Length - 1; group >= 0; group--)
        {
            if (due[group] && plan.GroupParent[group] >= 0)
            {
                due[plan.GroupParent[group]] = true;
            }
        }

        return due;
    }
}
