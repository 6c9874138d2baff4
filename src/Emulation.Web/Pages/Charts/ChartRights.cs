using System.Security.Claims;
using Emulation.Web.Infrastructure;

namespace Emulation.Web.Pages.Charts;

/// <summary>Who reads the charts of every unit and the heat map: verifiers, administrators and the committee.</summary>
public static class ChartRights
{
    public static bool ReadsEveryUnit(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.IsInRole(Roles.Verifier) || user.IsInRole(Roles.Administrator)
            || user.IsInRole(Roles.CommitteeChair) || user.IsInRole(Roles.CommitteeMember);
    }
}
