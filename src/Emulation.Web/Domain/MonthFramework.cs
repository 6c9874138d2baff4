using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;

namespace Emulation.Web.Domain;

/// <summary>
/// What a unit of one kind answers in one month of a campaign: the campaign's rules, the kind's
/// framework and the leaf criteria due that month (only those are asked).
/// </summary>
public sealed class MonthFramework
{
    private readonly Dictionary<string, Criterion> due;

    private MonthFramework(Campaign campaign, Framework framework, int month)
    {
        Campaign = campaign;
        Framework = framework;
        Month = month;
        DueLeaves = [.. framework.Leaves.Where(l => l.IsDueIn(month))];
        due = DueLeaves.ToDictionary(l => l.Code, StringComparer.Ordinal);
    }

    public Campaign Campaign { get; }
    public Framework Framework { get; }
    public string UnitKind => Framework.UnitKind;
    public int Month { get; }

    /// <summary>The leaf criteria due this month, in framework order.</summary>
    public IReadOnlyList<Criterion> DueLeaves { get; }

    /// <summary>The campaign's deadline for the month (before any extension).</summary>
    public DateOnly Deadline => Lateness.DeadlineOf(Campaign, Month);

    /// <summary>The first day of the month: a month's form opens then.</summary>
    public DateOnly Opens => new(Campaign.Year, Month, 1);

    /// <summary>The due leaf criterion with this code, or null (not due this month, or no such criterion).</summary>
    public Criterion? FindDue(string code) => due.GetValueOrDefault(code);

    /// <summary>The month of <paramref name="campaign"/> for a unit of <paramref name="unitKind"/>.</summary>
    /// <exception cref="DomainException">The month is not a campaign month, or the campaign has no framework for the kind.</exception>
    public static MonthFramework For(Campaign campaign, string unitKind, int month)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (!campaign.HasMonth(month))
        {
            throw new DomainException("Month.OutsideCampaign", month, campaign.FirstMonth, campaign.LastMonth, campaign.Year);
        }

        var framework = campaign.FrameworkFor(unitKind) ?? throw new DomainException("Month.NoFramework", unitKind, campaign.Id);
        return new MonthFramework(campaign, framework, month);
    }
}
