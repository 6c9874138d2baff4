using System.Data.Common;
using Emulation.Web.Infrastructure;
using Emulation.Web.Infrastructure.Notifications;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Emulation.Web.Data;

/// <summary>The database engines the application runs on (<c>Emulation:Database</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>One file in the data folder, one server (the default).</summary>
    Sqlite,

    /// <summary>One PostgreSQL database (<c>ConnectionStrings:Emulation</c>) shared by one or more servers.</summary>
    PostgreSQL,
}

/// <summary>
/// Which engine runs is configuration, and this is the one place that knows it: the context type
/// and its migrations, the connection, the engine's errors and tuning. Pages and handlers only see
/// <see cref="EmulationDb"/>.
/// </summary>
public static class DatabaseSetup
{
    public const string ProviderKey = $"{EmulationOptions.Section}:Database";
    public const string ConnectionName = "Emulation";

    /// <summary>The configured provider; anything but Sqlite or PostgreSQL is refused.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[ProviderKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new StartupException(
                $"Emulation:Database = '{value}' không hợp lệ; chọn Sqlite hoặc PostgreSQL (Emulation:Database must be Sqlite or PostgreSQL).", []);
    }

    /// <summary>The PostgreSQL connection string; refused when missing or malformed.</summary>
    public static string PostgreSqlConnectionString(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration.GetConnectionString(ConnectionName);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new StartupException(
                "Với Emulation:Database = PostgreSQL cần chuỗi kết nối ConnectionStrings:Emulation (with Emulation:Database = PostgreSQL, ConnectionStrings:Emulation must give the connection string, e.g. Host=127.0.0.1;Port=5432;Database=emulation;Username=emulation).", []);
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(text);
            if (string.IsNullOrEmpty(builder.Host) || string.IsNullOrEmpty(builder.Database))
            {
                throw new ArgumentException("Host and Database are required.");
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new StartupException(
                $"Chuỗi kết nối ConnectionStrings:Emulation không đúng (the PostgreSQL connection string ConnectionStrings:Emulation is malformed): {e.Message}", [], e);
        }
    }

    /// <summary>Registers <see cref="EmulationDb"/> on the configured engine.</summary>
    public static IServiceCollection AddEmulationDatabase(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        var provider = Provider(configuration);
        services.AddSingleton(new DatabaseEngine(provider));
        if (provider == DatabaseProvider.PostgreSQL)
        {
            services.AddDbContext<EmulationDb, PostgreSqlEmulationDb>((sp, db) => db
                .UseEmulationPostgreSql(PostgreSqlConnectionString(sp.GetRequiredService<IConfiguration>()))
                .AddInterceptors(sp.GetRequiredService<NoticeInterceptor>()));
        }
        else
        {
            services.AddDbContext<EmulationDb>((sp, db) => db
                .UseSqlite(SqliteSetup.ConnectionString(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<IOptions<EmulationOptions>>().Value))
                .AddInterceptors(new SqliteBusyTimeoutInterceptor(), sp.GetRequiredService<NoticeInterceptor>()));
        }

        return services;
    }

    public static DbContextOptions<PostgreSqlEmulationDb> PostgreSqlOptions(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<PostgreSqlEmulationDb>();
        builder.UseEmulationPostgreSql(connectionString);
        return builder.Options;
    }

    public static DbContextOptionsBuilder UseEmulationPostgreSql(this DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseNpgsql(connectionString, o => o.CommandTimeout(120));
    }

    /// <summary>A context outside the server (commands, tests) on <paramref name="provider"/>, without pooling.</summary>
    public static EmulationDb Open(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.PostgreSQL => new PostgreSqlEmulationDb(PostgreSqlOptions(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString)),
        _ => new EmulationDb(new DbContextOptionsBuilder<EmulationDb>()
            .UseSqlite(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString())
            .AddInterceptors(new SqliteBusyTimeoutInterceptor()).Options),
    };
}

/// <summary>The running engine, for the few services that must know it (backups, start-up).</summary>
public sealed record DatabaseEngine(DatabaseProvider Provider)
{
    /// <summary>Whether the backups page can make backups itself (SQLite); PostgreSQL's are made with pg_dump.</summary>
    public bool MakesOwnBackups => Provider == DatabaseProvider.Sqlite;
}

/// <summary>
/// The PostgreSQL flavour of <see cref="EmulationDb"/>: the same model, its own migrations
/// (<c>Data/Migrations/PostgreSql</c>), every text compared and ordered byte by byte ("C"
/// collation) as SQLite does, so lists sort the same on both engines.
/// </summary>
public sealed class PostgreSqlEmulationDb(DbContextOptions<PostgreSqlEmulationDb> options) : EmulationDb(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties()).Where(p => p.ClrType == typeof(string)))
        {
            property.SetCollation("C");
        }
    }
}

/// <summary>For <c>dotnet ef migrations add … --context Emulation.Web.Data.EmulationDb</c> (SQLite): no database is reached.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<EmulationDb>
{
    public EmulationDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<EmulationDb>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>For <c>dotnet ef migrations add … --context PostgreSqlEmulationDb</c>: no database is reached.</summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlEmulationDb>
{
    public PostgreSqlEmulationDb CreateDbContext(string[] args) =>
        new(DatabaseSetup.PostgreSqlOptions("Host=127.0.0.1;Database=emulation"));
}

/// <summary>The engines' errors, read the same way.</summary>
public static class DatabaseErrors
{
    /// <summary>A unique index or primary key refused the row (SQLite 19 / PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception?.InnerException is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>The engine's own failures (busy, unreachable, refused), for catch filters outside the data layer.</summary>
    public static bool IsDatabaseError(this Exception exception) => exception is DbException;
}

/// <summary>Engine tuning for the few writes of a whole year at once (demo history, imports).</summary>
public static class DatabaseTuning
{
    /// <summary>A larger page cache for one long transaction (SQLite; PostgreSQL needs nothing).</summary>
    public static async Task BeginLargeWrite(this Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsSqlite())
        {
            // The year is one transaction of tens of thousands of rows; with SQLite's default 2 MB
            // page cache it keeps reading the indexes' pages back.
            await database.ExecuteSqlRawAsync("PRAGMA cache_size = -65536;", ct);
        }
    }

    /// <summary>
    /// Whether a year's entries are best written with one prepared INSERT run per row (SQLite,
    /// where each call is in-process) rather than through the change tracker.
    /// </summary>
    public static bool TakesPreparedBulkInserts(this Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database) =>
        database?.IsSqlite() == true;

    /// <summary>Back to the default before the connection returns to the pool.</summary>
    public static async Task EndLargeWrite(this Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.IsSqlite())
        {
            await database.ExecuteSqlRawAsync("PRAGMA cache_size = -2000;", ct);
        }
    }
}
