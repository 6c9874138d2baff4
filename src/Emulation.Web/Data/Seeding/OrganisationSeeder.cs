using Emulation.Core.Campaigns;
using Emulation.Core.Units;
using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Data.Seeding;

/// <summary>
/// Seeds the units of the units file into a database that has none, and gives every campaign
/// without blocks the blocks the file names for it (blocks are reorganised every year).
/// </summary>
public sealed partial class OrganisationSeeder(EmulationDb db, AuditLog audit, ILogger<OrganisationSeeder> logger)
{
    internal async Task Seed(IReadOnlyList<LoadedCampaign> campaigns, Organisation organisation, string file, CancellationToken ct)
    {
        var loaded = campaigns.Select(c => c.Campaign).ToList();
        var kinds = await EnsureKinds(loaded, ct);
        if (!await db.Units.AnyAsync(ct))
        {
            await SeedUnits(kinds, organisation, file, ct);
        }

        await SeedBlocks(loaded, organisation, file, StartupTasks.System, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds the unit kinds of the campaigns the database lacks; the caller saves.</summary>
    internal async Task<Dictionary<string, Domain.UnitKind>> EnsureKinds(IEnumerable<Campaign> campaigns, CancellationToken ct)
    {
        var kinds = await db.UnitKinds.ToDictionaryAsync(k => k.Code, ct);
        foreach (var kind in campaigns.SelectMany(c => c.UnitKinds))
        {
            if (!kinds.ContainsKey(kind.Code))
            {
                kinds[kind.Code] = Domain.UnitKind.Create(kind.Code, kind.Title.Vi, kind.Title.En);
                db.UnitKinds.Add(kinds[kind.Code]);
            }
        }

        return kinds;
    }

    /// <summary>
    /// Gives every campaign without blocks the blocks the units file names for it, with an audit
    /// line by <paramref name="who"/>; the caller saves. The number of blocks added.
    /// </summary>
    internal async Task<int> SeedBlocks(IEnumerable<Campaign> campaigns, Organisation organisation, string file, string who, CancellationToken ct)
    {
        var added = 0;
        var allUnits = await db.Units.ToDictionaryAsync(u => u.Code, ct);
        foreach (var campaign in campaigns)
        {
            if (await db.Blocks.AnyAsync(b => b.CampaignId == campaign.Id, ct))
            {
                continue;
            }

            var blocks = organisation.BlocksOf(campaign.Id);
            foreach (var block in blocks)
            {
                var entity = Domain.Block.Create(campaign.Id, block.Code, block.Title.Vi, block.Title.En);
                foreach (var code in block.Units)
                {
                    if (allUnits.TryGetValue(code, out var unit))
                    {
                        entity.Add(unit);
                    }
                    else
                    {
                        // Shown to administrators on /Admin/Units, where the unit can be imported.
                        LogBlockUnitMissing(logger, campaign.Id, block.Code, code);
                    }
                }

                db.Blocks.Add(entity);
            }

            if (blocks.Count > 0)
            {
                audit.Write(who, AuditActions.BlocksSeeded, $"campaign:{campaign.Id}", null, $"{blocks.Count} blocks", $"seeded from {Path.GetFileName(file)}");
                added += blocks.Count;
            }
        }

        return added;
    }

    private async Task SeedUnits(Dictionary<string, Domain.UnitKind> kinds, Organisation organisation, string file, CancellationToken ct)
    {
        var units = new Dictionary<string, Domain.Unit>(StringComparer.Ordinal);
        foreach (var unit in organisation.Units)
        {
            var entity = Domain.Unit.Create(unit.Code, unit.Name.Vi, unit.Name.En, kinds[unit.Kind], unit.ValidFrom, unit.ValidTo);
            units[unit.Code] = entity;
            db.Units.Add(entity);
        }

        foreach (var unit in organisation.Units.Where(u => u.Parent is not null))
        {
            units[unit.Code].PlaceUnder(units[unit.Parent!]);
        }

        audit.Write(StartupTasks.System, AuditActions.UnitsSeeded, "units", null, $"{units.Count} units", $"seeded from {Path.GetFileName(file)}");
        await db.SaveChangesAsync(ct);
        LogUnitsSeeded(logger, units.Count, file);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Campaign {CampaignId}, block {Block}: unit {UnitCode} is not in the database and is left out; import it on /Admin/Units.")]
    private static partial void LogBlockUnitMissing(ILogger logger, string campaignId, string block, string unitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {UnitCount} units from {File}.")]
    private static partial void LogUnitsSeeded(ILogger logger, int unitCount, string file);
}
