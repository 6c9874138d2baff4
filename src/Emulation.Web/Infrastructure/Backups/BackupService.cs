using System.Globalization;
using Emulation.Web.Data;
using Microsoft.Extensions.Options;

namespace Emulation.Web.Infrastructure.Backups;

/// <summary>
/// The backups under <c>&lt;data folder&gt;/backups</c>: one made now in the background (one at a
/// time; the page polls <see cref="Current"/>), the daily ones (<c>daily-yyyy-MM-dd.tar.gz</c>, the
/// last <see cref="DailyKept"/> kept) and the list offered for download. Every backup is audited.
/// </summary>
public sealed partial class BackupService(
    IServiceScopeFactory scopes,
    IOptions<EmulationOptions> options,
    IConfiguration configuration,
    BusinessClock clock,
    DatabaseEngine engine,
    ILogger<BackupService> logger)
{
    public const int DailyKept = 14;
    public const string DailyPrefix = "daily-";
    public const string ManualPrefix = "manual-";

    private readonly Lock gate = new();
    private Job? current;

    public enum JobState
    {
        Running,
        Done,
        Failed,
    }

    /// <summary>The backup started last from the page: running, done (its file) or failed.</summary>
    public sealed record Job(JobState State, DateTime StartedAtUtc, string Who, string? FileName, Task Work);

    /// <summary>One archive in the backups folder.</summary>
    public sealed record BackupFile(string Name, long Size, DateTime WrittenAtUtc, bool Daily);

    public string Folder => Path.Combine(options.Value.DataPath, "backups");

    /// <summary>
    /// Whether this server makes backups itself: on SQLite it copies the database file; a
    /// PostgreSQL database is backed up with the engine's own tools (pg_dump), and the page says so.
    /// </summary>
    public bool MakesOwnBackups => engine.MakesOwnBackups;

    public Job? Current
    {
        get
        {
            lock (gate)
            {
                return current;
            }
        }
    }

    /// <summary>Starts a backup in the background unless one runs already; returns the running job.</summary>
    public Job? Start(string who)
    {
        if (!MakesOwnBackups)
        {
            return null;
        }

        lock (gate)
        {
            if (current is { State: JobState.Running } running)
            {
                return running;
            }

            var started = clock.UtcNow;
            var work = new TaskCompletionSource();
            current = new Job(JobState.Running, started, who, null, work.Task);
            _ = Task.Run(async () =>
            {
                Job finished;
                try
                {
                    var name = await Create(ManualName(), who, CancellationToken.None);
                    finished = current! with { State = JobState.Done, FileName = name };
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException || e.IsDatabaseError())
                {
                    LogFailed(logger, e);
                    finished = current! with { State = JobState.Failed };
                }

                lock (gate)
                {
                    current = finished;
                }

                work.SetResult();
            });
            return current;
        }
    }

    /// <summary>The day's backup when it is not made yet, then the daily ones beyond the last 14 removed. Returns the new file's name, if any.</summary>
    public async Task<string?> RunDaily(CancellationToken ct)
    {
        if (!MakesOwnBackups)
        {
            return null;
        }

        var name = $"{DailyPrefix}{clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{BackupArchive.Extension}";
        string? made = null;
        if (!File.Exists(Path.Combine(Folder, name)))
        {
            made = await Create(name, StartupTasks.System, ct);
        }

        foreach (var old in List().Where(b => b.Daily).OrderByDescending(b => b.Name, StringComparer.Ordinal).Skip(DailyKept))
        {
            File.Delete(Path.Combine(Folder, old.Name));
        }

        return made;
    }

    /// <summary>Every archive, newest first.</summary>
    public IReadOnlyList<BackupFile> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return new DirectoryInfo(Folder).EnumerateFiles("*" + BackupArchive.Extension)
            .Where(f => IsName(f.Name))
            .Select(f => new BackupFile(f.Name, f.Length, f.LastWriteTimeUtc, f.Name.StartsWith(DailyPrefix, StringComparison.Ordinal)))
            .OrderByDescending(f => f.WrittenAtUtc)
            .ThenByDescending(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The full path of a listed archive; null for any other name (a forged one included).</summary>
    public string? PathOf(string? name) =>
        name is not null && IsName(name) && List().Any(b => b.Name == name) ? Path.Combine(Folder, name) : null;

    /// <summary>Makes one backup now, in the caller's time, and audits it.</summary>
    public async Task<string> Create(string name, string who, CancellationToken ct)
    {
        var target = Path.Combine(Folder, name);
        var connectionString = SqliteSetup.ConnectionString(configuration, options.Value);
        var manifest = await BackupArchive.Create(connectionString, options.Value.DataPath, target, clock.UtcNow, who, ct);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmulationDb>();
        scope.ServiceProvider.GetRequiredService<AuditLog>().Write(who, AuditActions.BackupCreated, name, null,
            string.Create(CultureInfo.InvariantCulture, $"{new FileInfo(target).Length} bytes, {manifest.EvidenceFiles} evidence files"), null);
        await db.SaveChangesAsync(ct);
        LogCreated(logger, name);
        return name;
    }

    private string ManualName()
    {
        var stamp = clock.VietnamNow.ToString("yyyy-MM-dd-HHmmss", CultureInfo.InvariantCulture);
        var name = $"{ManualPrefix}{stamp}{BackupArchive.Extension}";
        for (var i = 2; File.Exists(Path.Combine(Folder, name)); i++)
        {
            name = string.Create(CultureInfo.InvariantCulture, $"{ManualPrefix}{stamp}-{i}{BackupArchive.Extension}");
        }

        return name;
    }

    private static bool IsName(string name) =>
        (name.StartsWith(DailyPrefix, StringComparison.Ordinal) || name.StartsWith(ManualPrefix, StringComparison.Ordinal))
        && name.EndsWith(BackupArchive.Extension, StringComparison.Ordinal)
        && name.Length <= 64
        && name.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyz0123456789-.") < 0;

    [LoggerMessage(Level = LogLevel.Information, Message = "Backup {Name} written.")]
    private static partial void LogCreated(ILogger logger, string name);

    [LoggerMessage(Level = LogLevel.Error, Message = "The backup failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

/// <summary>Makes the day's backup once a day, by the business clock, and keeps the last 14.</summary>
public sealed partial class BackupScheduler(BackupService backups, IOptions<EmulationOptions> options, TimeProvider time, Leases leases, ILogger<BackupScheduler> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DailyBackups)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                // With several servers on one database the day's backup is made by one of them.
                if (await leases.TryTake(Leases.DailyBackup, 2.5 * Interval, stoppingToken))
                {
                    await backups.RunDaily(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The daily backup failed; trying again at the next run.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
