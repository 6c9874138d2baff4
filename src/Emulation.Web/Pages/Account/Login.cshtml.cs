using System.ComponentModel.DataAnnotations;
using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Account;

/// <summary>Sign in by user name. Every failure reads the same, whatever the reason, and counts toward lockout.</summary>
public sealed class LoginModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(256, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Login.UserName")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Display(Name = "Login.Password")]
        public string Password { get; set; } = "";
    }

    public IActionResult OnGet() =>
        User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl()) : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await mediator.Send(new Command(Input.UserName.Trim(), Input.Password), ct);
        switch (outcome)
        {
            case Outcome.SignedIn:
                return LocalRedirect(SafeReturnUrl());
            case Outcome.LockedOut:
                ModelState.AddModelError("", localizer["Login.LockedOut"]);
                break;
            default:
                ModelState.AddModelError("", localizer["Login.Failed"]);
                break;
        }

        Input.Password = "";
        return Page();
    }

    private string SafeReturnUrl() => ReturnUrl is { } url && Url.IsLocalUrl(url) ? url : "/";

    public enum Outcome
    {
        SignedIn,
        Failed,
        LockedOut,
    }

    public sealed record Command(string UserName, string Password) : IRequest<Outcome>;

    public sealed class Handler(SignInManager<IdentityUser> signIn, AuditLog audit, EmulationDb db) : IRequestHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var result = await signIn.PasswordSignInAsync(command.UserName, command.Password, isPersistent: false, lockoutOnFailure: true);
            var entity = $"user:{command.UserName}";
            Outcome outcome;
            if (result.Succeeded)
            {
                audit.Write(command.UserName, AuditActions.LoginSucceeded, entity, null, null, null);
                outcome = Outcome.SignedIn;
            }
            else if (result.IsLockedOut)
            {
                audit.Write(command.UserName, AuditActions.LoginLockedOut, entity, null, null, "locked out after repeated failures");
                outcome = Outcome.LockedOut;
            }
            else
            {
                // The name tried is kept, never the password.
                audit.Write(command.UserName, AuditActions.LoginFailed, entity, null, null, "unknown user or wrong password");
                outcome = Outcome.Failed;
            }

            await db.SaveChangesAsync(cancellationToken);
            return outcome;
        }
    }
}
