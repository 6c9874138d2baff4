using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Account;

/// <summary>
/// A user changes their own password; a password handed over by an administrator must be changed
/// here before anything else (<see cref="MustChangePasswordMiddleware"/>). The user's other
/// sessions end; this one goes on.
/// </summary>
public sealed class ChangePasswordModel(IMediator mediator, UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Forced => User.MustChangePasswordOf();

    [TempData]
    public string? Flash { get; set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(128, ErrorMessage = "Validation.TooLong")]
        [DataType(DataType.Password)]
        [Display(Name = "Password.Current")]
        public string CurrentPassword { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(128, ErrorMessage = "Validation.TooLong")]
        [DataType(DataType.Password)]
        [Display(Name = "Password.New")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(128, ErrorMessage = "Validation.TooLong")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "Setup.PasswordsDiffer")]
        [Display(Name = "Password.Confirm")]
        public string ConfirmPassword { get; set; } = "";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var forced = Forced;
        if (ModelState.IsValid)
        {
            var errors = await mediator.Send(new Command(User, Input.CurrentPassword, Input.NewPassword), ct);
            foreach (var error in errors)
            {
                ModelState.AddModelError("", error);
            }

            if (errors.Count == 0)
            {
                // The new security stamp goes into this browser's cookie; its session goes on.
                if (await users.GetUserAsync(User) is { } user && User.SessionId() is { } session)
                {
                    await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AccountClaims.Session, session)]);
                }

                Flash = "Password.Changed";
                // A handed-over password changed: on to the work, the unit's home page.
                return LocalRedirect(forced ? "/" : "/Account/Manage");
            }
        }

        Input = new InputModel();
        return Page();
    }

    public sealed record Command(ClaimsPrincipal User, string CurrentPassword, string NewPassword) : IRequest<IReadOnlyList<string>>;

    public sealed class Handler(
        UserManager<IdentityUser> users,
        SessionRegistry sessions,
        BusinessClock clock,
        AuditLog audit,
        EmulationDb db,
        IStringLocalizer<SharedResource> t) : IRequestHandler<Command, IReadOnlyList<string>>
    {
        public async ValueTask<IReadOnlyList<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.GetUserAsync(command.User) ?? throw new NotFoundException();
            if (command.NewPassword == command.CurrentPassword)
            {
                return [t["Password.Same"]];
            }

            var changed = await users.ChangePasswordAsync(user, command.CurrentPassword, command.NewPassword);
            if (!changed.Succeeded)
            {
                return changed.Errors.Select(e => e.Description).ToList();
            }

            var name = user.UserName!;
            if (await db.UserProfiles.FirstOrDefaultAsync(p => p.UserId == user.Id, cancellationToken) is { } profile)
            {
                profile.PasswordChanged();
            }

            var current = command.User.SessionId();
            var ended = await sessions.EndAll(db, user.Id, name, "password changed", clock.UtcNow, cancellationToken, except: current);
            audit.Write(name, AuditActions.PasswordChanged, $"user:{name}", null, null, ended > 0 ? $"{ended} other session(s) ended" : null);
            await db.SaveChangesAsync(cancellationToken);
            return [];
        }
    }
}
