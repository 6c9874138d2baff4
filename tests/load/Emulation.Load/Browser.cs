using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Emulation.Load;

/// <summary>
/// One person's browser: a cookie jar, redirects not followed (so a save's answer is seen as the
/// server gave it), forms read with AngleSharp as the browser would send them.
/// </summary>
public sealed class Browser : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly HttpClient http;

    public Browser(Uri baseUrl, TimeSpan timeout)
    {
        BaseUrl = baseUrl;
        http = new HttpClient(new SocketsHttpHandler
        {
            CookieContainer = Cookies,
            UseCookies = true,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
        })
        { BaseAddress = baseUrl, Timeout = timeout };
    }

    public Uri BaseUrl { get; }

    public CookieContainer Cookies { get; } = new();

    /// <summary>A GET: status, body and how long it took.</summary>
    public async Task<Answer> Get(string path, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return new Answer(response.StatusCode, response.Headers.Location?.OriginalString, body, watch.Elapsed);
    }

    /// <summary>A form post (application/x-www-form-urlencoded, as the browser sends a form without files).</summary>
    public async Task<Answer> Post(string path, IEnumerable<KeyValuePair<string, string>> fields, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(new Uri(path, UriKind.Relative), content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return new Answer(response.StatusCode, response.Headers.Location?.OriginalString, body, watch.Elapsed);
    }

    /// <summary>Signs in through the login page: 302 to the home page or to the password change.</summary>
    public async Task<Answer> SignIn(string userName, string password, CancellationToken ct)
    {
        var page = await Get("/Account/Login", ct);
        page.Require(HttpStatusCode.OK, "the login page");
        var answer = await Post("/Account/Login", [Token(page.Body), new("Input.UserName", userName), new("Input.Password", password)], ct);
        return answer.StatusCode == HttpStatusCode.Redirect ? answer : throw new LoadException($"signing in as {userName} answered {(int)answer.StatusCode}");
    }

    public static KeyValuePair<string, string> Token(string html)
    {
        var document = Parser.ParseDocument(html);
        var input = document.QuerySelector("input[name=__RequestVerificationToken]") as IHtmlInputElement
            ?? throw new LoadException("no antiforgery token on the page");
        return new("__RequestVerificationToken", input.Value);
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    public void Dispose() => http.Dispose();
}

public sealed record Answer(HttpStatusCode StatusCode, string? Location, string Body, TimeSpan Took)
{
    public void Require(HttpStatusCode expected, string what)
    {
        if (StatusCode != expected)
        {
            throw new LoadException($"{what} answered {(int)StatusCode}{(Location is null ? "" : " → " + Location)}");
        }
    }
}

public sealed class LoadException(string message) : Exception(message);
