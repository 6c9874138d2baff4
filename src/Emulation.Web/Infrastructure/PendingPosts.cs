using System.Text.Json;
using Emulation.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// A form posted after its sender's session expired: kept for a day so that, after signing in
/// again, the sender is offered to send it once more (<c>/Account/Resume</c>). Files are not kept.
/// </summary>
public sealed class PendingPost
{
    private PendingPost(string id, string action, string fields, DateTime createdAtUtc)
    {
        Id = id;
        Action = action;
        Fields = fields;
        CreatedAtUtc = createdAtUtc;
    }

    public string Id { get; private set; }

    /// <summary>Where the form was going (path and query).</summary>
    public string Action { get; private set; }

    /// <summary>The posted fields as JSON, token and passwords left out.</summary>
    public string Fields { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public IReadOnlyList<KeyValuePair<string, string>> Values() =>
        JsonSerializer.Deserialize<List<KeyValuePair<string, string>>>(Fields) ?? [];

    internal static PendingPost Create(string action, IReadOnlyList<KeyValuePair<string, string>> fields, DateTime utcNow) =>
        new(Guid.NewGuid().ToString("N"), action, JsonSerializer.Serialize(fields), utcNow);
}

/// <summary>Keeps and hands back forms whose session expired; see <see cref="PendingPost"/>.</summary>
public static class PendingPosts
{
    public const string Cookie = ".Emulation.Pending";
    public const int MaxBytes = 256 * 1024;
    private const int MaxStored = 10_000;
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    /// <summary>
    /// The cookie handler's redirect to the sign-in page: a script gets 401; a form posted without a
    /// session is kept, and the sign-in page will lead to <c>/Account/Resume</c> afterwards.
    /// </summary>
    public static async Task RedirectToLogin(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var request = http.Request;
        if (DomainExceptionFilter.IsScript(request))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // The address stays relative: a forged Host header is never sent back.
        var target = Relative(context.RedirectUri);
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType && (request.ContentLength ?? 0) <= MaxBytes)
        {
            try
            {
                var form = await request.ReadFormAsync(http.RequestAborted);
                var fields = form
                    .Where(f => f.Key != "__RequestVerificationToken" && !f.Key.Contains("password", StringComparison.OrdinalIgnoreCase))
                    .SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")))
                    .ToList();
                var db = http.RequestServices.GetRequiredService<EmulationDb>();
                var now = DateTime.UtcNow;
                await db.PendingPosts.Where(p => p.CreatedAtUtc < now - KeptFor).ExecuteDeleteAsync(http.RequestAborted);
                if (fields.Count > 0 && await db.PendingPosts.CountAsync(http.RequestAborted) < MaxStored)
                {
                    var pending = PendingPost.Create(request.PathBase + request.Path + request.QueryString, fields, now);
                    db.PendingPosts.Add(pending);
                    await db.SaveChangesAsync(http.RequestAborted);
                    http.Response.Cookies.Append(Cookie, pending.Id, new CookieOptions
                    {
                        HttpOnly = true,
                        IsEssential = true,
                        SameSite = SameSiteMode.Lax,
                        Secure = request.IsHttps,
                        MaxAge = KeptFor,
                    });
                    target = context.Options.LoginPath + QueryString.Create(context.Options.ReturnUrlParameter, "/Account/Resume");
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                // A form that cannot be read is not kept; the sign-in page still comes.
            }
        }

        http.Response.Redirect(target);
    }

    public static Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (DomainExceptionFilter.IsScript(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }

        context.Response.Redirect(Relative(context.RedirectUri));
        return Task.CompletedTask;
    }

    private static string Relative(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.PathAndQuery : uri;

    /// <summary>The form kept for this browser, removed as it is handed back; null when there is none.</summary>
    public static async Task<PendingPost?> Take(HttpContext http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.Cookies[Cookie] is not { Length: 32 } id)
        {
            return null;
        }

        http.Response.Cookies.Delete(Cookie);
        var db = http.RequestServices.GetRequiredService<EmulationDb>();
        var pending = await db.PendingPosts.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (pending is null || pending.CreatedAtUtc < DateTime.UtcNow - KeptFor)
        {
            return null;
        }

        db.PendingPosts.Remove(pending);
        await db.SaveChangesAsync(ct);
        return pending;
    }
}
