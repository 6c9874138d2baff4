using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Account;

/// <summary>The user's own account: who they are, their password, their open sessions (the other ones can be ended).</summary>
public sealed class ManageModel(IMediator mediator) : PageModel
{
    public SessionList Data { get; private set; } = null!;

    public string? Flash { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Flash = TempData["Flash"] as string;
        Data = await mediator.Send(new Query(User), ct);
    }

    public async Task<IActionResult> OnPostEndAsync(string? session, CancellationToken ct)
    {
        await mediator.Send(new EndOthers(User, session), ct);
        TempData["Flash"] = "Sessions.Ended";
        return RedirectToPage();
    }

    public sealed record Query(ClaimsPrincipal User) : IRequest<SessionList>;

    /// <summary>Ends one other session of the user, or every other one when <paramref name="SessionId"/> is null.</summary>
    public sealed record EndOthers(ClaimsPrincipal User, string? SessionId) : IRequest<int>;

    public sealed class Handler(UserManager<IdentityUser> users, SessionRegistry sessions, BusinessClock clock, AuditLog audit, EmulationDb db)
        : IRequestHandler<Query, SessionList>, IRequestHandler<EndOthers, int>
    {
        public async ValueTask<SessionList> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = users.GetUserId(query.User) ?? throw new NotFoundException();
            return await SessionList.Of(db, userId, query.User.SessionId(), cancellationToken);
        }

        public async ValueTask<int> Handle(EndOthers command, CancellationToken cancellationToken)
        {
            var userId = users.GetUserId(command.User) ?? throw new NotFoundException();
            var name = command.User.Identity?.Name ?? userId;
            var current = command.User.SessionId();
            int ended;
            if (command.SessionId is { } id)
            {
                // Another user's session or this one is not found here: a forged id is a 404.
                var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == id && s.UserId == userId && s.EndedAtUtc == null && s.Id != current, cancellationToken)
                    ?? throw new NotFoundException();
                session.End(name, "ended by the user", clock.UtcNow);
                sessions.Forget(id);
                ended = 1;
            }
            else
            {
                ended = await sessions.EndAll(db, userId, name, "ended by the user", clock.UtcNow, cancellationToken, except: current);
            }

            audit.Write(name, AuditActions.SessionEnded, $"user:{name}", null, ended.ToString(System.Globalization.CultureInfo.InvariantCulture), "own other sessions");
            await db.SaveChangesAsync(cancellationToken);
            return ended;
        }
    }
}

/// <summary>A user's open sessions, newest first, the current one marked.</summary>
public sealed record SessionList(string UserName, IReadOnlyList<SessionList.Row> Sessions)
{
    public sealed record Row(string Id, DateTime StartedAtUtc, DateTime LastSeenAtUtc, string? UserAgent, string? Address, bool Current);

    public static async Task<SessionList> Of(EmulationDb db, string userId, string? current, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.UserName).FirstOrDefaultAsync(ct) ?? throw new NotFoundException();
        var rows = await db.UserSessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAtUtc == null)
            .Select(s => new Row(s.Id, s.StartedAtUtc, s.LastSeenAtUtc, s.UserAgent, s.Address, s.Id == current))
            .ToListAsync(ct);
        return new SessionList(name, rows.OrderByDescending(r => r.StartedAtUtc).ToList());
    }
}
