using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Emulation.Load;

/// <summary>
/// Debian's nginx with a configuration of its own in a temporary prefix (never the system service):
/// the site file tests/cluster/emulation.nginx, on 127.0.0.1 only, an upstream of the servers.
/// </summary>
public sealed class Nginx(string site, string prefix, int port, IReadOnlyList<int> upstreamPorts) : IAsyncDisposable
{
    public Uri Url { get; } = new($"http://127.0.0.1:{port}");

    /// <summary>The site file tests/cluster/emulation.nginx (the one README shows) inside an http { } of this prefix, as tests/cluster/start.sh writes it.</summary>
    public static string Config(string site, string prefix, int port, IReadOnlyList<int> upstreamPorts)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"worker_processes 1;\npid {prefix}/nginx.pid;\nerror_log {prefix}/error.log warn;\nevents {{ worker_connections 1024; }}\nhttp {{\n    access_log off;\n");
        foreach (var temp in new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" })
        {
            text.Append(CultureInfo.InvariantCulture, $"    {temp}_temp_path {prefix}/{temp};\n");
        }

        foreach (var line in File.ReadLines(site).SkipWhile(l => !l.StartsWith("client_max_body_size", StringComparison.Ordinal)))
        {
            if (line.Trim() == "@UPSTREAMS@")
            {
                foreach (var upstream in upstreamPorts)
                {
                    text.Append(CultureInfo.InvariantCulture, $"        server 127.0.0.1:{upstream} max_fails=1 fail_timeout=5s;\n");
                }

                continue;
            }

            text.Append("    ").Append(line.Replace("@LISTEN@", $"127.0.0.1:{port}", StringComparison.Ordinal)).Append('\n');
        }

        return text.Append("}\n").ToString();
    }

    public async Task StartAsync()
    {
        Directory.CreateDirectory(prefix);
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(site, prefix, port, upstreamPorts));
        await Run("-p", prefix, "-c", config);
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(prefix, "nginx.pid")))
        {
            await Run("-p", prefix, "-c", Path.Combine(prefix, "nginx.conf"), "-s", "stop");
        }
    }

    private static async Task Run(params string[] args)
    {
        var start = new ProcessStartInfo(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx") { RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"nginx {string.Join(' ', args)} failed: {error}");
        }
    }
}
