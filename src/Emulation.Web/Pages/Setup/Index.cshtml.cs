using System.ComponentModel.DataAnnotations;
using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Setup;

/// <summary>
/// First start outside demo mode: no account has a known password, so the administrator's is set
/// here. Once an administrator exists the page is gone (404).
/// </summary>
[EnableRateLimiting(SignInLimitOptions.Policy)]
public sealed class IndexModel(IMediator mediator, SetupState state) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(64, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Setup.Code")]
        public string Code { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(64, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Login.UserName")]
        public string UserName { get; set; } = "admin";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(Domain.UserProfile.MaxDisplayNameLength, ErrorMessage = "Validation.TooLong")]
        [Display(Name = "Users.DisplayName")]
        public string DisplayName { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [StringLength(128, ErrorMessage = "Validation.TooLong")]
        [DataType(DataType.Password)]
        [Display(Name = "Setup.Password")]
        public string Password { get; set; } = "";

        [Required(ErrorMessage = "Validation.Required")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "Setup.PasswordsDiffer")]
        [Display(Name = "Setup.ConfirmPassword")]
        public string ConfirmPassword { get; set; } = "";
    }

    public IActionResult OnGet() => state.AdministratorExists ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (state.AdministratorExists)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var errors = await mediator.Send(new Command(Input.Code, Input.UserName.Trim(), Input.DisplayName.Trim(), Input.Password), ct);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                ModelState.AddModelError("", error);
            }

            return Page();
        }

        return RedirectToPage("/Account/Login");
    }

    public sealed record Command(string Code, string UserName, string DisplayName, string Password) : IRequest<IReadOnlyList<string>>;

    /// <summary>One setup at a time, with the code, and only while no administrator exists: exactly one is created.</summary>
    public sealed class Handler(UserManager<IdentityUser> users, SetupState state, AuditLog audit, EmulationDb db, IStringLocalizer<SharedResource> t)
        : IRequestHandler<Command, IReadOnlyList<string>>
    {
        public async ValueTask<IReadOnlyList<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            using var exclusive = await state.Exclusive(cancellationToken);
            if (state.AdministratorExists
                || (await users.GetUsersInRoleAsync(Roles.Administrator)).Any(u => u.LockoutEnd != DateTimeOffset.MaxValue))
            {
                return [t["Setup.Done"]];
            }

            if (!state.Accepts(command.Code))
            {
                audit.Write(command.UserName, AuditActions.SetupRefused, "setup", null, null, "wrong setup code");
                await db.SaveChangesAsync(cancellationToken);
                return [t["Setup.WrongCode"]];
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var user = new IdentityUser(command.UserName);
            var created = await users.CreateAsync(user, command.Password);
            if (!created.Succeeded)
            {
                return created.Errors.Select(e => e.Description).ToList();
            }

            var role = await users.AddToRoleAsync(user, Roles.Administrator);
            if (!role.Succeeded)
            {
                return role.Errors.Select(e => e.Description).ToList();
            }

            db.UserProfiles.Add(Domain.UserProfile.Create(user.Id, command.DisplayName, null, mustChangePassword: false));
            audit.Write(command.UserName, AuditActions.AdministratorCreated, $"user:{command.UserName}", null, Roles.Administrator, "first start");
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            state.AdministratorCreated();
            return [];
        }
    }
}
