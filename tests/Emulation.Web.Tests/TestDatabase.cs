using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Emulation.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Emulation.Web.Tests;

/// <summary>
/// The engine the tests run on: SQLite unless EMULATION_TEST_DATABASE=PostgreSQL. On PostgreSQL the
/// server is EMULATION_TEST_POSTGRES (a connection string without a database, e.g.
/// "Host=127.0.0.1;Port=5432;Username=postgres"), or else one this test run starts itself: initdb and
/// pg_ctl (as the postgres account when run as root) in a folder of its own on a free loopback port,
/// stopped when the run ends. The schema is migrated once into a template database; each factory
/// gets its own database made from it (CREATE DATABASE … TEMPLATE, a file copy), dropped at the end.
/// </summary>
internal static class TestDatabase
{
    public const string ProviderVariable = "EMULATION_TEST_DATABASE";
    public const string ServerVariable = "EMULATION_TEST_POSTGRES";

    private static readonly Lazy<string> Server = new(StartServer, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<string> Template = new(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lock CreateGate = new();

    public static DatabaseProvider Provider { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable(ProviderVariable), ignoreCase: true, out var p) ? p : DatabaseProvider.Sqlite;

    public static bool IsPostgreSql => Provider == DatabaseProvider.PostgreSQL;

    /// <summary>
    /// Whether a PostgreSQL server can be had: one named by EMULATION_TEST_POSTGRES, or an installed
    /// PostgreSQL to start. In CI (the CI variable set) it must be, so tests needing it never skip there.
    /// </summary>
    public static bool PostgreSqlAvailable =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 }
        || Environment.GetEnvironmentVariable("CI") is { Length: > 0 }
        || (Directory.Exists("/usr/lib/postgresql") && Directory.EnumerateDirectories("/usr/lib/postgresql").Any(d => File.Exists(Path.Combine(d, "bin", "pg_ctl"))));

    /// <summary>The PostgreSQL server's connection string, without a database (the server is started when needed).</summary>
    public static string ServerConnectionString => Server.Value;

    /// <summary>A new database made from the migrated template; returns its connection string.</summary>
    public static string CreatePostgreSqlDatabase(bool migrated = true)
    {
        var name = "emulation_" + Guid.NewGuid().ToString("N")[..16];
        var template = migrated ? Template.Value : "template0";
        // CREATE DATABASE … TEMPLATE needs the template alone: one copy at a time.
        lock (CreateGate)
        {
            Execute(Server.Value, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
        }

        return ForDatabase(name);
    }

    public static string ForDatabase(string name) =>
        new NpgsqlConnectionStringBuilder(Server.Value) { Database = name, MaxPoolSize = 40, ConnectionIdleLifetime = 10 }.ConnectionString;

    public static void DropPostgreSqlDatabase(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        using (var connection = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        Execute(Server.Value, $"DROP DATABASE IF EXISTS \"{builder.Database}\" WITH (FORCE)");
    }

    public static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static string CreateTemplate()
    {
        var name = "emulation_template";
        Execute(Server.Value, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        Execute(Server.Value, $"CREATE DATABASE \"{name}\" TEMPLATE template0");
        using (var db = DatabaseSetup.Open(DatabaseProvider.PostgreSQL, ForDatabase(name)))
        {
            db.Database.Migrate();
        }

        return name;
    }

    private static string StartServer()
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given)
        {
            return new NpgsqlConnectionStringBuilder(given) { Database = "postgres" }.ConnectionString;
        }

        var bin = Directory.EnumerateDirectories("/usr/lib/postgresql")
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
            .FirstOrDefault() ?? throw new InvalidOperationException("PostgreSQL is not installed (/usr/lib/postgresql/<version>/bin); install it, or set " + ServerVariable + ".");
        StopLeftovers(bin);
        var folder = Path.Combine(Path.GetTempPath(), "emulation-pg", Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var asPostgres = Environment.UserName == "root";
        if (asPostgres)
        {
            Run("chown", ["-R", "postgres", Path.GetDirectoryName(folder)!], asPostgres: false);
        }

        var data = Path.Combine(folder, "data");
        Run(Path.Combine(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], asPostgres);
        var port = FreePort();
        Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(folder, "log"), "-w", "-t", "60", "-o",
            string.Create(CultureInfo.InvariantCulture, $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400 -c shared_buffers=64MB"),
            "start"], asPostgres);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Run(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], asPostgres);
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException)
            {
            }
        };
        return string.Create(CultureInfo.InvariantCulture, $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres");
    }

    /// <summary>Servers started by earlier runs whose test process has ended.</summary>
    private static void StopLeftovers(string bin)
    {
        var parent = Path.Combine(Path.GetTempPath(), "emulation-pg");
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(parent))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && pid != Environment.ProcessId && !IsRunning(pid))
            {
                try
                {
                    if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
                    {
                        Run(Path.Combine(bin, "pg_ctl"), ["-D", Path.Combine(folder, "data"), "-m", "immediate", "stop"], Environment.UserName == "root", check: false);
                    }

                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string program, IReadOnlyList<string> args, bool asPostgres, bool check = true)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {output.Result}{error.Result}");
        }
    }
}

/// <summary>A test that only means something on SQLite (its file, its pragmas): skipped on PostgreSQL.</summary>
public sealed class SqliteFactAttribute : FactAttribute
{
    public SqliteFactAttribute()
    {
        if (TestDatabase.IsPostgreSql)
        {
            Skip = "SQLite only (EMULATION_TEST_DATABASE=PostgreSQL).";
        }
    }
}

/// <summary>A test that needs a PostgreSQL server whichever engine the suite runs on: skipped only
/// where none is installed or named, and never in CI.</summary>
public sealed class PostgreSqlFactAttribute : FactAttribute
{
    public PostgreSqlFactAttribute()
    {
        if (!TestDatabase.PostgreSqlAvailable)
        {
            Skip = "PostgreSQL is not installed (/usr/lib/postgresql/<version>/bin) and " + TestDatabase.ServerVariable + " is not set.";
        }
    }
}
