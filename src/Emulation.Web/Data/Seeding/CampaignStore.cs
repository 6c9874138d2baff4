using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Data.Seeding;

/// <summary>
/// Stores loaded campaigns: new ones are added, unchanged ones left alone, a changed file
/// replaces the stored one only while the campaign has no submissions. At start a refusal stops
/// the start with the reason; on /Admin/Campaigns the same <see cref="Stage"/> stores an uploaded file.
/// </summary>
public sealed class CampaignStore(EmulationDb db, BusinessClock clock, AuditLog audit, IStringLocalizer<SharedResource> localizer)
{
    internal async Task Store(IReadOnlyList<LoadedCampaign> campaigns, CancellationToken ct)
    {
        var refusals = new List<string>();
        foreach (var campaign in campaigns)
        {
            try
            {
                await Stage(campaign, StartupTasks.System, null, ct);
            }
            catch (DomainException refused)
            {
                refusals.Add(localizer.Both(refused));
            }
        }

        if (refusals.Count > 0)
        {
            throw new StartupException("Chuyên đề đã có bản tự chấm điểm nên không được thay đổi (a changed campaign was refused):", refusals);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Adds a new campaign, or replaces a changed one (refused with a <see cref="DomainException"/>
    /// while it has submissions), with its audit line; the caller saves. False when the stored one is the same.
    /// </summary>
    internal async Task<bool> Stage(LoadedCampaign loaded, string who, string? reason, CancellationToken ct)
    {
        var (campaign, json) = loaded;
        var stored = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == campaign.Id, ct);
        if (stored is null)
        {
            db.Campaigns.Add(StoredCampaign.Create(campaign.Id, campaign.Title.Vi, campaign.Title.En, campaign.Fingerprint, json, clock.UtcNow));
            audit.Write(who, AuditActions.CampaignStored, $"campaign:{campaign.Id}", null, campaign.Fingerprint, reason ?? "loaded from the criteria folder");
            return true;
        }

        if (!stored.DiffersFrom(campaign.Fingerprint))
        {
            return false;
        }

        var hasSubmissions = await HasSubmissions(campaign.Id, ct);
        var old = stored.Fingerprint;
        stored.Replace(campaign.Title.Vi, campaign.Title.En, campaign.Fingerprint, json, hasSubmissions, clock.UtcNow);
        audit.Write(who, AuditActions.CampaignReplaced, $"campaign:{campaign.Id}", old, campaign.Fingerprint, reason ?? "the campaign file changed before any submission");
        return true;
    }

    internal Task<bool> HasSubmissions(string campaignId, CancellationToken ct) => db.Submissions.AnyAsync(s => s.CampaignId == campaignId, ct);

    /// <summary>When each stored campaign was stored or last activated: a year's pages use the latest (<see cref="CampaignCatalog"/>).</summary>
    internal async Task<IReadOnlyDictionary<string, DateTime>> ActivatedAt(CancellationToken ct) =>
        await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.LoadedAtUtc, StringComparer.Ordinal, ct);
}
