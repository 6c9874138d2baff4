using Microsoft.AspNetCore.Identity;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// Whether an administrator exists. Outside demo mode no account has a known password: until the
/// first administrator is created at /Setup, every request goes there; afterwards /Setup is gone.
/// </summary>
public sealed class SetupState
{
    private volatile bool administratorExists;

    public bool AdministratorExists => administratorExists;

    internal async Task Refresh(IServiceProvider scoped)
    {
        var users = scoped.GetRequiredService<UserManager<IdentityUser>>();
        // An account locked for good (a demo leftover) is no administrator; a brief lockout still is.
        administratorExists = (await users.GetUsersInRoleAsync(Roles.Administrator)).Any(u => u.LockoutEnd != DateTimeOffset.MaxValue);
    }

    internal void AdministratorCreated() => administratorExists = true;
}

/// <summary>Sends every request to /Setup while no administrator exists.</summary>
public sealed class SetupGateMiddleware(RequestDelegate next, SetupState state)
{
    private static readonly string[] Open = ["/Setup", "/health", "/css", "/js", "/lib", "/favicon", "/Language", "/Error"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (state.AdministratorExists || Open.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        context.Response.Redirect(context.Request.PathBase + "/Setup");
        return Task.CompletedTask;
    }
}
