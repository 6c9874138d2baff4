using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Awards;

/// <summary>
/// The council (Hội đồng Thi đua – Khen thưởng) as the users hold it now: everyone with the chair's
/// or a member's role, the chair first, each with the unit they belong to (the <c>unit</c> claim),
/// which recuses them from that unit's candidacies. An account locked for good is no seat.
/// </summary>
public sealed class Committee(EmulationDb db)
{
    /// <summary>The user's seat on the council, or null for anyone else (verifiers, administrators, units).</summary>
    public async Task<CommitteeSeat?> SeatOf(System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsInRole(Roles.CommitteeChair) && !user.IsInRole(Roles.CommitteeMember))
        {
            return null;
        }

        var name = user.Identity?.Name;
        return (await Seats(ct)).FirstOrDefault(s => s.Name == name);
    }

    public async Task<IReadOnlyList<CommitteeSeat>> Seats(CancellationToken ct)
    {
        var roles = await db.Roles.Where(r => r.Name == Roles.CommitteeChair || r.Name == Roles.CommitteeMember)
            .Select(r => new { r.Id, r.Name }).ToListAsync(ct);
        var chairRole = roles.FirstOrDefault(r => r.Name == Roles.CommitteeChair)?.Id;
        var roleIds = roles.Select(r => r.Id).ToList();
        var links = await db.UserRoles.Where(l => roleIds.Contains(l.RoleId)).Select(l => new { l.UserId, l.RoleId }).ToListAsync(ct);
        var userIds = links.Select(l => l.UserId).Distinct().ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.UserName, u.LockoutEnd }).ToListAsync(ct);
        var units = await db.UserClaims.Where(c => userIds.Contains(c.UserId) && c.ClaimType == EmulationClaims.Unit)
            .Select(c => new { c.UserId, c.ClaimValue }).ToListAsync(ct);
        return
        [
            .. users.Where(u => u.UserName is not null && u.LockoutEnd != DateTimeOffset.MaxValue)
                .Select(u => new CommitteeSeat(u.UserName!, links.Any(l => l.UserId == u.Id && l.RoleId == chairRole),
                    units.FirstOrDefault(c => c.UserId == u.Id)?.ClaimValue))
                .OrderByDescending(s => s.Chair).ThenBy(s => s.Name, StringComparer.Ordinal),
        ];
    }
}
