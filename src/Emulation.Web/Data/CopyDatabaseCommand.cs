using System.Data.Common;
using System.Globalization;
using System.Text;
using Emulation.Core.Campaigns;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Rankings;
using Emulation.Web.Pages.Rankings.Export;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Emulation.Web.Data;

/// <summary>
/// <c>Emulation.Web copy-database --from &lt;sqlite file&gt; --to &lt;PostgreSQL connection string&gt;</c>:
/// moves a province's SQLite database to PostgreSQL, then exits without starting the server. The
/// source is opened read-only and must be this application's database at this version's last
/// migration; the target must hold no data. The target is migrated as a server would migrate it
/// (under the start-up lock), every table of the model is copied in foreign-key order in one
/// transaction, identity sequences are moved past the copied ids, and before committing the row
/// counts and every campaign's published standings are compared. Exit codes: 0 copied and
/// verified, 2 refused (nothing written), 1 failed (rolled back).
/// </summary>
public static class CopyDatabaseCommand
{
    public const string Verb = "copy-database";
    private const string HistoryTable = "__EFMigrationsHistory";

    /// <summary>The source and target named after <c>copy-database</c>, and the other arguments; null when it is not this command.</summary>
    public static (string From, string To, string[] Remaining)? Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var index = Array.IndexOf(args, Verb);
        if (index < 0)
        {
            return null;
        }

        string from = "", to = "";
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (i == index)
            {
                continue;
            }

            if (args[i] is "--from" or "--to" && i + 1 < args.Length)
            {
                if (args[i] == "--from")
                {
                    from = args[i + 1];
                }
                else
                {
                    to = args[i + 1];
                }

                i++;
                continue;
            }

            rest.Add(args[i]);
        }

        return (from, to, rest.ToArray());
    }

    public static async Task<int> Run(string from, string to, TextWriter output, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            var source = await CheckSource(from, ct);
            var target = CheckTargetString(to);
            await RefuseData(target, ct);
            return await Copy(source, target, output, ct);
        }
        catch (Refused refused)
        {
            await output.WriteLineAsync($"{refused.Vi} / {refused.Message}");
            return 2;
        }
        catch (StartupException refused)
        {
            await output.WriteLineAsync(refused.Message);
            return 2;
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or InvalidCastException or FormatException or IOException or TimeoutException or OverflowException)
        {
            await output.WriteLineAsync($"Sao chép thất bại, không ghi gì vào đích (mọi thứ đã được hoàn tác) / The copy failed, nothing was written to the target (rolled back): {e.Message}");
            return 1;
        }
    }

    private sealed class Refused(string vi, string en) : Exception(en)
    {
        public string Vi { get; } = vi;
    }

    /// <summary>The source's read-only connection string, once it is known to be this application's database at this version.</summary>
    private static async Task<string> CheckSource(string from, CancellationToken ct)
    {
        var path = from.Length == 0 ? "" : Path.GetFullPath(from);
        if (path.Length == 0 || !File.Exists(path))
        {
            throw new Refused($"Không có tệp cơ sở dữ liệu '{from}' (--from phải là tệp SQLite của ứng dụng).",
                $"There is no database file '{from}' (--from must be the application's SQLite file).");
        }

        var header = new byte[16];
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (await file.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, ct) < header.Length
                || !header.AsSpan().SequenceEqual("SQLite format 3\0"u8))
            {
                throw new Refused($"'{from}' không phải tệp SQLite; không ghi gì cả.", $"'{from}' is not an SQLite file; nothing was written.");
            }
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        var notOurs = new Refused($"'{from}' không phải cơ sở dữ liệu của ứng dụng này; không ghi gì cả.",
            $"'{from}' is not this application's database; nothing was written.");
        await using var db = DatabaseSetup.Open(DatabaseProvider.Sqlite, connectionString);
        List<string> tables;
        List<string> applied;
        try
        {
            tables = await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'").ToListAsync(ct);
            if (!tables.Contains(HistoryTable, StringComparer.Ordinal))
            {
                throw notOurs;
            }

            applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        }
        catch (SqliteException e)
        {
            throw new Refused($"Không đọc được '{from}' như một cơ sở dữ liệu SQLite: {e.Message}", $"'{from}' cannot be read as an SQLite database: {e.Message}");
        }

        var known = db.Database.GetMigrations().ToList();
        var unknown = applied.Except(known, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new Refused($"'{from}' đã được một phiên bản mới hơn của ứng dụng nâng cấp ({string.Join(", ", unknown)}); hãy dùng phiên bản đó để sao chép.",
                $"'{from}' was migrated by a newer version of the application ({string.Join(", ", unknown)}); copy it with that version.");
        }

        if (applied.Count == 0)
        {
            throw notOurs;
        }

        if (known.Except(applied, StringComparer.Ordinal).Any())
        {
            throw new Refused($"'{from}' là cơ sở dữ liệu của một phiên bản cũ hơn; hãy khởi động ứng dụng trên nó một lần để nâng cấp, rồi sao chép (tệp nguồn không bao giờ bị ghi).",
                $"'{from}' is the database of an older version; start the application on it once to upgrade it, then copy (the source is never written).");
        }

        var missing = db.Model.GetRelationalModel().Tables.Select(t => t.Name).Where(t => !tables.Contains(t, StringComparer.Ordinal)).ToList();
        if (missing.Count > 0)
        {
            throw new Refused($"'{from}' thiếu các bảng của ứng dụng ({string.Join(", ", missing.Take(5))}); không ghi gì cả.",
                $"'{from}' lacks the application's tables ({string.Join(", ", missing.Take(5))}); nothing was written.");
        }

        return connectionString;
    }

    private static string CheckTargetString(string to)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(to) { Pooling = false };
            if (string.IsNullOrEmpty(builder.Host) || string.IsNullOrEmpty(builder.Database))
            {
                throw new ArgumentException("Host and Database are required.");
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new Refused($"--to phải là chuỗi kết nối PostgreSQL có Host và Database, ví dụ Host=127.0.0.1;Database=emulation;Username=emulation ({e.Message}).",
                $"--to must be a PostgreSQL connection string with Host and Database, e.g. Host=127.0.0.1;Database=emulation;Username=emulation ({e.Message}).");
        }
    }

    /// <summary>Refuses a target with any row in any table (a missing database, or an empty schema, is fine).</summary>
    private static async Task RefuseData(string target, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(target);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            return;
        }

        await RefuseData(connection, null, ct);
    }

    private static async Task RefuseData(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken ct)
    {
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            $"SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '{HistoryTable}' ORDER BY 1",
            connection, transaction))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        var holding = new List<string>();
        foreach (var table in tables)
        {
            await using var any = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {Quote(table)})", connection, transaction);
            if (await any.ExecuteScalarAsync(ct) is true)
            {
                holding.Add(table);
            }
        }

        if (holding.Count > 0)
        {
            var database = connection.Database;
            throw new Refused($"Cơ sở dữ liệu đích '{database}' đã có dữ liệu (bảng {string.Join(", ", holding.Take(5))}); chỉ sao chép vào một cơ sở dữ liệu trống. Không ghi gì cả.",
                $"The target database '{database}' already holds data (tables {string.Join(", ", holding.Take(5))}); copy only into an empty database. Nothing was written.");
        }
    }

    private static async Task<int> Copy(string source, string target, TextWriter output, CancellationToken ct)
    {
        await using var targetDb = (PostgreSqlEmulationDb)DatabaseSetup.Open(DatabaseProvider.PostgreSQL, target);
        // Created when missing and migrated as a server would, under the start-up lock, which stays
        // held until the copy is committed: a server starting meanwhile waits for it.
        await using var startupLock = await DatabaseMigrator.MigrateUnderLock(targetDb, ct);
        var tables = InForeignKeyOrder(targetDb.Model.GetRelationalModel());

        await using var from = new SqliteConnection(source);
        await from.OpenAsync(ct);
        // One read snapshot for every table and the verification, even with a server still writing (WAL).
        await using var snapshot = from.BeginTransaction(deferred: true);
        await using var to = new NpgsqlConnection(target);
        await to.OpenAsync(ct);
        await using var transaction = await to.BeginTransactionAsync(ct);
        await RefuseData(to, transaction, ct);
        var columnTypes = await ColumnTypes(to, transaction, ct);

        var counts = new List<(string Table, long Rows)>();
        foreach (var table in tables)
        {
            counts.Add((table.Name, await CopyTable(snapshot, to, table, columnTypes, ct)));
        }

        await ResetSequences(to, transaction, ct);

        // Verify before committing: a difference rolls everything back.
        foreach (var (table, rows) in counts)
        {
            await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {Quote(table)}", to, transaction);
            var copied = System.Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            if (copied != rows)
            {
                throw new InvalidOperationException($"{table}: {rows} rows read, {copied} in the target.");
            }
        }

        IReadOnlyList<string> compared;
        await using (var sourceDb = new EmulationDb(new DbContextOptionsBuilder<EmulationDb>().UseSqlite(from).Options))
        await using (var copiedDb = new PostgreSqlEmulationDb(new DbContextOptionsBuilder<PostgreSqlEmulationDb>().UseNpgsql(to).Options))
        {
            await sourceDb.Database.UseTransactionAsync(snapshot, ct);
            await copiedDb.Database.UseTransactionAsync(transaction, ct);
            var before = await Standings(sourceDb, ct);
            var after = await Standings(copiedDb, ct);
            foreach (var (key, json) in before)
            {
                if (!after.TryGetValue(key, out var copied) || copied != json)
                {
                    throw new InvalidOperationException($"The published standings of {key} differ after the copy.");
                }
            }

            if (after.Count != before.Count)
            {
                throw new InvalidOperationException("The published standings differ after the copy.");
            }

            compared = [.. before.Keys];
        }

        await transaction.CommitAsync(ct);

        var width = Math.Max(5, counts.Max(c => c.Table.Length));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"Bảng / table".PadRight(width)}  {"Dòng / rows",12}");
        foreach (var (table, rows) in counts)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{table.PadRight(width)}  {rows,12}");
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"Bảng xếp hạng đã công bố giống nhau / published standings identical (campaign/month): {(compared.Count == 0 ? "—" : string.Join(", ", compared))}");
        text.Append(CultureInfo.InvariantCulture, $"{counts.Count} bảng / tables, {counts.Sum(c => c.Rows)} dòng / rows: đã sao chép và kiểm tra (copied and verified).");
        await output.WriteLineAsync(text.ToString());
        return 0;
    }

    /// <summary>Every table of the model, each after the tables its foreign keys point to.</summary>
    internal static IReadOnlyList<ITable> InForeignKeyOrder(IRelationalModel model)
    {
        var pending = model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<ITable>();
        while (pending.Count > 0)
        {
            var ready = pending.Where(t => t.ForeignKeyConstraints.All(fk => fk.PrincipalTable.Name == t.Name || done.Contains(fk.PrincipalTable.Name))).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("The model's foreign keys form a cycle between tables: " + string.Join(", ", pending.Select(t => t.Name)));
            }

            foreach (var table in ready)
            {
                ordered.Add(table);
                done.Add(table.Name);
                pending.Remove(table);
            }
        }

        return ordered;
    }

    /// <summary>The target's column types ("table.column" → type name such as int4 or timestamptz).</summary>
    private static async Task<Dictionary<string, string>> ColumnTypes(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var types = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            "SELECT c.relname, a.attname, t.typname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_type t ON t.oid = a.atttypid "
            + "WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped", connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            types[$"{reader.GetString(0)}.{reader.GetString(1)}"] = reader.GetString(2);
        }

        return types;
    }

    private static async Task<long> CopyTable(SqliteTransaction from, NpgsqlConnection to, ITable table, Dictionary<string, string> columnTypes, CancellationToken ct)
    {
        var columns = table.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
        var names = string.Join(", ", columns.Select(c => Quote(c.Name)));
        var types = columns.Select(c => columnTypes.TryGetValue($"{table.Name}.{c.Name}", out var type)
            ? type
            : throw new InvalidOperationException($"The target has no column {table.Name}.{c.Name}.")).ToList();
        var key = table.PrimaryKey?.Columns.Select(c => Quote(c.Name)).ToList() ?? [];
        await using var read = from.Connection!.CreateCommand();
        read.Transaction = from;
        read.CommandText = $"SELECT {names} FROM {Quote(table.Name)}" + (key.Count > 0 ? $" ORDER BY {string.Join(", ", key)}" : "");
        await using var reader = await read.ExecuteReaderAsync(ct);
        await using var writer = await to.BeginBinaryImportAsync($"COPY {Quote(table.Name)} ({names}) FROM STDIN (FORMAT BINARY)", ct);
        long rows = 0;
        while (await reader.ReadAsync(ct))
        {
            await writer.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = reader.IsDBNull(i) ? null : ToTarget(reader.GetValue(i), columns[i].ProviderClrType, types[i], $"{table.Name}.{columns[i].Name}");
                if (value is null)
                {
                    await writer.WriteNullAsync(ct);
                }
                else
                {
                    await writer.WriteAsync(value, types[i], ct);
                }
            }

            rows++;
        }

        await writer.CompleteAsync(ct);
        return rows;
    }

    /// <summary>
    /// A value as SQLite stores it (integer, real, text or blob) in the type the PostgreSQL model
    /// gives its column (after value converters): texts become instants, decimals and ids,
    /// integers become booleans.
    /// </summary>
    internal static object ToTarget(object value, Type type, string storeType, string column)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var invariant = CultureInfo.InvariantCulture;
        try
        {
            return type switch
            {
                _ when type == typeof(string) => value as string ?? System.Convert.ToString(value, invariant)!,
                _ when type == typeof(byte[]) => value as byte[] ?? throw new InvalidCastException(),
                _ when type == typeof(bool) => value is string s ? s is "1" or "true" or "True" : System.Convert.ToInt64(value, invariant) != 0,
                _ when type == typeof(decimal) => value is string s ? decimal.Parse(s, NumberStyles.Float, invariant) : System.Convert.ToDecimal(value, invariant),
                _ when type == typeof(Guid) => value is byte[] b ? new Guid(b) : Guid.Parse((string)value),
                _ when type == typeof(DateTime) => Instant(value, storeType),
                _ when type == typeof(DateTimeOffset) => DateTimeOffset.Parse((string)value, invariant, DateTimeStyles.AssumeUniversal).ToUniversalTime(),
                _ when type == typeof(DateOnly) => DateOnly.Parse(((string)value)[..10], invariant),
                _ when type == typeof(TimeOnly) => TimeOnly.Parse((string)value, invariant),
                _ when type == typeof(TimeSpan) => TimeSpan.Parse((string)value, invariant),
                _ when type.IsPrimitive => System.Convert.ChangeType(value, type, invariant),
                _ => throw new InvalidCastException($"no conversion to {type.Name}"),
            };
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new InvalidCastException($"{column}: the value '{value}' cannot be read as {type.Name} ({storeType}).", e);
        }
    }

    private static DateTime Instant(object value, string storeType)
    {
        var parsed = value is string s
            ? DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : DateTime.FromBinary(System.Convert.ToInt64(value, CultureInfo.InvariantCulture));
        // timestamptz takes UTC; a timestamp without time zone takes the value unmarked.
        return DateTime.SpecifyKind(parsed, storeType == "timestamptz" ? DateTimeKind.Utc : DateTimeKind.Unspecified);
    }

    /// <summary>Every identity or serial column's sequence continues after the highest copied id.</summary>
    private static async Task ResetSequences(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var columns = new List<(string Table, string Column)>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')",
            connection, transaction))
        await using (var reader = await list.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (table, column) in columns)
        {
            await using var reset = new NpgsqlCommand(
                $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE((SELECT MAX({Quote(column)}) FROM {Quote(table)}), 0) + 1, false)", connection, transaction);
            reset.Parameters.AddWithValue("table", Quote(table));
            reset.Parameters.AddWithValue("column", column);
            await reset.ExecuteScalarAsync(ct);
        }
    }

    /// <summary>Every stored campaign's last published month, as the standings export's JSON.</summary>
    private static async Task<Dictionary<string, string>> Standings(EmulationDb db, CancellationToken ct)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var results = new PublishedResults(db, cache);
        foreach (var stored in await db.Campaigns.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct))
        {
            if (CampaignLoader.Load(stored.Json, stored.Id).Value is not { } campaign)
            {
                continue;
            }

            var year = await results.Year(campaign, ct);
            if (year.LastMonth is { } month)
            {
                result[$"{campaign.Id}/{month}"] = Encoding.UTF8.GetString(StandingsModel.Handler.Json(year, month));
            }
        }

        return result;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
