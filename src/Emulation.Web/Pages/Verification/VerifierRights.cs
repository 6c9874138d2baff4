using System.Security.Claims;
using Emulation.Web.Infrastructure;

namespace Emulation.Web.Pages.Verification;

/// <summary>
/// Who may do what on the verification pages: verifiers and administrators read them, only a
/// verifier acts (accepts, extends, closes out, publishes), only an administrator reopens a month.
/// The folder's policy keeps everyone else out; every handler asks again, so a handler called on
/// its own refuses the same people (404, as for a forged address).
/// </summary>
public static class VerifierRights
{
    public static bool MayRead(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Verifier) || user.IsInRole(Roles.Administrator);
    }

    public static bool MayAct(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Verifier);
    }

    public static bool MayReopen(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Administrator);
    }

    /// <exception cref="NotFoundException">Neither a verifier nor an administrator.</exception>
    public static void RequireRead(ClaimsPrincipal user)
    {
        if (!MayRead(user))
        {
            throw new NotFoundException();
        }
    }

    /// <exception cref="NotFoundException">Not a verifier.</exception>
    public static void RequireAct(ClaimsPrincipal user)
    {
        if (!MayAct(user))
        {
            throw new NotFoundException();
        }
    }

    /// <exception cref="NotFoundException">Not an administrator.</exception>
    public static void RequireReopen(ClaimsPrincipal user)
    {
        if (!MayReopen(user))
        {
            throw new NotFoundException();
        }
    }

    /// <summary>The name that goes into the audit log.</summary>
    public static string Who(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.Name ?? "-";
    }
}
