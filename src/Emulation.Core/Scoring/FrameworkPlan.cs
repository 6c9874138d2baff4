using Emulation.Core.Campaigns;

namespace Emulation.Core.Scoring;

/// <summary>
/// A framework compiled for scoring many submissions: leaves in slots, parents and areas as
/// "groups" numbered in pre-order (so every group's descendants have higher numbers, and walking
/// the groups backwards folds children into parents), and each month's due maxima.
/// </summary>
internal sealed class FrameworkPlan
{
    private readonly Dictionary<string, int> leafSlots = new(StringComparer.Ordinal);

    public FrameworkPlan(Framework framework, int firstMonth, int lastMonth)
    {
        Framework = framework;
        var leaves = new List<Criterion>();
        var leafGroups = new List<int>();
        var groupParents = new List<int>();
        var areaGroups = new int[framework.Areas.Count];
        var rows = new List<PlanRow>();

        for (var a = 0; a < framework.Areas.Count; a++)
        {
            var area = framework.Areas[a];
            var group = groupParents.Count;
            groupParents.Add(-1);
            areaGroups[a] = group;
            foreach (var criterion in area.Criteria)
            {
                Add(criterion, group, area.Code, null);
            }
        }

        Leaves = [.. leaves];
        LeafGroup = [.. leafGroups];
        GroupParent = [.. groupParents];
        AreaGroup = areaGroups;
        Rows = [.. rows];

        LeafDueMax = new decimal[13][];
        LeafDue = new bool[13][];
        for (var month = 1; month <= 12; month++)
        {
            var maxima = new decimal[Leaves.Length];
            var dueIn = new bool[Leaves.Length];
            if (month >= firstMonth && month <= lastMonth)
            {
                for (var i = 0; i < Leaves.Length; i++)
                {
                    maxima[i] = Leaves[i].IsDueIn(month) ? Leaves[i].Max : -1m;
                    dueIn[i] = Leaves[i].IsDueIn(month);
                }
            }
            else
            {
                Array.Fill(maxima, -1m);
            }

            LeafDueMax[month] = maxima;
            LeafDue[month] = dueIn;
        }

        void Add(Criterion criterion, int parentGroup, string areaCode, string? parentCode)
        {
            if (criterion.IsLeaf)
            {
                var slot = leaves.Count;
                leaves.Add(criterion);
                leafGroups.Add(parentGroup);
                leafSlots[criterion.Code] = slot;
                rows.Add(new PlanRow(criterion, areaCode, parentCode, slot, -1));
                return;
            }

            var group = groupParents.Count;
            groupParents.Add(parentGroup);
            rows.Add(new PlanRow(criterion, areaCode, parentCode, -1, group));
            foreach (var child in criterion.Children)
            {
                Add(child, group, areaCode, criterion.Code);
            }
        }
    }

    public Framework Framework { get; }

    /// <summary>Leaves by slot.</summary>
    public Criterion[] Leaves { get; }

    /// <summary>Each leaf's parent group.</summary>
    public int[] LeafGroup { get; }

    /// <summary>Each group's parent group, -1 for an area.</summary>
    public int[] GroupParent { get; }

    /// <summary>Each area's group.</summary>
    public int[] AreaGroup { get; }

    /// <summary>Every criterion depth first in file order, with its slot or group.</summary>
    public PlanRow[] Rows { get; }

    /// <summary>Per month (1–12), each leaf's maximum when due, −1 when not due.</summary>
    public decimal[][] LeafDueMax { get; }

    /// <summary>Per month (1–12), whether each leaf is due (what <see cref="LeafDueMax"/> says, without comparing decimals).</summary>
    public bool[][] LeafDue { get; }

    /// <summary>The slot of a leaf, or −1 for an unknown code or a parent.</summary>
    public int SlotOf(string code) => leafSlots.TryGetValue(code, out var slot) ? slot : -1;
}

/// <summary>A criterion of a plan: a leaf (with its slot) or a parent (with its group).</summary>
internal sealed record PlanRow(Criterion Criterion, string Area, string? Parent, int Slot, int Group);

/// <summary>
/// Scores one month of one unit against a plan, reusing its arrays from one call to the next.
/// After <see cref="Evaluate"/>, the arrays hold each leaf's points and due maximum and each
/// group's clamped subtotal and due maximum.
/// </summary>
internal sealed class MonthEvaluator
{
    public MonthEvaluator(FrameworkPlan plan)
    {
        Plan = plan;
        LeafPoints = new decimal[plan.Leaves.Length];
        LeafMax = new decimal[plan.Leaves.Length];
        LeafAnswered = new bool[plan.Leaves.Length];
        LeafExcluded = new bool[plan.Leaves.Length];
        scored = new CriterionAnswer?[plan.Leaves.Length];
        scoredPoints = new decimal[plan.Leaves.Length];
        scoredExcluded = new bool[plan.Leaves.Length];
        GroupSum = new decimal[plan.GroupParent.Length];
        GroupMax = new decimal[plan.GroupParent.Length];
    }

    /// <summary>
    /// Each leaf's last answer scored, with its points and exclusion: an answer is immutable and
    /// the points depend on it and the leaf only, so an answer shared by many months (the entries
    /// reader shares them) is scored once per evaluator.
    /// </summary>
    private readonly CriterionAnswer?[] scored;
    private readonly decimal[] scoredPoints;
    private readonly bool[] scoredExcluded;

    public FrameworkPlan Plan { get; }
    public decimal[] LeafPoints { get; }
    /// <summary>Each leaf's due maximum; −1 when not due.</summary>
    public decimal[] LeafMax { get; }
    public bool[] LeafAnswered { get; }
    public bool[] LeafExcluded { get; }
    public decimal[] GroupSum { get; }
    public decimal[] GroupMax { get; }
    public decimal Raw { get; private set; }
    public decimal DueMax { get; private set; }

    /// <summary>Scores the entries of a month; null entries score every due leaf 0.</summary>
    public void Evaluate(int month, IReadOnlyList<CriterionAnswer>? entries)
    {
        var plan = Plan;
        var leaves = plan.Leaves;
        var points = LeafPoints;
        var max = LeafMax;
        var due = plan.LeafDue[month];
        Array.Copy(plan.LeafDueMax[month], max, max.Length);
        Array.Clear(points);
        Array.Clear(LeafAnswered);
        Array.Clear(LeafExcluded);

        if (entries is not null)
        {
            // Rows usually come in framework order: try the slot after the last one before hashing.
            var next = 0;
            ReadOnlySpan<CriterionAnswer> answers = entries switch
            {
                CriterionAnswer[] array => array,
                List<CriterionAnswer> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
                _ => [.. entries],
            };
            foreach (var entry in answers)
            {
                var slot = next < leaves.Length && string.Equals(leaves[next].Code, entry.Criterion, StringComparison.Ordinal)
                    ? next
                    : plan.SlotOf(entry.Criterion);
                next = slot + 1;
                if (slot < 0 || !due[slot])
                {
                    // Unknown, a parent, or not due this month: ignored (callers warn).
                    continue;
                }

                var leaf = leaves[slot];
                LeafAnswered[slot] = true;
                if (!ReferenceEquals(scored[slot], entry))
                {
                    var excluded = CriterionScoring.IsExcluded(leaf, entry.Value);
                    scoredPoints[slot] = excluded ? 0m : CriterionScoring.Points(leaf, entry.Value);
                    scoredExcluded[slot] = excluded;
                    scored[slot] = entry;
                }

                LeafExcluded[slot] = scoredExcluded[slot];
                max[slot] = scoredExcluded[slot] ? 0m : leaf.Max;
                points[slot] = scoredPoints[slot];
            }
        }

        var sum = GroupSum;
        var groupMax = GroupMax;
        Array.Clear(sum);
        Array.Clear(groupMax);
        var leafGroup = plan.LeafGroup;
        for (var slot = 0; slot < points.Length; slot++)
        {
            if (due[slot])
            {
                var group = leafGroup[slot];
                sum[group] += points[slot];
                groupMax[group] += max[slot];
            }
        }

        var parents = plan.GroupParent;
        for (var group = parents.Length - 1; group >= 0; group--)
        {
            var clamped = Math.Clamp(sum[group], 0m, groupMax[group]);
            sum[group] = clamped;
            var parent = parents[group];
            if (parent >= 0)
            {
                sum[parent] += clamped;
                groupMax[parent] += groupMax[group];
            }
        }

        decimal raw = 0m, dueMax = 0m;
        foreach (var group in plan.AreaGroup)
        {
            raw += sum[group];
            dueMax += groupMax[group];
        }

        Raw = raw;
        DueMax = dueMax;
    }
}
