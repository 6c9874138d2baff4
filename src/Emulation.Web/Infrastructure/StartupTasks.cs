using Emulation.Core.Campaigns;
using Emulation.Core.Units;
using Emulation.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CoreBlock = Emulation.Core.Units.Block;
using CoreCampaign = Emulation.Core.Campaigns.Campaign;
using StoredCampaign = Emulation.Web.Domain.Campaign;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// Runs before the server takes requests: prepares the data folder, migrates the database, loads
/// every campaign file and the units file, stores the campaigns, seeds units and blocks, roles and
/// (in demo mode) the demo accounts. Any problem stops the start with a <see cref="StartupException"/>.
/// </summary>
public sealed partial class StartupTasks(
    IServiceProvider services,
    IOptions<EmulationOptions> options,
    CampaignCatalog catalog,
    SetupState setup,
    ILogger<StartupTasks> logger) : IHostedLifecycleService
{
    public const string System = "system";

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Start(cancellationToken);
        }
        catch (StartupException refused)
        {
            LogRefused(logger, refused.Message);
            throw;
        }
    }

    private async Task Start(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        DataFolder.Prepare(settings.DataPath);

        var (campaigns, organisation) = LoadFiles(settings);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmulationDb>();
        await Migrate(db, cancellationToken);
        await StoreCampaigns(scope.ServiceProvider, db, campaigns, cancellationToken);
        await SeedOrganisation(scope.ServiceProvider, db, campaigns, organisation, cancellationToken);
        await SeedRoles(scope.ServiceProvider);
        if (settings.Demo)
        {
            await DemoAccounts.Seed(scope.ServiceProvider, logger);
        }
        else
        {
            await DemoAccounts.LockLeftovers(scope.ServiceProvider, logger);
        }

        await setup.Refresh(scope.ServiceProvider);
        catalog.Set(campaigns.Select(c => c.Campaign).ToList());
        LogReady(logger, campaigns.Count, settings.Demo);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Every campaign file of the folder (schema files aside) and the units file; all errors at once.</summary>
    internal static (IReadOnlyList<LoadedCampaign> Campaigns, Organisation Organisation) LoadFiles(EmulationOptions settings)
    {
        var folder = settings.CriteriaPath;
        if (!Directory.Exists(folder))
        {
            throw new StartupException($"Thư mục tiêu chí {folder} không tồn tại (the criteria folder {folder} does not exist; Emulation:CriteriaDirectory).", []);
        }

        var errors = new List<string>();
        var loaded = new List<LoadedCampaign>();
        var files = Directory.EnumerateFiles(folder, "*.json", SearchOption.TopDirectoryOnly)
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var result = CampaignLoader.LoadFile(file);
            if (result.Value is { } campaign)
            {
                loaded.Add(new LoadedCampaign(campaign, File.ReadAllText(file)));
            }
            else
            {
                errors.AddRange(result.Errors.Select(e => e.ToString()));
            }
        }

        foreach (var duplicate in loaded.GroupBy(c => c.Campaign.Id).Where(g => g.Count() > 1))
        {
            errors.Add($"{folder}: mã chuyên đề '{duplicate.Key}' dùng trong nhiều tệp (campaign id '{duplicate.Key}' is used by more than one file).");
        }

        if (errors.Count > 0)
        {
            throw new StartupException("Tệp chuyên đề thi đua có lỗi, không nạp gì cả; sửa các lỗi sau rồi khởi động lại (a campaign file is broken; nothing was loaded. Fix these errors and start again):", errors);
        }

        if (loaded.Count == 0)
        {
            throw new StartupException($"Thư mục tiêu chí {folder} không có tệp chuyên đề nào (the criteria folder {folder} holds no campaign file, *.json).", []);
        }

        if (!File.Exists(settings.UnitsPath))
        {
            throw new StartupException($"Tệp đơn vị {settings.UnitsPath} không tồn tại (the units file {settings.UnitsPath} does not exist; Emulation:UnitsFile).", []);
        }

        var units = OrganisationLoader.LoadFile(settings.UnitsPath, loaded.Select(c => c.Campaign).ToList());
        if (units.Value is null)
        {
            throw new StartupException("Tệp đơn vị có lỗi, không nạp gì cả; sửa các lỗi sau rồi khởi động lại (the units file is broken; nothing was loaded. Fix these errors and start again):",
                units.Errors.Select(e => e.ToString()).ToList());
        }

        return (loaded, units.Value);
    }

    private static async Task Migrate(EmulationDb db, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers and the writer work at once; the setting lives in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }
    }

    private async Task StoreCampaigns(IServiceProvider scoped, EmulationDb db, IReadOnlyList<LoadedCampaign> campaigns, CancellationToken ct)
    {
        var clock = scoped.GetRequiredService<BusinessClock>();
        var audit = scoped.GetRequiredService<AuditLog>();
        var refusals = new List<string>();
        foreach (var (campaign, json) in campaigns)
        {
            var stored = await db.Campaigns.SingleOrDefaultAsync(c => c.Id == campaign.Id, ct);
            if (stored is null)
            {
                db.Campaigns.Add(StoredCampaign.Create(campaign.Id, campaign.Title.Vi, campaign.Title.En, campaign.Fingerprint, json, clock.UtcNow));
                audit.Write(System, AuditActions.CampaignStored, $"campaign:{campaign.Id}", null, campaign.Fingerprint, "loaded from the criteria folder");
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
                audit.Write(System, AuditActions.CampaignReplaced, $"campaign:{campaign.Id}", old, campaign.Fingerprint, "the campaign file changed before any submission");
            }
            catch (Domain.DomainException refused)
            {
                refusals.Add(refused.Message);
            }
        }

        if (refusals.Count > 0)
        {
            throw new StartupException("Chuyên đề đã có bản tự chấm điểm nên không được thay đổi (a changed campaign was refused):", refusals);
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task SeedOrganisation(IServiceProvider scoped, EmulationDb db, IReadOnlyList<LoadedCampaign> campaigns, Organisation organisation, CancellationToken ct)
    {
        var audit = scoped.GetRequiredService<AuditLog>();
        var file = options.Value.UnitsPath;
        if (!await db.Units.AnyAsync(ct))
        {
            var kinds = new Dictionary<string, Domain.UnitKind>(StringComparer.Ordinal);
            foreach (var kind in campaigns.SelectMany(c => c.Campaign.UnitKinds))
            {
                if (!kinds.ContainsKey(kind.Code))
                {
                    kinds[kind.Code] = Domain.UnitKind.Create(kind.Code, kind.Title.Vi, kind.Title.En);
                }
            }

            var existingKinds = await db.UnitKinds.ToDictionaryAsync(k => k.Code, ct);
            foreach (var kind in kinds.Values.Where(k => !existingKinds.ContainsKey(k.Code)))
            {
                db.UnitKinds.Add(kind);
                existingKinds[kind.Code] = kind;
            }

            var units = new Dictionary<string, Domain.Unit>(StringComparer.Ordinal);
            foreach (var unit in organisation.Units)
            {
                var entity = Domain.Unit.Create(unit.Code, unit.Name.Vi, unit.Name.En, existingKinds[unit.Kind], unit.ValidFrom, unit.ValidTo);
                units[unit.Code] = entity;
                db.Units.Add(entity);
            }

            foreach (var unit in organisation.Units.Where(u => u.Parent is not null))
            {
                units[unit.Code].PlaceUnder(units[unit.Parent!]);
            }

            audit.Write(System, AuditActions.UnitsSeeded, "units", null, $"{units.Count} units", $"seeded from {Path.GetFileName(file)}");
            await db.SaveChangesAsync(ct);
            LogUnitsSeeded(logger, units.Count, file);
        }

        // Blocks are reorganised every year: a campaign without blocks gets them from the units file.
        var allUnits = await db.Units.ToDictionaryAsync(u => u.Code, ct);
        foreach (var campaign in campaigns.Select(c => c.Campaign))
        {
            if (await db.Blocks.AnyAsync(b => b.CampaignId == campaign.Id, ct))
            {
                continue;
            }

            var blocks = organisation.BlocksOf(campaign.Id);
            foreach (CoreBlock block in blocks)
            {
                var entity = Domain.Block.Create(campaign.Id, block.Code, block.Title.Vi, block.Title.En);
                foreach (var code in block.Units)
                {
                    if (allUnits.TryGetValue(code, out var unit))
                    {
                        entity.Add(unit);
                    }
                }

                db.Blocks.Add(entity);
            }

            if (blocks.Count > 0)
            {
                audit.Write(System, AuditActions.BlocksSeeded, $"campaign:{campaign.Id}", null, $"{blocks.Count} blocks", $"seeded from {Path.GetFileName(file)}");
            }
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task SeedRoles(IServiceProvider scoped)
    {
        var roles = scoped.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new StartupException($"Role {role} could not be created:", result.Errors.Select(e => e.Description).ToList());
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Emulation refuses to start. {Reasons}")]
    private static partial void LogRefused(ILogger logger, string reasons);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready: {CampaignCount} campaign(s) loaded, demo mode {Demo}.")]
    private static partial void LogReady(ILogger logger, int campaignCount, bool demo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {UnitCount} units from {File}.")]
    private static partial void LogUnitsSeeded(ILogger logger, int unitCount, string file);
}

/// <summary>A loaded campaign and the JSON text of its file, as stored.</summary>
internal sealed record LoadedCampaign(CoreCampaign Campaign, string Json);

/// <summary>The data folder: created when missing, refused with a clear message when it cannot be written.</summary>
internal static class DataFolder
{
    public static void Prepare(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
            var probe = Path.Combine(path, $".write-test-{Guid.NewGuid():N}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupException($"Không tạo hoặc ghi được thư mục dữ liệu {path} (the data folder {path} cannot be created or written; Emulation:DataDirectory): {e.Message}", [], e);
        }
    }
}
