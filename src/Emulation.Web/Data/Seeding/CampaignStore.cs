using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Data.Seeding;

/// <summary>
/// Stores every loaded campaign: new ones are added, unchanged ones left alone, a changed file
/// replaces the stored one only while the campaign has no submissions (otherwise the start is
/// refused with the reason).
/// </summary>
public sealed class CampaignStore(EmulationDb db, BusinessClock clock, AuditLog audit, IStringLocalizer<SharedResource> localizer)
{
    internal async Task Store(IReadOnlyList<LoadedCampaign> campaigns, CancellationToken ct)
    {
        var refusals = new List<string>();
        foreach (var (campaign, json) in campaigns)
        {
            var stored = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == campaign.Id, ct);
            if (stored is null)
            {
                db.Campaigns.Add(StoredCampaign.Create(campaign.Id, campaign.Title.Vi, campaign.Title.En, campaign.Fingerprint, json, clock.UtcNow));
                audit.Write(StartupTasks.System, AuditActions.CampaignStored, $"campaign:{campaign.Id}", null, campaign.Fingerprint, "loaded from the criteria folder");
                continue;
            }

            if (!stored.DiffersFrom(campaign.Fingerprint))
            {
                continue;
            }

            var hasSubmissions = await db.Submissions.AnyAsync(s => s.CampaignId == campaign.Id, ct);
            try
            {
                var old = stored.Fingerprint;
                stored.Replace(campaign.Title.Vi, campaign.Title.En, campaign.Fingerprint, json, hasSubmissions, clock.UtcNow);
                audit.Write(StartupTasks.System, AuditActions.CampaignReplaced, $"campaign:{campaign.Id}", old, campaign.Fingerprint, "the campaign file changed before any submission");
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
}
