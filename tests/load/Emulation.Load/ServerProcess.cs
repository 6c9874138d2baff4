using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Emulation.Load;

/// <summary>
/// One Emulation.Web server as a separate process on 127.0.0.1 (demo mode, the run's units file),
/// its output in a log file. <see cref="Kill"/> is kill -9; <see cref="StartAsync"/> starts it again
/// with the same arguments.
/// </summary>
public sealed class ServerProcess(string webDll, IReadOnlyList<string> arguments, int port, string logFile) : IAsyncDisposable
{
    private Process? process;

    public Uri Url { get; } = new($"http://127.0.0.1:{port}");

    public int Port => port;

    public string LogFile => logFile;

    public int? ProcessId => process is { HasExited: false } p ? p.Id : null;

    /// <summary>The arguments of a demo server of this run: database, data folder, criteria, units file, sign-in limits, proxy.</summary>
    public static List<string> Arguments(LoadOptions options, string dataDirectory, string criteriaDirectory, string unitsFile, bool behindProxy)
    {
        var args = new List<string>
        {
            "--Emulation:Demo=true",
            "--Emulation:DemoHistory=false",
            $"--Emulation:DataDirectory={dataDirectory}",
            $"--Emulation:CriteriaDirectory={criteriaDirectory}",
            $"--Emulation:UnitsFile={unitsFile}",
            // Every person of the burst signs in from 127.0.0.1: the per-address limit of the
            // sign-in page (300 a minute) is for one office, not for a load generator.
            "--Emulation:SignIn:RequestsPerAddressPerMinute=100000",
            "--Emulation:DailyBackups=false",
            "--Logging:LogLevel:Default=Warning",
        };
        if (options.IsPostgres)
        {
            args.Add("--Emulation:Database=PostgreSQL");
        }

        if (options.ConnectionString is { } connection)
        {
            args.Add($"--ConnectionStrings:Emulation={connection}");
        }

        if (behindProxy)
        {
            args.Add("--Emulation:KnownProxies:0=127.0.0.1");
        }

        return args;
    }

    public async Task StartAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
        };
        start.ArgumentList.Add(webDll);
        // The project folder as content root, where the static files are (as tests/load/rankings.sh).
        var project = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(webDll)!, "..", "..", ".."));
        if (File.Exists(Path.Combine(project, "Emulation.Web.csproj")))
        {
            start.ArgumentList.Add("--contentRoot");
            start.ArgumentList.Add(project);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Url.ToString().TrimEnd('/'));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var log = new StreamWriter(logFile, append: true, Encoding.UTF8) { AutoFlush = true };
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"--- started {DateTime.UtcNow:O}"));
        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server on port {port} stopped at start (exit code {process.ExitCode}); see {logFile}.");
            }

            try
            {
                using var health = await http.GetAsync(new Uri(Url, "/health"), ct);
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException($"The server on port {port} did not answer /health within {timeout.TotalSeconds:0} s; see {logFile}.");
    }

    /// <summary>kill -9: the process ends at once, nothing flushed, nothing shut down.</summary>
    public void Kill()
    {
        if (process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit(10_000);
        }
    }

    /// <summary>A normal stop (SIGTERM via Process.Kill is not graceful, so the run ends with kill too: the database is checked for what a crash leaves anyway).</summary>
    public ValueTask DisposeAsync()
    {
        Kill();
        process?.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
