using System.Net;
using System.Text.RegularExpressions;
using Emulation.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

/// <summary>
/// The application with settings of a test's choosing, where a request names the client address it
/// comes from (header <see cref="Peer"/>, as a network connection would), and whose password hasher
/// counts its checks.
/// </summary>
public class SecurityFactory : EmulationFactory
{
    public const string Peer = "X-Test-Peer";

    public virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public CountingHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter>(new PeerFilter());
            services.AddSingleton<IPasswordHasher<IdentityUser>>(Hasher);
        });
    }

    private sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[Peer].ToString() is { Length: > 0 } peer)
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(peer);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }

    public sealed class CountingHasher : IPasswordHasher<IdentityUser>
    {
        private readonly PasswordHasher<IdentityUser> inner = new();
        private int verified;

        public int Verified => verified;

        public string HashPassword(IdentityUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(IdentityUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verified);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}

internal static partial class AccountSupport
{
    /// <summary>The one-time password of a sheet or page: the text of the element marked <c>.one-time-password</c>.</summary>
    public static string SetupCode(this EmulationFactory factory) =>
        File.ReadAllText(Path.Combine(factory.Folder, SetupState.CodeFileName)).Trim();

    /// <summary>The value of a cookie set by a response, and its attributes, lower case.</summary>
    public static (string Value, string Attributes)? SetCookie(this HttpResponseMessage response, string name)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            return null;
        }

        var cookie = cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal));
        if (cookie is null)
        {
            return null;
        }

        var value = cookie[(name.Length + 1)..].Split(';')[0];
        return (value, cookie[(cookie.IndexOf(';', StringComparison.Ordinal) + 1)..].ToLowerInvariant());
    }

    /// <summary>Signs in on a client that keeps no cookies, returning the sign-in cookie as a "Cookie" header value.</summary>
    public static async Task<(HttpResponseMessage Response, string? AuthCookie)> RawLogIn(this HttpClient client, string userName, string password, params (string Name, string Value)[] headers)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var get = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        foreach (var (name, value) in headers)
        {
            get.Headers.Add(name, value);
        }

        var page = await client.SendAsync(get);
        var antiforgery = page.Headers.GetValues("Set-Cookie").First(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];
        var token = TokenPattern().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/Login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        foreach (var (name, value) in headers)
        {
            post.Headers.Add(name, value);
        }

        var response = await client.SendAsync(post);
        var auth = response.SetCookie(".Emulation.Auth");
        return (response, auth is { } cookie ? $".Emulation.Auth={cookie.Value}" : null);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

internal static class RedirectPaths
{
    /// <summary>The path of a redirect, relative (as the server now sends them) or absolute.</summary>
    public static string PathOnly(this Uri location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?', '#')[0];
    }
}
