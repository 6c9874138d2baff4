using System.Net;
using System.Net.Sockets;
using Emulation.Load;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace Emulation.Web.Tests.Load;

/// <summary>
/// tests/load/deadline-hour.sh and tests/load/crash.sh in a shortened form (20 units, 10 s, 5
/// readers) against the built Emulation.Web started as a separate process on a free port with a
/// temporary data folder: zero errors, nothing lost, nothing half-written, integrity ok, everyone
/// still signed in; and the check itself fails when the database lacks an answered save.
/// </summary>
[Collection(LoadCollection.Name)]
public sealed class DeadlineHourTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_shortened_deadline_hour_on_SQLite_answers_every_request_and_the_database_holds_every_answered_save()
    {
        var data = TestFolders.Create("load");
        var options = Shortened(data);

        var result = await LoadRun.Run(options);

        output.WriteLine(result.Report);
        Assert.True(result.Passed, result.Report);
        Assert.Equal(20, result.Findings.AnsweredSubmissions);
        Assert.Equal(40, result.Findings.AnsweredSaves);
        Assert.Equal("ok", result.Findings.Integrity);

        // The check can fail: a save answered but not stored, and a submitted month changed behind its version.
        var database = new Database.Sqlite(Path.Combine(data, "emulation.db"));
        result.Ledger.Unit(UnitsFile.Code(1)).Acknowledge($"burst {options.RunId} {UnitsFile.Code(1)} save 9.1");
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(data, "emulation.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var tamper = connection.CreateCommand();
            tamper.CommandText = """
                UPDATE "SubmissionEntries" SET "Value" = '0'
                WHERE "Id" = (SELECT e."Id" FROM "SubmissionEntries" e JOIN "Submissions" s ON s."Id" = e."SubmissionId" WHERE s."UnitCode" = 'LT-XA002' LIMIT 1)
                """;
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }

        var findings = await Checker.Check(database, result.Ledger, options.RunId);
        Assert.Contains(findings.Lost, l => l.StartsWith("LT-XA001: \"burst", StringComparison.Ordinal));
        Assert.Contains(findings.HalfWritten, h => h.StartsWith("LT-XA002:", StringComparison.Ordinal));
        Assert.False(findings.Clean);
    }

    [Fact]
    public async Task A_shortened_deadline_hour_on_SQLite_with_its_only_server_killed_in_the_middle_loses_nothing_answered()
    {
        var options = Shortened(TestFolders.Create("load"));
        options.Crash = true;
        options.Duration = TimeSpan.FromSeconds(12);

        var result = await LoadRun.Run(options);

        output.WriteLine(result.Report);
        Assert.True(result.Passed, result.Report);
        Assert.NotNull(result.Crash);
        Assert.True(result.Crash.Restarted);
        Assert.Equal(20, result.StillSignedIn);
        Assert.Equal("ok", result.Findings.Integrity);
    }

    [SkippableFact]
    public async Task A_shortened_deadline_hour_on_PostgreSQL_with_one_of_two_servers_killed_behind_nginx_loses_nothing_and_the_other_serves()
    {
        var why = PostgresCluster.Unavailable();
        Skip.If(why is not null && Environment.GetEnvironmentVariable("CI") is null, why);
        Assert.Null(why);
        await using var postgres = await PostgresCluster.Start(FreePort());
        var options = Shortened(TestFolders.Create("load"));
        options.Database = "PostgreSQL";
        options.ConnectionString = postgres.ConnectionString;
        options.Servers = 2;
        options.Port = FreePort();
        options.NginxPort = FreePort();
        options.Crash = true;
        options.Duration = TimeSpan.FromSeconds(12);

        var result = await LoadRun.Run(options);

        output.WriteLine(result.Report);
        Assert.True(result.Passed, result.Report);
        Assert.True(result.Crash!.ServedWhileDown > 0, "the other server answered nothing while the first was down");
        Assert.Equal(20, result.StillSignedIn);
    }

    private LoadOptions Shortened(string data) => new()
    {
        Units = 20,
        Duration = TimeSpan.FromSeconds(10),
        Readers = 5,
        Port = FreePort(),
        DataDirectory = data,
        WebDll = WebDll(),
        Log = new OutputWriter(output),
    };

    /// <summary>The built Emulation.Web of the tests' configuration (the test command builds the solution first).</summary>
    private static string WebDll()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        return Path.Combine(new LoadOptions().RepositoryRoot, "src", "Emulation.Web", "bin", configuration, "net10.0", "Emulation.Web.dll");
    }

    /// <summary>A port nothing listens on now (the server binds it a moment later).</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class OutputWriter(ITestOutputHelper output) : StringWriter(System.Globalization.CultureInfo.InvariantCulture)
    {
        public override void WriteLine(string? value) => output.WriteLine(value ?? "");

        public override void Write(string? value) => output.WriteLine(value?.TrimEnd('\n') ?? "");
    }
}

/// <summary>The load tests start real processes on the machine's two cores: one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LoadCollection
{
    public const string Name = "Load";
}
