using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Account;

/// <summary>Sign out: a POST (a link could be followed by anyone's page); GET asks for confirmation.</summary>
public sealed class LogoutModel(IMediator mediator, SignInManager<IdentityUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new Command(User.Identity?.Name, User.SessionId()), ct);
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }

    public sealed record Command(string? UserName, string? SessionId = null) : IRequest<Unit>;

    /// <summary>The session ends on the server too: a copy of the cookie opens nothing afterwards.</summary>
    public sealed class Handler(SessionRegistry sessions, BusinessClock clock, AuditLog audit, EmulationDb db) : IRequestHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            if (command.SessionId is { } id && await db.UserSessions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } session)
            {
                session.End(session.UserName, "logout", clock.UtcNow);
                sessions.Forget(id);
            }

            if (command.UserName is { } name)
            {
                audit.Write(name, AuditActions.Logout, $"user:{name}", null, null, null);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Unit.Value;
        }
    }
}
