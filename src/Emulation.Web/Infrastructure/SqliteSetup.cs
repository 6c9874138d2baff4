using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Emulation.Web.Infrastructure;

/// <summary>SQLite specifics, kept here so that features stay free of SQLite-only SQL.</summary>
public static class SqliteSetup
{
    public const int BusyTimeoutMilliseconds = 5000;

    /// <summary>
    /// The connection string: <c>ConnectionStrings:Emulation</c> when set, else emulation.db in the
    /// data folder. The database file's folder is created when missing.
    /// </summary>
    public static string ConnectionString(IConfiguration configuration, EmulationOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString("Emulation")
            ?? $"Data Source={Path.Combine(options.DataPath, "emulation.db")}");
        builder.Pooling = true;
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.Mode != SqliteOpenMode.Memory && builder.DataSource != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The database file and its journal files readable by the server's account only (SQLite gives
    /// the journal files the database file's mode).
    /// </summary>
    public static void RestrictFiles(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.Mode == SqliteOpenMode.Memory || builder.DataSource == ":memory:")
        {
            return;
        }

        var file = Path.GetFullPath(builder.DataSource);
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            PrivateFiles.Restrict(path, folder: false);
        }
    }
}

/// <summary>Waits for a busy database instead of failing at once when another writer holds it.</summary>
public sealed class SqliteBusyTimeoutInterceptor : DbConnectionInterceptor
{
    private const string Pragma = "PRAGMA busy_timeout = 5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
