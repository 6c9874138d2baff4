namespace Emulation.Core.Campaigns;

/// <summary>The criteria tree (bộ tiêu chí) for one unit kind within a campaign.</summary>
public sealed record Framework
{
    /// <summary>Creates a framework and indexes its criteria by code.</summary>
    public Framework(string unitKind, IReadOnlyList<Area> areas)
    {
        UnitKind = unitKind;
        Areas = areas;
        var all = new Dictionary<string, Criterion>(StringComparer.Ordinal);
        var leaves = new List<Criterion>();
        foreach (var area in areas)
        {
            foreach (var criterion in area.Criteria)
            {
                Index(criterion, all, leaves);
            }
        }

        criteria = all;
        Leaves = leaves;
    }

    private readonly Dictionary<string, Criterion> criteria;

    /// <summary>The unit kind this framework scores.</summary>
    public string UnitKind { get; }

    /// <summary>The top-level areas, in file order.</summary>
    public IReadOnlyList<Area> Areas { get; }

    /// <summary>Every scored leaf criterion, depth first in file order.</summary>
    public IReadOnlyList<Criterion> Leaves { get; }

    /// <summary>The sum of the areas' maxima.</summary>
    public decimal Max => Areas.Sum(a => a.Max);

    /// <summary>The criterion (leaf or not) with this code, or null.</summary>
    public Criterion? Find(string code) => criteria.GetValueOrDefault(code);

    private static void Index(Criterion criterion, Dictionary<string, Criterion> all, List<Criterion> leaves)
    {
        all[criterion.Code] = criterion;
        if (criterion.IsLeaf)
        {
            leaves.Add(criterion);
        }

        foreach (var child in criterion.Children)
        {
            Index(child, all, leaves);
        }
    }
}

/// <summary>A top-level content area (lĩnh vực) with its maximum.</summary>
public sealed record Area(string Code, LocalizedText Title, decimal Max, IReadOnlyList<Criterion> Criteria);

/// <summary>
/// A criterion (tiêu chí). A leaf carries a <see cref="Method"/>; a criterion with children has
/// none and scores the sum of its due children, clamped to its due maximum.
/// </summary>
public sealed record Criterion
{
    /// <summary>Code, unique within the framework, e.g. <c>8.1</c>.</summary>
    public required string Code { get; init; }
    /// <summary>Title in both languages.</summary>
    public required LocalizedText Title { get; init; }
    /// <summary>Maximum points (0 for a deduction).</summary>
    public required decimal Max { get; init; }
    /// <summary>How often the criterion is due, after inheritance from its parent.</summary>
    public required Frequency Frequency { get; init; }
    /// <summary>The months (of the campaign) in which the criterion is due.</summary>
    public required IReadOnlySet<int> DueMonths { get; init; }
    /// <summary>The scoring method of a leaf; null for a criterion with children.</summary>
    public ScoringMethod? Method { get; init; }
    /// <summary>Sub-criteria; empty for a leaf.</summary>
    public IReadOnlyList<Criterion> Children { get; init; } = [];
    /// <summary>Optional guidance for the unit: what counts, what evidence proves it.</summary>
    public LocalizedText? Description { get; init; }
    /// <summary>Whether an answer must come with evidence (tài liệu kiểm chứng).</summary>
    public bool EvidenceRequired { get; init; }

    /// <summary>Whether this is a scored leaf.</summary>
    public bool IsLeaf => Children.Count == 0;

    /// <summary>Whether the criterion is due in <paramref name="month"/>.</summary>
    public bool IsDueIn(int month) => DueMonths.Contains(month);
}

/// <summary>How often a criterion is due, as written in the file.</summary>
public sealed record Frequency(FrequencyKind Kind, IReadOnlyList<int> Months)
{
    /// <summary>Every month.</summary>
    public static Frequency Monthly { get; } = new(FrequencyKind.Monthly, []);
    /// <summary>Months 3, 6, 9 and 12.</summary>
    public static Frequency Quarterly { get; } = new(FrequencyKind.Quarterly, [3, 6, 9, 12]);
    /// <summary>The campaign's last month.</summary>
    public static Frequency Yearly { get; } = new(FrequencyKind.Yearly, []);

    /// <summary>The months this frequency names within a campaign.</summary>
    public IReadOnlySet<int> MonthsWithin(int firstMonth, int lastMonth) => Kind switch
    {
        FrequencyKind.Monthly => Enumerable.Range(firstMonth, lastMonth - firstMonth + 1).ToHashSet(),
        FrequencyKind.Yearly => new HashSet<int> { lastMonth },
        _ => Months.Where(m => m >= firstMonth && m <= lastMonth).ToHashSet(),
    };
}

/// <summary>The kinds of frequency a campaign file may name.</summary>
public enum FrequencyKind
{
    /// <summary>Every month.</summary>
    Monthly,
    /// <summary>Months 3, 6, 9, 12.</summary>
    Quarterly,
    /// <summary>The campaign's last month.</summary>
    Yearly,
    /// <summary>An explicit list of months.</summary>
    Months,
}
