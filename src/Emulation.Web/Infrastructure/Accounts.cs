using System.Security.Claims;
using Emulation.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Emulation.Web.Infrastructure;

/// <summary>Claims the sign-in cookie carries beside Identity's own.</summary>
public static class AccountClaims
{
    /// <summary>The server-side session (<see cref="Domain.UserSession"/>) the cookie belongs to.</summary>
    public const string Session = "session";
    public const string DisplayName = "display_name";
    public const string Position = "position";
    public const string UnitName = "unit_name";
    public const string UnitNameEn = "unit_name_en";
    public const string MustChangePassword = "must_change_password";

    public static string? SessionId(this ClaimsPrincipal user) => user?.FindFirst(Session)?.Value;

    /// <summary>The name people know the user by; the user name when the account has none.</summary>
    public static string DisplayNameOf(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(DisplayName)?.Value ?? user.Identity?.Name ?? "";
    }

    public static bool MustChangePasswordOf(this ClaimsPrincipal user) => user?.HasClaim(MustChangePassword, "true") == true;
}

/// <summary>
/// The principal of a user: roles and unit (Identity), and from the profile the display name, the
/// position, the unit's name and whether the password must be changed. Rebuilt at every security
/// stamp check (≤ 1 minute), so an edit reaches the header without signing in again.
/// </summary>
public sealed class EmulationClaimsFactory(
    UserManager<IdentityUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options,
    EmulationDb db) : UserClaimsPrincipalFactory<IdentityUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(IdentityUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (await db.UserProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == user.Id) is { } profile)
        {
            identity.AddClaim(new Claim(AccountClaims.DisplayName, profile.DisplayName));
            if (profile.Position is { } position)
            {
                identity.AddClaim(new Claim(AccountClaims.Position, position));
            }

            if (profile.MustChangePassword)
            {
                identity.AddClaim(new Claim(AccountClaims.MustChangePassword, "true"));
            }
        }

        if (identity.FindFirst(EmulationClaims.Unit)?.Value is { } code
            && await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => new { u.NameVi, u.NameEn }).FirstOrDefaultAsync() is { } unit)
        {
            identity.AddClaim(new Claim(AccountClaims.UnitName, unit.NameVi));
            identity.AddClaim(new Claim(AccountClaims.UnitNameEn, unit.NameEn));
        }

        return identity;
    }
}

/// <summary>
/// Whether a server-side session is still open. Every request asks; the answer is kept for a few
/// seconds, and a session ended on this server is forgotten at once, so a session ended anywhere
/// stops working within <see cref="CacheFor"/> (well within a minute).
/// </summary>
public sealed class SessionRegistry(IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(20);

    /// <summary>How often a session's "last seen" is written.</summary>
    public static readonly TimeSpan SeenEvery = TimeSpan.FromMinutes(5);

    private static string Key(string id) => "session:" + id;

    public async Task<bool> IsOpen(EmulationDb db, string sessionId, DateTime utcNow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (cache.TryGetValue(Key(sessionId), out bool open))
        {
            return open;
        }

        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        open = session is { EndedAtUtc: null };
        if (open && utcNow - session!.LastSeenAtUtc >= SeenEvery)
        {
            session.Seen(utcNow);
            await db.SaveChangesAsync(ct);
        }

        cache.Set(Key(sessionId), open, CacheFor);
        return open;
    }

    /// <summary>Ends the user's open sessions (but <paramref name="except"/>) in <paramref name="db"/>'s unit of work.</summary>
    public async Task<int> EndAll(EmulationDb db, string userId, string who, string reason, DateTime utcNow, CancellationToken ct, string? except = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = await db.UserSessions.Where(s => s.UserId == userId && s.EndedAtUtc == null && s.Id != except).ToListAsync(ct);
        foreach (var session in open)
        {
            session.End(who, reason, utcNow);
            Forget(session.Id);
        }

        return open.Count;
    }

    public void Forget(string sessionId) => cache.Remove(Key(sessionId));

    /// <summary>
    /// The cookie's check at every request: its session must be open, then Identity's security
    /// stamp check (every minute) rebuilds the principal or rejects it.
    /// </summary>
    public static async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.HttpContext;
        var services = http.RequestServices;
        if (context.Principal?.SessionId() is not { } id
            || !await services.GetRequiredService<SessionRegistry>().IsOpen(
                services.GetRequiredService<EmulationDb>(), id, services.GetRequiredService<BusinessClock>().UtcNow, http.RequestAborted))
        {
            context.RejectPrincipal();
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    /// <summary>The principal rebuilt by the security stamp check keeps its session.</summary>
    public static Task KeepSession(SecurityStampRefreshingPrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.CurrentPrincipal?.FindFirst(AccountClaims.Session) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(AccountClaims.Session, session.Value));
        }

        return Task.CompletedTask;
    }
}

/// <summary>A user whose password was handed over by an administrator changes it before anything else.</summary>
public sealed class MustChangePasswordMiddleware(RequestDelegate next)
{
    public const string ChangePage = "/Account/ChangePassword";
    private static readonly string[] Open = [ChangePage, "/Account/Logout", "/css", "/js", "/lib", "/favicon", "/Language", "/Error", "/health"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.MustChangePasswordOf() && !Open.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect(context.Request.PathBase + ChangePage);
            return Task.CompletedTask;
        }

        return next(context);
    }
}
