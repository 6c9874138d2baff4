using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;

namespace Emulation.Load;

/// <summary>
/// Reads the application's database directly, read-only, with the same SQL on both engines (quoted
/// identifiers): the SQLite file through Microsoft.Data.Sqlite, PostgreSQL through Debian's psql.
/// </summary>
public abstract class Database
{
    public abstract Task<List<string?[]>> Query(string sql);

    /// <summary><c>PRAGMA integrity_check</c> for SQLite; null where the engine has no such check.</summary>
    public abstract Task<string?> IntegrityCheck();

    public abstract string Describe { get; }

    public static Database For(LoadOptions options, string dataDirectory) =>
        options.IsPostgres
            ? new Postgres(options.ConnectionString ?? throw new LoadException("PostgreSQL needs a connection string"))
            : new Sqlite(options.ConnectionString is { } c ? new SqliteConnectionStringBuilder(c).DataSource : Path.Combine(dataDirectory, "emulation.db"));

    public sealed class Sqlite(string file) : Database
    {
        public override string Describe => $"SQLite {file}";

        public override async Task<List<string?[]>> Query(string sql)
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string?[]>();
            while (await reader.ReadAsync())
            {
                var row = new string?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                }

                rows.Add(row);
            }

            return rows;
        }

        public override async Task<string?> IntegrityCheck() =>
            string.Join(" ", (await Query("PRAGMA integrity_check")).Select(r => r[0]));
    }

    /// <summary>PostgreSQL through psql (tab-separated, nulls marked), from an Npgsql-style connection string.</summary>
    public sealed class Postgres(string connectionString) : Database
    {
        private const string Null = "\u2400";

        public override string Describe => "PostgreSQL " + Libpq(connectionString);

        public override async Task<List<string?[]>> Query(string sql)
        {
            var start = new ProcessStartInfo("psql")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var arg in new[] { "-X", "-A", "-t", "-q", "-v", "ON_ERROR_STOP=1", "-F", "\t", "-P", $"null={Null}", "-d", Libpq(connectionString), "-c", sql })
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start) ?? throw new LoadException("psql did not start");
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new LoadException($"psql: {error.Trim()}");
            }

            return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t').Select(v => v == Null ? null : v).ToArray())];
        }

        public override Task<string?> IntegrityCheck() => Task.FromResult<string?>(null);

        /// <summary>Host=…;Port=…;Database=…;Username=…;Password=… as libpq's key=value form.</summary>
        public static string Libpq(string npgsql)
        {
            var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["host"] = "host", ["server"] = "host", ["port"] = "port", ["database"] = "dbname", ["db"] = "dbname",
                ["username"] = "user", ["user id"] = "user", ["userid"] = "user", ["user"] = "user", ["password"] = "password",
            };
            var parts = new List<string>();
            foreach (var pair in npgsql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var at = pair.IndexOf('=', StringComparison.Ordinal);
                if (at > 0 && keys.TryGetValue(pair[..at].Trim(), out var key))
                {
                    parts.Add($"{key}='{pair[(at + 1)..].Trim().Replace("'", "\\'", StringComparison.Ordinal)}'");
                }
            }

            return string.Join(' ', parts);
        }
    }
}
