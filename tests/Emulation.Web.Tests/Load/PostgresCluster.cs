using System.Diagnostics;
using Emulation.Load;

namespace Emulation.Web.Tests.Load;

/// <summary>
/// One empty PostgreSQL database for the load test: on the server EMULATION_TEST_POSTGRES names
/// (a connection string without a database) when it is set, else on a PostgreSQL 15 of the test's
/// own (tests/cluster/postgres.sh: Debian's binaries, a temporary folder, 127.0.0.1 only), stopped
/// and removed afterwards.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string Binaries = "/usr/lib/postgresql/15/bin/postgres";
    private const string ServerVariable = "EMULATION_TEST_POSTGRES";
    private readonly string? folder;
    private readonly string? server;
    private readonly string name = "emulation_load_" + Guid.NewGuid().ToString("N")[..12];

    private PostgresCluster(string? folder, string? server, int port)
    {
        this.folder = folder;
        this.server = server;
        ConnectionString = server is null
            ? $"Host=127.0.0.1;Port={port};Database={name};Username=postgres"
            : $"{server.TrimEnd(';')};Database={name}";
    }

    public string ConnectionString { get; }

    /// <summary>Why the PostgreSQL variant cannot run here, or null.</summary>
    public static string? Unavailable()
    {
        var web = Path.GetDirectoryName(Path.Combine(new LoadOptions().RepositoryRoot, "src", "Emulation.Web", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "x"))!;
        var server = Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 };
        return !server && !File.Exists(Binaries) ? $"PostgreSQL 15 is not installed ({Binaries}) and {ServerVariable} is not set"
            : !File.Exists("/usr/sbin/nginx") ? "nginx is not installed (/usr/sbin/nginx)"
            : !File.Exists(Path.Combine(web, "Npgsql.dll")) ? "this build of Emulation.Web has no PostgreSQL provider (Npgsql.dll is not beside it)"
            : null;
    }

    public static async Task<PostgresCluster> Start(int port)
    {
        if (Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } given)
        {
            var shared = new PostgresCluster(null, given, port);
            await new Database.Postgres(given + ";Database=postgres").Query($"CREATE DATABASE \"{shared.name}\"");
            return shared;
        }

        // Under /tmp, not the tests' folder: the postgres account must reach it.
        var cluster = new PostgresCluster(Directory.CreateTempSubdirectory("emulation-test-pg-").FullName, null, port);
        await Script("start", cluster.folder!, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Script("createdb", port.ToString(System.Globalization.CultureInfo.InvariantCulture), cluster.name);
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            await new Database.Postgres(server + ";Database=postgres").Query($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            return;
        }

        await Script("stop", folder!);
        Directory.Delete(folder!, recursive: true);
    }

    private static async Task Script(params string[] args)
    {
        var start = new ProcessStartInfo(Path.Combine(new LoadOptions().RepositoryRoot, "tests", "cluster", "postgres.sh")) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"postgres.sh {string.Join(' ', args)}: {await error}");
        }
    }
}
