using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Account;

/// <summary>Sign in by user name. Every failure reads the same, whatever the reason; failures are throttled, never locking the account.</summary>
[EnableRateLimiting(SignInLimitOptions.Policy)]
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

        var outcome = await mediator.Send(new Command(Input.UserName.Trim(), Input.Password,
            HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent.ToString()), ct);
        switch (outcome)
        {
            case Outcome.SignedIn:
                return LocalRedirect(SafeReturnUrl());
            case Outcome.MustChangePassword:
                return LocalRedirect(MustChangePasswordMiddleware.ChangePage);
            case Outcome.Throttled:
                ModelState.AddModelError("", localizer["Login.Throttled"]);
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
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
        MustChangePassword,
        Failed,
        Throttled,
    }

    public sealed record Command(string UserName, string Password, string? Address = null, string? UserAgent = null) : IRequest<Outcome>;

    /// <summary>
    /// Every failure takes the same path and the same time: an unknown name is checked against a
    /// stand-in hash, a disabled or locked account's password is still checked, and none of them
    /// counts toward a lockout (strangers could lock anyone out); failures are throttled instead.
    /// </summary>
    public sealed class Handler(
        UserManager<IdentityUser> users,
        SignInManager<IdentityUser> signIn,
        IPasswordHasher<IdentityUser> hasher,
        SignInThrottle throttle,
        SessionRegistry sessions,
        BusinessClock clock,
        AuditLog audit,
        EmulationDb db) : IRequestHandler<Command, Outcome>
    {
        private static readonly IdentityUser Nobody = new("nobody");
        private static string? nobodyHash;

        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var entity = $"user:{command.UserName}";
            if (throttle.IsThrottled(command.Address, command.UserName))
            {
                audit.Write(command.UserName, AuditActions.LoginThrottled, entity, null, null, command.Address);
                await db.SaveChangesAsync(cancellationToken);
                return Outcome.Throttled;
            }

            var user = await users.FindByNameAsync(command.UserName);
            bool valid;
            if (user is null)
            {
                nobodyHash ??= hasher.HashPassword(Nobody, Guid.NewGuid().ToString("N"));
                hasher.VerifyHashedPassword(Nobody, nobodyHash, command.Password);
                valid = false;
            }
            else
            {
                valid = await users.CheckPasswordAsync(user, command.Password);
            }

            var profile = user is null ? null : await db.UserProfiles.FirstOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
            if (valid && (profile is { IsDisabled: true } || await users.IsLockedOutAsync(user!)))
            {
                valid = false;
            }

            if (!valid)
            {
                throttle.Failed(command.Address, command.UserName);
                // The name tried is kept, never the password.
                audit.Write(command.UserName, AuditActions.LoginFailed, entity, null, null, "unknown user, wrong password, disabled or locked");
                await db.SaveChangesAsync(cancellationToken);
                return Outcome.Failed;
            }

            var session = UserSession.Start(user!.Id, user.UserName!, clock.UtcNow, command.UserAgent, command.Address);
            db.UserSessions.Add(session);
            audit.Write(command.UserName, AuditActions.LoginSucceeded, entity, null, null, null);
            await db.SaveChangesAsync(cancellationToken);
            sessions.Forget(session.Id);
            await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim(AccountClaims.Session, session.Id)]);
            return profile is { MustChangePassword: true } ? Outcome.MustChangePassword : Outcome.SignedIn;
        }
    }
}
