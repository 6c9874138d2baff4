using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Emulation.Web.Pages.Account;

/// <summary>Sign out: a POST (a link could be followed by anyone's page); GET asks for confirmation.</summary>
public sealed class LogoutModel(IMediator mediator) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await mediator.Send(new Command(User.Identity?.Name), ct);
        return RedirectToPage("/Account/Login");
    }

    public sealed record Command(string? UserName) : IRequest<Unit>;

    public sealed class Handler(SignInManager<IdentityUser> signIn, AuditLog audit, EmulationDb db) : IRequestHandler<Command, Unit>
    {
        public async ValueTask<Unit> Handle(Command command, CancellationToken cancellationToken)
        {
            await signIn.SignOutAsync();
            if (command.UserName is { } name)
            {
                audit.Write(name, AuditActions.Logout, $"user:{name}", null, null, null);
                await db.SaveChangesAsync(cancellationToken);
            }

            return Unit.Value;
        }
    }
}
