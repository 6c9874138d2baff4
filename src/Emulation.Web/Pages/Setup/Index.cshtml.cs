using System.ComponentModel.DataAnnotations;
using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Emulation.Web.Pages.Setup;

/// <summary>
/// First start outside demo mode: no account has a known password, so the administrator's is set
/// here. Once an administrator exists the page is gone (404).
/// </summary>
public sealed class IndexModel(IMediator mediator, SetupState state) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Validation.Required")]
        [Display(Name = "Login.UserName")]
        public string UserName { get; set; } = "admin";

        [Required(ErrorMessage = "Validation.Required")]
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

        var errors = await mediator.Send(new Command(Input.UserName.Trim(), Input.Password), ct);
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

    public sealed record Command(string UserName, string Password) : IRequest<IReadOnlyList<string>>;

    public sealed class Handler(UserManager<IdentityUser> users, SetupState state, AuditLog audit, EmulationDb db)
        : IRequestHandler<Command, IReadOnlyList<string>>
    {
        public async ValueTask<IReadOnlyList<string>> Handle(Command command, CancellationToken cancellationToken)
        {
            if ((await users.GetUsersInRoleAsync(Roles.Administrator)).Any(u => u.LockoutEnd != DateTimeOffset.MaxValue))
            {
                state.AdministratorCreated();
                return ["An administrator exists already."];
            }

            var user = new IdentityUser(command.UserName);
            var created = await users.CreateAsync(user, command.Password);
            if (!created.Succeeded)
            {
                return created.Errors.Select(e => e.Description).ToList();
            }

            var role = await users.AddToRoleAsync(user, Roles.Administrator);
            if (!role.Succeeded)
            {
                await users.DeleteAsync(user);
                return role.Errors.Select(e => e.Description).ToList();
            }

            audit.Write(command.UserName, AuditActions.AdministratorCreated, $"user:{command.UserName}", null, Roles.Administrator, "first start");
            await db.SaveChangesAsync(cancellationToken);
            state.AdministratorCreated();
            return [];
        }
    }
}
