using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Emulation.Load;

/// <summary>
/// Debian's nginx with a configuration of its own in a temporary prefix (never the system service):
/// 127.0.0.1 only, an upstream of the servers, the forwarded headers the servers believe from
/// 127.0.0.1, and a request that fails on one server (refused, reset, 502) tried on the other
/// unless it is a POST that may have reached it.
/// </summary>
public sealed class Nginx(string prefix, int port, IReadOnlyList<int> upstreamPorts) : IAsyncDisposable
{
    public Uri Url { get; } = new($"http://127.0.0.1:{port}");

    /// <summary>The configuration, the same as tests/cluster/start.sh writes and README shows.</summary>
    public static string Config(string prefix, int port, IReadOnlyList<int> upstreamPorts)
    {
        var servers = new StringBuilder();
        foreach (var upstream in upstreamPorts)
        {
            servers.Append(CultureInfo.InvariantCulture, $"        server 127.0.0.1:{upstream} max_fails=1 fail_timeout=5s;\n");
        }

        return $$"""
            worker_processes 1;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                client_body_temp_path {{prefix}}/body;
                proxy_temp_path {{prefix}}/proxy;
                fastcgi_temp_path {{prefix}}/fastcgi;
                uwsgi_temp_path {{prefix}}/uwsgi;
                scgi_temp_path {{prefix}}/scgi;
                client_max_body_size 64m;
                upstream emulation {
            {{servers}}        keepalive 32;
                }
                server {
                    listen 127.0.0.1:{{port}};
                    server_name 127.0.0.1;
                    location / {
                        proxy_pass http://emulation;
                        proxy_http_version 1.1;
                        proxy_set_header Connection "";
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_next_upstream error timeout http_502 http_503;
                        proxy_connect_timeout 2s;
                        proxy_read_timeout 60s;
                    }
                }
            }

            """;
    }

    public async Task StartAsync()
    {
        Directory.CreateDirectory(prefix);
        var config = Path.Combine(prefix, "nginx.conf");
        await File.WriteAllTextAsync(config, Config(prefix, port, upstreamPorts));
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
