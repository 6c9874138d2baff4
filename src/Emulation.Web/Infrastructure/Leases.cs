using Emulation.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// Who does a piece of background work (the reminders, the daily backup, sending the outbox) until
/// when: one row per kind of work. Several servers share one database; the one holding a live lease
/// does the work, the others skip their turn.
/// </summary>
public sealed class Lease
{
    public const int NameLength = 64;
    public const int HolderLength = 128;

    private Lease()
    {
    }

    public string Name { get; private set; } = "";

    /// <summary>The server holding it (host, process and a per-start id), empty when never taken.</summary>
    public string Holder { get; private set; } = "";

    public DateTime ExpiresAtUtc { get; private set; }

    internal static Lease Free(string name) => new() { Name = name, Holder = "", ExpiresAtUtc = DateTime.UnixEpoch };
}

/// <summary>
/// Takes leases with one atomic <c>UPDATE … WHERE</c> (expired, or held by this server already):
/// of two servers asking at once exactly one changes the row. It works the same on SQLite and
/// PostgreSQL, and a server that dies simply lets its lease run out.
/// </summary>
public sealed class Leases(IServiceScopeFactory scopes, TimeProvider time)
{
    public const string Reminders = "reminders";
    public const string DailyBackup = "daily-backup";
    public const string Outbox = "outbox";

    /// <summary>This server, as a lease holder: unique per process start.</summary>
    public string Holder { get; } = NewHolder();

    /// <summary>Takes (or renews) the lease <paramref name="name"/> for <paramref name="duration"/> from now; true when this server holds it now.</summary>
    public Task<bool> TryTake(string name, TimeSpan duration, CancellationToken ct) =>
        TryTake(name, time.GetUtcNow().UtcDateTime, duration, Holder, ct);

    /// <summary>
    /// Takes (or renews) the lease <paramref name="name"/> for <paramref name="holder"/> until
    /// <paramref name="utcNow"/> + <paramref name="duration"/>; true when it holds it now.
    /// </summary>
    public async Task<bool> TryTake(string name, DateTime utcNow, TimeSpan duration, string holder, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmulationDb>();
        if (!await db.Leases.AnyAsync(l => l.Name == name, ct))
        {
            db.Leases.Add(Lease.Free(name));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation())
            {
                // Another server made the row at the same moment: it is there now.
            }
        }

        var until = utcNow + duration;
        var taken = await db.Leases
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAtUtc <= utcNow))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAtUtc, until), ct);
        return taken == 1;
    }

    private static string NewHolder()
    {
        var holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        return holder.Length <= Lease.HolderLength ? holder : holder[^Lease.HolderLength..];
    }

    /// <summary>Gives the lease up (at stop), so another server need not wait for it to run out.</summary>
    public async Task Release(string name, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmulationDb>();
        await db.Leases.Where(l => l.Name == name && l.Holder == Holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAtUtc, DateTime.UnixEpoch), ct);
    }
}
