using System.Diagnostics;
using Emulation.Load;

namespace Emulation.Web.Tests.Load;

/// <summary>
/// A PostgreSQL 15 of the test's own (tests/cluster/postgres.sh: Debian's binaries, a temporary
/// folder, 127.0.0.1 only) with one empty database, stopped and removed afterwards.
/// </summary>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string Binaries = "/usr/lib/postgresql/15/bin/postgres";
    private readonly string folder;

    private PostgresCluster(string folder, int port)
    {
        this.folder = folder;
        ConnectionString = $"Host=127.0.0.1;Port={port};Database=emulation_load;Username=postgres";
    }

    public string ConnectionString { get; }

    /// <summary>Why the PostgreSQL variant cannot run here, or null.</summary>
    public static string? Unavailable()
    {
        var web = Path.GetDirectoryName(Path.Combine(new LoadOptions().RepositoryRoot, "src", "Emulation.Web", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "x"))!;
        return !File.Exists(Binaries) ? $"PostgreSQL 15 is not installed ({Binaries})"
            : !File.Exists("/usr/sbin/nginx") ? "nginx is not installed (/usr/sbin/nginx)"
            : !File.Exists(Path.Combine(web, "Npgsql.dll")) ? "this build of Emulation.Web has no PostgreSQL provider (Npgsql.dll is not beside it)"
            : null;
    }

    public static async Task<PostgresCluster> Start(int port)
    {
        // Under /tmp, not the tests' folder: the postgres account must reach it.
        var cluster = new PostgresCluster(Directory.CreateTempSubdirectory("emulation-test-pg-").FullName, port);
        await Script("start", cluster.folder, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Script("createdb", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "emulation_load");
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        await Script("stop", folder);
        Directory.Delete(folder, recursive: true);
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
