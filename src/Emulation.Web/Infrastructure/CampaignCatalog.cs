using Emulation.Core.Campaigns;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// The campaigns loaded at start (the criteria folder and the data folder's <c>campaigns</c>), by id,
/// and those an administrator activates afterwards (/Admin/Campaigns).
/// <para>
/// A year's pages use one campaign: of the campaigns of that year, the one stored or activated
/// last (<see cref="Domain.StoredCampaign.LoadedAtUtc"/>). The others stay known, by id, with their
/// submissions and exports.
/// </para>
/// </summary>
public sealed class CampaignCatalog
{
    private readonly Lock gate = new();
    private volatile State state = new([], new Dictionary<string, DateTime>(StringComparer.Ordinal));

    public IReadOnlyList<Campaign> Campaigns => state.Campaigns;

    /// <summary>The campaigns loaded at start, with when each was stored or activated (missing: the earliest).</summary>
    internal void Set(IReadOnlyList<Campaign> loaded, IReadOnlyDictionary<string, DateTime>? activatedAtUtc = null)
    {
        lock (gate)
        {
            state = new State(Order(loaded), new Dictionary<string, DateTime>(activatedAtUtc ?? new Dictionary<string, DateTime>(), StringComparer.Ordinal));
        }
    }

    /// <summary>Adds or replaces one campaign, activated at <paramref name="activatedAtUtc"/>: from now on its year's pages use it.</summary>
    internal void Activate(Campaign campaign, DateTime activatedAtUtc)
    {
        lock (gate)
        {
            var times = new Dictionary<string, DateTime>(state.ActivatedAt, StringComparer.Ordinal) { [campaign.Id] = activatedAtUtc };
            state = new State(Order([.. state.Campaigns.Where(c => c.Id != campaign.Id), campaign]), times);
        }
    }

    public Campaign? Find(string id) => state.Campaigns.FirstOrDefault(c => c.Id == id);

    /// <summary>When this server knows the campaign to have been stored or activated (null: not known).</summary>
    internal DateTime? ActivatedAtOf(string id) => state.ActivatedAt.TryGetValue(id, out var at) ? at : null;

    /// <summary>The campaign the pages of <paramref name="year"/> use: of that year's campaigns, the one activated last.</summary>
    public Campaign? ActiveFor(int year) => state.ActiveFor(year);

    /// <summary>Whether the pages of the campaign's year use it.</summary>
    public bool IsActive(Campaign campaign) => campaign is not null && state.ActiveFor(campaign.Year)?.Id == campaign.Id;

    /// <summary>
    /// Of the campaigns the pages use (one a year): the one running on <paramref name="today"/>,
    /// else the latest one that started before it, else the first.
    /// </summary>
    public Campaign? Current(DateOnly today)
    {
        var snapshot = state;
        var active = snapshot.Campaigns.Where(c => snapshot.ActiveFor(c.Year)?.Id == c.Id).ToList();
        return active.FirstOrDefault(c => c.Year == today.Year && c.HasMonth(today.Month))
            ?? active.LastOrDefault(c => new DateOnly(c.Year, c.FirstMonth, 1) <= today)
            ?? active.FirstOrDefault();
    }

    private static List<Campaign> Order(IEnumerable<Campaign> campaigns) => [.. campaigns.OrderBy(c => c.Year).ThenBy(c => c.Id, StringComparer.Ordinal)];

    private sealed record State(IReadOnlyList<Campaign> Campaigns, IReadOnlyDictionary<string, DateTime> ActivatedAt)
    {
        public Campaign? ActiveFor(int year) => Campaigns.Where(c => c.Year == year)
            .OrderBy(c => ActivatedAt.GetValueOrDefault(c.Id, DateTime.MinValue))
            .ThenBy(c => c.Id, StringComparer.Ordinal)
            .LastOrDefault();
    }
}
