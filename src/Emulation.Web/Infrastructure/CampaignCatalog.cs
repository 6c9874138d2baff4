using Emulation.Core.Campaigns;

namespace Emulation.Web.Infrastructure;

/// <summary>The campaigns loaded from the criteria folder at start, by id; read-only afterwards.</summary>
public sealed class CampaignCatalog
{
    private IReadOnlyList<Campaign> campaigns = [];

    public IReadOnlyList<Campaign> Campaigns => campaigns;

    internal void Set(IReadOnlyList<Campaign> loaded) => campaigns = [.. loaded.OrderBy(c => c.Year).ThenBy(c => c.Id, StringComparer.Ordinal)];

    public Campaign? Find(string id) => campaigns.FirstOrDefault(c => c.Id == id);

    /// <summary>The campaign running on <paramref name="today"/>, else the latest one that started before it, else the first.</summary>
    public Campaign? Current(DateOnly today) =>
        campaigns.FirstOrDefault(c => c.Year == today.Year && c.HasMonth(today.Month))
        ?? campaigns.LastOrDefault(c => new DateOnly(c.Year, c.FirstMonth, 1) <= today)
        ?? campaigns.FirstOrDefault();
}
