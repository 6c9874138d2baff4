using Emulation.Core.Campaigns;
using Emulation.Core.Units;
using Emulation.Web.Data;
using Emulation.Web.Data.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using CoreCampaign = Emulation.Core.Campaigns.Campaign;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// Runs before the server takes requests: prepares the data folder, migrates the database, loads
/// every campaign file and the units file, then hands them to the seeders under <c>Data/Seeding</c>:
/// campaigns, units and blocks, roles and (in demo mode) the demo accounts and the demo year's history. Any problem stops the start with a <see cref="StartupException"/>.
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
        var scoped = scope.ServiceProvider;
        var db = scoped.GetRequiredService<EmulationDb>();
        // On PostgreSQL the lock is held through the seeding too: servers starting together wait
        // for the first one, then find everything in place.
        // SQLite's files are made readable by the server's account only there too.
        await using var startupLock = await DatabaseMigrator.MigrateUnderLock(db, cancellationToken);

        await KeyImport.FromFolder(db, Path.Combine(settings.DataPath, "keys"), cancellationToken);
        var store = scoped.GetRequiredService<CampaignStore>();
        await store.Store(campaigns, cancellationToken);
        catalog.Set(campaigns.Select(c => c.Campaign).ToList(), await store.ActivatedAt(cancellationToken));
        await scoped.GetRequiredService<OrganisationSeeder>().Seed(campaigns, organisation, settings.UnitsPath, cancellationToken);
        await scoped.GetRequiredService<RoleSeeder>().Seed();
        var accounts = scoped.GetRequiredService<DemoAccountSeeder>();
        if (settings.Demo)
        {
            await accounts.Seed();
            if (settings.DemoHistory)
            {
                await scoped.GetRequiredService<DemoHistorySeeder>().Seed(cancellationToken);
            }
        }
        else
        {
            await accounts.LockLeftovers();
        }

        await setup.Refresh(scoped, settings.DataPath);
        LogReady(logger, campaigns.Count, settings.Demo);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Every campaign file of the criteria folder (schema files aside) and of the data folder's
    /// <c>campaigns</c> (those activated on /Admin/Campaigns, which win over a criteria file with
    /// the same id), and the units file in use (<see cref="EmulationOptions.UnitsPath"/>); all errors at once.
    /// </summary>
    internal static (IReadOnlyList<LoadedCampaign> Campaigns, Organisation Organisation) LoadFiles(EmulationOptions settings)
    {
        var folder = settings.CriteriaPath;
        if (!Directory.Exists(folder))
        {
            throw new StartupException($"Thư mục tiêu chí {folder} không tồn tại (the criteria folder {folder} does not exist; Emulation:CriteriaDirectory).", []);
        }

        var errors = new List<string>();
        var shipped = LoadFolder(folder, errors);
        var activated = Directory.Exists(CampaignFiles.CampaignsFolder(settings)) ? LoadFolder(CampaignFiles.CampaignsFolder(settings), errors) : [];
        var loaded = activated.Concat(shipped.Where(s => !activated.Any(a => a.Campaign.Id == s.Campaign.Id))).ToList();

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

    /// <summary>The campaign files at the top of a folder; two with the same id are an error.</summary>
    private static List<LoadedCampaign> LoadFolder(string folder, List<string> errors)
    {
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

        return loaded;
    }

    [LoggerMessage(Level = LogLevel.Critical, Message = "Emulation refuses to start. {Reasons}")]
    private static partial void LogRefused(ILogger logger, string reasons);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ready: {CampaignCount} campaign(s) loaded, demo mode {Demo}.")]
    private static partial void LogReady(ILogger logger, int campaignCount, bool demo);
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
            // The database (SQLite), the evidence and the backups are the server's alone.
            PrivateFiles.CreateFolder(path);
            PrivateFiles.Restrict(path, folder: true);
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

/// <summary>
/// The keys of a version that kept them as files in <c>&lt;data folder&gt;/keys</c> move into the
/// database once, so sign-ins and open forms survive the upgrade.
/// </summary>
internal static class KeyImport
{
    public static async Task FromFolder(EmulationDb db, string folder, CancellationToken ct)
    {
        if (!Directory.Exists(folder) || await db.DataProtectionKeys.AnyAsync(ct))
        {
            return;
        }

        var files = Directory.EnumerateFiles(folder, "key-*.xml").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            db.DataProtectionKeys.Add(new Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file),
                Xml = await File.ReadAllTextAsync(file, ct),
            });
        }

        if (files.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
    }
}
