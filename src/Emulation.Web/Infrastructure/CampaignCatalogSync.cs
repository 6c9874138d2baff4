using Emulation.Core.Campaigns;
using Emulation.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// Keeps this server's <see cref="CampaignCatalog"/> in step with the database when several servers
/// share it: a campaign stored, replaced or activated on another server (/Admin/Campaigns) is taken
/// here within <see cref="Period"/>. One small query when nothing changed.
/// </summary>
internal sealed partial class CampaignCatalogSync(IServiceScopeFactory scopes, CampaignCatalog catalog, ILogger<CampaignCatalogSync> logger) : BackgroundService
{
    internal static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnce(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    /// <summary>Takes every stored campaign whose file or activation time this server does not have yet.</summary>
    internal async Task RunOnce(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmulationDb>();
        var stored = await db.Campaigns.AsNoTracking()
            .Select(c => new { c.Id, c.Fingerprint, c.LoadedAtUtc })
            .ToListAsync(ct);
        foreach (var row in stored)
        {
            var known = catalog.Find(row.Id);
            var sameFile = known is not null && string.Equals(known.Fingerprint, row.Fingerprint, StringComparison.Ordinal);
            if (sameFile && catalog.ActivatedAtOf(row.Id) == row.LoadedAtUtc)
            {
                continue;
            }

            var campaign = known;
            if (!sameFile)
            {
                var json = await db.Campaigns.AsNoTracking().Where(c => c.Id == row.Id).Select(c => c.Json).SingleAsync(ct);
                campaign = CampaignLoader.Load(json, row.Id + ".json").Value;
            }

            if (campaign is null)
            {
                LogUnreadable(logger, row.Id);
                continue;
            }

            catalog.Activate(campaign, row.LoadedAtUtc);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the stored campaigns to follow other servers' activations.")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stored campaign {Id} does not load; this server keeps what it has.")]
    private static partial void LogUnreadable(ILogger logger, string id);
}
