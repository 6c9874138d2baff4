using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace Emulation.Load;

/// <summary>
/// A whole run: the units file and data folder prepared, the servers (and nginx) started unless
/// addresses were given, the accounts made, the burst (with its crash), the people's cookies tried
/// again, the database compared with what was answered, and the report.
/// </summary>
public static class LoadRun
{
    public sealed record Result(Ledger Ledger, Checker.Findings Findings, TimeSpan Elapsed, int StillSignedIn, int People, CrashReport? Crash, string Report)
    {
        public int Errors => Ledger.Errors.Count;

        /// <summary>Every unit submitted within the duration.</summary>
        public bool WithinDuration { get; init; }

        /// <summary>Zero errors, zero lost saves, nothing half-written, integrity ok, everyone still signed in, every unit done.</summary>
        public bool Passed => Errors == 0 && Findings.Clean && StillSignedIn == People && Ledger.Units.Count(u => u.Finished) == People
            && (Crash is null || Crash.Restarted);
    }

    public sealed record CrashReport(int Server, TimeSpan KilledAt, TimeSpan Down, bool Restarted, int ServedWhileDown, int Refused);

    public static async Task<Result> Run(LoadOptions options, CancellationToken ct = default)
    {
        var log = options.Log;
        var work = Directory.CreateTempSubdirectory("emulation-load-").FullName;
        var data = options.DataDirectory ?? Path.Combine(work, "data");
        var servers = new List<ServerProcess>();
        Nginx? nginx = null;
        try
        {
            if (options.BaseUrls.Count == 0)
            {
                var dll = options.WebDll ?? Path.Combine(options.RepositoryRoot, "src", "Emulation.Web", "bin", "Release", "net10.0", "Emulation.Web.dll");
                if (!File.Exists(dll))
                {
                    throw new LoadException($"Build the solution first: {dll} was not found.");
                }

                var unitsFile = UnitsFile.Write(options.RepositoryRoot, work, options.Units);
                var behindProxy = options.NginxPort > 0;
                var args = ServerProcess.Arguments(options, data, Path.Combine(work, "criteria"), unitsFile, behindProxy);
                log?.WriteLine($"Starting {options.Servers} server(s) on {options.Database} with {options.Units} more units (data folder {data})…");
                for (var s = 0; s < options.Servers; s++)
                {
                    servers.Add(new ServerProcess(dll, args, options.Port + s, Path.Combine(work, $"server-{s + 1}.log")));
                }

                // The first migrates and seeds; the others start on the ready database.
                await servers[0].StartAsync(TimeSpan.FromMinutes(3), ct);
                await Task.WhenAll(servers.Skip(1).Select(s => s.StartAsync(TimeSpan.FromMinutes(3), ct)));
                if (behindProxy)
                {
                    // nginx's workers run as another account: its prefix (request bodies over the buffer are
                    // written there) must not be inside the run's folder, which is the owner's only.
                    var prefix = Path.Combine(Path.GetTempPath(), $"emulation-load-nginx-{options.NginxPort}");
                    Directory.CreateDirectory(prefix);
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(prefix, (UnixFileMode)0b111_101_101);
                    }

                    nginx = new Nginx(Path.Combine(options.RepositoryRoot, "tests", "cluster", "emulation.nginx"), prefix, options.NginxPort, [.. servers.Select(s => s.Port)]);
                    await nginx.StartAsync();
                    options.BaseUrls.Add(nginx.Url);
                }
                else
                {
                    options.BaseUrls.AddRange(servers.Select(s => s.Url));
                }
            }

            log?.WriteLine($"Creating {options.Units} unit accounts through /Admin/Users/Import…");
            var prepared = Stopwatch.StartNew();
            await Accounts.Create(options.BaseUrls[0], options.Units, log, ct);
            log?.WriteLine($"  ready in {prepared.Elapsed.TotalSeconds:0} s.");

            await WarmUp(options, ct);
            var ledger = new Ledger();
            var burst = new Burst(options, ledger);
            log?.WriteLine($"The burst: {options.Units} units sign in, open /Assessments/<unit>/{LoadOptions.Month}, save twice and submit, beginning over {options.Duration.TotalSeconds * options.ArrivalShare:0} s, " +
                $"while {options.Readers} readers load /Rankings (a {options.ReaderPause.TotalMilliseconds:0} ms pause between loads), through {string.Join(", ", options.BaseUrls)}…");
            var running = burst.Run(ct);
            CrashReport? crash = null;
            if (options.Crash)
            {
                crash = await Crash(options, servers, burst, ledger, ct);
            }

            await running;
            var elapsed = burst.Elapsed;

            // The same cookies, after the run (and the restart): still signed in?
            var signedIn = 0;
            foreach (var (_, person) in burst.People)
            {
                try
                {
                    var page = await person.Get("/Notifications", ct);
                    signedIn += page.StatusCode == HttpStatusCode.OK ? 1 : 0;
                }
                catch (HttpRequestException)
                {
                }
            }

            var database = Database.For(options, data);
            var findings = await Checker.Check(database, ledger, options.RunId);
            var report = Report(options, ledger, findings, elapsed, signedIn, crash, database);
            log?.Write(report);
            foreach (var person in burst.People)
            {
                person.Browser.Dispose();
            }

            var finished = ledger.Units.Where(u => u.Finished).ToList();
            return new Result(ledger, findings, elapsed, signedIn, options.Units, crash, report)
            {
                WithinDuration = finished.Count == options.Units && finished.Max(u => u.FinishedAfter) <= options.Duration,
            };
        }
        finally
        {
            if (nginx is not null)
            {
                await nginx.DisposeAsync();
            }

            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }

            if (!options.Keep)
            {
                try
                {
                    Directory.Delete(work, recursive: true);
                }
                catch (IOException)
                {
                }
            }
            else
            {
                log?.WriteLine($"Kept {work} (logs, data folder, criteria).");
            }
        }
    }

    /// <summary>
    /// Not counted: every server's runtime compiles its paths on their first calls, so each one
    /// opens /Rankings and a demo unit's form and saves it (Chợ Gạo's November, not a burst unit).
    /// </summary>
    private static async Task WarmUp(LoadOptions options, CancellationToken ct)
    {
        foreach (var url in options.BaseUrls)
        {
            using var chogao = new Browser(url, TimeSpan.FromMinutes(1));
            await chogao.SignIn("chogao", Accounts.DemoPassword, ct);
            for (var i = 0; i < 3; i++)
            {
                (await chogao.Get("/Rankings", ct)).Require(HttpStatusCode.OK, "/Rankings");
                var page = await chogao.Get($"/Assessments/CHOGAO/{LoadOptions.Month}", ct);
                page.Require(HttpStatusCode.OK, "Chợ Gạo's form");
                var form = MonthForm.Read(page.Body);
                if (form.Editable)
                {
                    await chogao.Post($"/Assessments/CHOGAO/{LoadOptions.Month}?handler=Save", form.Fields($"warm-up {options.RunId}.{i}", withEvidence: false), ct);
                }
            }
        }
    }

    private static async Task<CrashReport> Crash(LoadOptions options, List<ServerProcess> servers, Burst burst, Ledger ledger, CancellationToken ct)
    {
        if (servers.Count == 0)
        {
            throw new LoadException("--crash needs servers the run starts itself (no --base-url).");
        }

        var server = servers[Math.Min(options.CrashServer, servers.Count - 1)];
        // In the middle of the burst (its clock starts once the readers are signed in).
        while (burst.Elapsed < options.Duration / 2)
        {
            await Task.Delay(100, ct);
        }

        var killedAt = burst.Elapsed;
        options.Log?.WriteLine($"  {killedAt.TotalSeconds:0.0} s: kill -9 of the server on port {server.Port} (pid {server.ProcessId})");
        burst.Down = true;
        server.Kill();
        await Task.Delay(options.Downtime, ct);
        var restarted = true;
        try
        {
            await server.StartAsync(TimeSpan.FromMinutes(2), ct);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            ledger.Error($"the restart failed: {e.Message}");
            restarted = false;
        }

        var down = burst.Elapsed - killedAt;
        burst.Down = false;
        options.Log?.WriteLine($"  {burst.Elapsed.TotalSeconds:0.0} s: the server answers again ({down.TotalSeconds:0.0} s down)");
        return new CrashReport(servers.IndexOf(server) + 1, killedAt, down, restarted, burst.ServedWhileDown, ledger.Refused);
    }

    private static string Report(LoadOptions options, Ledger ledger, Checker.Findings findings, TimeSpan elapsed, int signedIn, CrashReport? crash, Database database)
    {
        var text = new StringBuilder();
        var finished = ledger.Units.Where(u => u.Finished).ToList();
        var last = finished.Count == 0 ? TimeSpan.Zero : finished.Max(u => u.FinishedAfter);
        string Line(string what)
        {
            var t = ledger.Timings(what);
            return t.Count == 0 ? $"  {what,-8} no requests" : string.Create(CultureInfo.InvariantCulture,
                $"  {what,-8} {t.Count,6} requests, median {Ledger.Percentile(t, 50),7:0.0} ms, p95 {Ledger.Percentile(t, 95),7:0.0} ms, p99 {Ledger.Percentile(t, 99),7:0.0} ms, max {t[^1],7:0.0} ms");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"Result ({options.Database}, {options.BaseUrls.Count} address(es): {string.Join(", ", options.BaseUrls)}; {options.Units} units, {options.Readers} readers, {options.Duration.TotalSeconds:0} s):");
        text.AppendLine(CultureInfo.InvariantCulture, $"  units submitted: {finished.Count} of {options.Units}, the last {last.TotalSeconds:0.0} s after the start ({(last <= options.Duration && finished.Count == options.Units ? "within" : "NOT within")} {options.Duration.TotalSeconds:0} s)");
        text.AppendLine(Line("login"));
        text.AppendLine(Line("form"));
        text.AppendLine(Line("save"));
        text.AppendLine(Line("submit"));
        text.AppendLine(Line("ranking"));
        text.AppendLine(CultureInfo.InvariantCulture, $"  errors: {ledger.Errors.Count}");
        foreach (var error in ledger.Errors.Take(10))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {error}");
        }

        if (crash is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  crash: server {crash.Server} killed (-9) at {crash.KilledAt.TotalSeconds:0.0} s, answering again {crash.Down.TotalSeconds:0.0} s later; {crash.ServedWhileDown} requests answered meanwhile, {ledger.Refused} refused or unanswered (retried)");
            text.AppendLine(CultureInfo.InvariantCulture, $"  unanswered saves or submissions (may or may not be stored): {ledger.Units.Sum(u => u.Unknown.Count)}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"  still signed in with the same cookies after the run: {signedIn} of {options.Units}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  the database ({database.Describe}):");
        text.AppendLine(CultureInfo.InvariantCulture, $"    saves answered with success: {findings.AnsweredSaves}, lost: {findings.Lost.Count}");
        text.AppendLine(CultureInfo.InvariantCulture, $"    submissions answered: {findings.AnsweredSubmissions}, submitted months stored: {findings.StoredSubmissions}, half-written: {findings.HalfWritten.Count}");
        foreach (var problem in findings.Lost.Concat(findings.HalfWritten).Take(10))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"    {problem}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"    integrity_check: {findings.Integrity ?? "n/a (PostgreSQL)"}");
        return text.ToString();
    }
}
