namespace Emulation.Core.Campaigns;

/// <summary>Whether an award's groups are the blocks or all units together.</summary>
public enum AwardScope
{
    /// <summary>Each block is a group; a candidate's rank is its block rank.</summary>
    Block,
    /// <summary>All units form one group; a candidate's rank is its overall rank.</summary>
    Overall,
}

/// <summary>
/// An award (hình thức khen thưởng) with its quota — exactly one of <see cref="Count"/> and
/// <see cref="Share"/> — and its conditions; a null condition is not set.
/// </summary>
public sealed record Award
{
    /// <summary>Code, unique within the campaign, e.g. <c>flag</c>.</summary>
    public required string Code { get; init; }
    /// <summary>Title in both languages.</summary>
    public required LocalizedText Title { get; init; }
    /// <summary>The award's groups.</summary>
    public required AwardScope Scope { get; init; }
    /// <summary>Units per group, when the quota is a count.</summary>
    public int? Count { get; init; }
    /// <summary>Share of the group's units (floored), when the quota is a share.</summary>
    public decimal? Share { get; init; }
    /// <summary>Lowest year-to-date score.</summary>
    public decimal? MinScore { get; init; }
    /// <summary>Lowest month total allowed.</summary>
    public decimal? MinMonthScore { get; init; }
    /// <summary>Most late months allowed.</summary>
    public int? MaxLateMonths { get; init; }
    /// <summary>Earlier awards whose holders may not hold this one.</summary>
    public IReadOnlyList<string> ExcludedBy { get; init; } = [];

    /// <summary>The quota of a group of <paramref name="groupSize"/> units.</summary>
    public int QuotaFor(int groupSize) =>
        Count ?? (int)decimal.Floor(Share.GetValueOrDefault() * groupSize);
}

/// <summary>What a committee's threshold is measured against.</summary>
public enum ThresholdBase
{
    /// <summary>Members present (voted, abstentions included).</summary>
    Present,
    /// <summary>All eligible (non-recused) members.</summary>
    Members,
}

/// <summary>The council's voting rules (Hội đồng Thi đua – Khen thưởng).</summary>
public sealed record CommitteeRules(decimal Quorum, decimal Threshold, ThresholdBase ThresholdOf);
