using System.Data.Common;
using System.Net.Sockets;
using Emulation.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Emulation.Web.Data;

/// <summary>
/// Brings the database to this version's schema at start-up. On PostgreSQL several servers may
/// start together: the first takes a session-level advisory lock and keeps it while it migrates and
/// seeds, the others wait for it and then find nothing to do. A database this version cannot use
/// (unreachable, refused, migrated by a newer version, holding someone else's tables) stops the
/// start with a <see cref="StartupException"/> before anything is written.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>The advisory lock's key: "Emulation" in ASCII, as a number.</summary>
    public const long LockKey = 0x456D756C6174696F;

    /// <summary>
    /// Migrates <paramref name="db"/> and returns the start-up lock, to be disposed once the
    /// seeding after the migration is done too.
    /// </summary>
    public static async Task<IAsyncDisposable> MigrateUnderLock(EmulationDb db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql())
        {
            var fileLock = await FileLock.Take(db.Database.GetConnectionString(), ct);
            try
            {
                await Check(db, ct);
                await Migrate(db, ct);
                // WAL lets readers and the writer work at once; the setting lives in the file.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
                SqliteSetup.RestrictFiles(db.Database.GetConnectionString());
                return fileLock;
            }
            catch
            {
                await fileLock.DisposeAsync();
                throw;
            }
        }

        var connectionString = db.Database.GetConnectionString()!;
        await EnsureDatabase(db, connectionString, ct);
        var held = await StartupLock.Take(connectionString, ct);
        try
        {
            await Check(db, ct);
            await Migrate(db, ct);
            return held;
        }
        catch
        {
            await held.DisposeAsync();
            throw;
        }
    }

    /// <summary>Refuses a database migrated by a newer version, or holding tables that are not this application's.</summary>
    private static async Task Check(EmulationDb db, CancellationToken ct)
    {
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<string> applied;
        try
        {
            // Asked only when the history table exists: a first start reads no failing query.
            applied = await db.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>().ExistsAsync(ct)
                ? (await db.Database.GetAppliedMigrationsAsync(ct)).ToList()
                : [];
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            throw Unusable(db, e);
        }

        var unknown = applied.Where(m => !known.Contains(m)).ToList();
        if (unknown.Count > 0)
        {
            throw new StartupException(
                "Cơ sở dữ liệu đã được một phiên bản mới hơn của ứng dụng nâng cấp; phiên bản này không dùng được, không ghi gì cả. Hãy chạy phiên bản mới hơn "
                + "(the database was migrated by a newer version of the application; this version cannot use it and wrote nothing. Run the newer version). Bản nâng cấp lạ / unknown migrations:",
                unknown);
        }

        if (applied.Count == 0 && await ForeignTables(db, ct) is { Count: > 0 } tables)
        {
            throw new StartupException(
                "Cơ sở dữ liệu có bảng không phải của ứng dụng này và chưa từng được ứng dụng tạo; không ghi gì cả. Hãy dùng một cơ sở dữ liệu trống "
                + "(the database holds tables that are not this application's; nothing was written. Use an empty database). Bảng / tables:",
                tables.Take(10).ToList());
        }
    }

    private static async Task<List<string>> ForeignTables(EmulationDb db, CancellationToken ct)
    {
        var sql = db.Database.IsNpgsql()
            ? """SELECT table_name AS "Value" FROM information_schema.tables WHERE table_schema = current_schema() AND table_name NOT LIKE '\_\_EF%' ORDER BY 1"""
            : """SELECT name AS "Value" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name NOT LIKE '\_\_EF%' ESCAPE '\' ORDER BY 1""";
        return await db.Database.SqlQueryRaw<string>(sql).ToListAsync(ct);
    }

    private static async Task Migrate(EmulationDb db, CancellationToken ct)
    {
        try
        {
            await db.Database.MigrateAsync(ct);
        }
        catch (Exception e) when (e is DbException)
        {
            throw new StartupException(
                $"Không nâng cấp được cơ sở dữ liệu; mỗi bước nâng cấp là một giao dịch nên không bước nào ghi dở (the database could not be migrated; each migration is one transaction, none was half-applied): {e.Message}", [], e);
        }
    }

    /// <summary>The PostgreSQL database is created when the server lets this account; any other failure to connect stops the start.</summary>
    private static async Task EnsureDatabase(EmulationDb db, string connectionString, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            try
            {
                await db.GetService<IRelationalDatabaseCreator>().CreateAsync(ct);
            }
            catch (PostgresException again) when (again.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another server created it at the same moment.
            }
            catch (Exception other) when (other is DbException)
            {
                throw Unusable(db, other);
            }
        }
        catch (Exception e) when (e is DbException or SocketException or TimeoutException)
        {
            throw Unusable(db, e);
        }
    }

    private static StartupException Unusable(EmulationDb db, Exception e)
    {
        var where = db.Database.IsNpgsql() && new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) is var b
            ? $"{b.Host}:{b.Port}/{b.Database} ({b.Username})"
            : new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        return new StartupException(
            $"Không dùng được cơ sở dữ liệu {where}: không kết nối được, bị từ chối hoặc không đọc được; không ghi gì cả. Kiểm tra ConnectionStrings:Emulation và máy chủ cơ sở dữ liệu "
            + $"(the database {where} cannot be used: unreachable, refused or unreadable; nothing was written. Check ConnectionStrings:Emulation and the database server): {e.Message}", [], e);
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>
    /// SQLite: <c>&lt;database&gt;.startup-lock</c> beside the file, opened exclusively (an OS lock,
    /// released when the process dies), so two processes started on one file seed it once.
    /// </summary>
    private sealed class FileLock(FileStream? file) : IAsyncDisposable
    {
        public static async Task<IAsyncDisposable> Take(string? connectionString, CancellationToken ct)
        {
            var builder = new SqliteConnectionStringBuilder(connectionString);
            if (string.IsNullOrEmpty(builder.DataSource) || builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
            {
                return NoLock.Instance;
            }

            var path = Path.GetFullPath(builder.DataSource) + ".startup-lock";
            var waited = System.Diagnostics.Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (waited.Elapsed < TimeSpan.FromMinutes(10))
                {
                    await Task.Delay(100, ct);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (file is not null)
            {
                await file.DisposeAsync();
            }
        }
    }

    /// <summary>A connection of its own holding <c>pg_advisory_lock</c>; released when disposed (or when the process dies).</summary>
    private sealed class StartupLock(NpgsqlConnection connection) : IAsyncDisposable
    {
        public static async Task<StartupLock> Take(string connectionString, CancellationToken ct)
        {
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            try
            {
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
                command.Parameters.AddWithValue("key", LockKey);
                await command.ExecuteNonQueryAsync(ct);
                return new StartupLock(connection);
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", LockKey);
                await command.ExecuteNonQueryAsync();
            }
            catch (DbException)
            {
                // Closing the session below releases it anyway.
            }

            await connection.DisposeAsync();
        }
    }
}
