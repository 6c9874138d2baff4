using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Admin.Users;

/// <summary>The accounts, searched by name and filtered by role, unit and state (active, disabled, locked).</summary>
public sealed class IndexModel(IMediator mediator, UserAccounts accounts) : PageModel
{
    public const int MaxShown = 1000;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Units = await accounts.CurrentUnits(ct);
        Rows = await mediator.Send(new Query(Clip(Q, 100), Clip(Role, 32), Clip(Unit, 32), Clip(State, 16)), ct);
    }

    private static string? Clip(string? text, int length) => string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(length, text.Trim().Length)];

    public sealed record Row(string Id, string UserName, string DisplayName, string? Position, IReadOnlyList<string> Roles, string? Unit, bool Disabled, bool Locked, bool MustChangePassword);

    public sealed record Query(string? Search, string? Role, string? Unit, string? State) : IRequest<IReadOnlyList<Row>>;

    public sealed class Handler(EmulationDb db) : IRequestHandler<Query, IReadOnlyList<Row>>
    {
        public async ValueTask<IReadOnlyList<Row>> Handle(Query query, CancellationToken cancellationToken)
        {
            // A few hundred accounts: read them with their roles and units and filter here,
            // where "contains" also ignores case for Vietnamese names.
            var users = await db.Users.AsNoTracking().Select(u => new { u.Id, u.UserName, u.LockoutEnd }).ToListAsync(cancellationToken);
            var profiles = await db.UserProfiles.AsNoTracking().ToDictionaryAsync(p => p.UserId, cancellationToken);
            var roles = (await (from link in db.UserRoles join role in db.Roles on link.RoleId equals role.Id select new { link.UserId, role.Name }).ToListAsync(cancellationToken))
                .ToLookup(r => r.UserId, r => r.Name!);
            var units = (await db.UserClaims.Where(c => c.ClaimType == EmulationClaims.Unit).Select(c => new { c.UserId, c.ClaimValue }).ToListAsync(cancellationToken))
                .ToLookup(c => c.UserId, c => c.ClaimValue);
            // Lockouts are Identity's, on the real clock.
            var now = DateTimeOffset.UtcNow;
            var rows = users.Select(u =>
            {
                profiles.TryGetValue(u.Id, out var profile);
                return new Row(u.Id, u.UserName!, profile?.DisplayName ?? u.UserName!, profile?.Position, roles[u.Id].Order(StringComparer.Ordinal).ToList(),
                    units[u.Id].FirstOrDefault(), profile?.DisabledAtUtc is not null, u.LockoutEnd > now, profile?.MustChangePassword == true);
            });
            if (query.Search is { } search)
            {
                rows = rows.Where(r => r.UserName.Contains(search, StringComparison.OrdinalIgnoreCase)
                    || r.DisplayName.Contains(search, StringComparison.CurrentCultureIgnoreCase)
                    || (r.Position?.Contains(search, StringComparison.CurrentCultureIgnoreCase) ?? false));
            }

            if (query.Role is { } wanted)
            {
                rows = rows.Where(r => r.Roles.Contains(wanted));
            }

            if (query.Unit is { } unit)
            {
                rows = rows.Where(r => r.Unit == unit);
            }

            rows = query.State switch
            {
                "active" => rows.Where(r => !r.Disabled && !r.Locked),
                "disabled" => rows.Where(r => r.Disabled),
                "locked" => rows.Where(r => r.Locked),
                _ => rows,
            };
            return rows.OrderBy(r => r.Unit ?? "", StringComparer.Ordinal).ThenBy(r => r.UserName, StringComparer.Ordinal).Take(MaxShown).ToList();
        }
    }
}
