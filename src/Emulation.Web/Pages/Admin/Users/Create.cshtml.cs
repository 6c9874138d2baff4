using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Admin.Users;

/// <summary>
/// An administrator creates an account; its one-time password is shown once, on this page (never
/// stored in clear), and must be changed at the first sign-in.
/// </summary>
public sealed class CreateModel(IMediator mediator, UserAccounts accounts, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];

    public Created? Result { get; private set; }

    public async Task OnGetAsync(string? unit, CancellationToken ct)
    {
        Units = await accounts.CurrentUnits(ct);
        if (unit is { Length: <= 32 })
        {
            Input.Unit = unit;
            Input.Roles = [Roles.UnitHead];
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Units = await accounts.CurrentUnits(ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var outcome = await mediator.Send(new Command(User.Identity!.Name!, Input.ToForm(), Input.Reason), ct);
        foreach (var error in outcome.Errors)
        {
            ModelState.AddModelError("", t[error.Key, error.Args]);
        }

        Result = outcome.Created;
        return Page();
    }

    public sealed record Created(string UserName, string DisplayName, string? Unit, string Password);

    public sealed record Outcome(IReadOnlyList<UserError> Errors, Created? Created);

    public sealed record Command(string Who, UserForm Form, string? Reason) : IRequest<Outcome>;

    public sealed class Handler(UserAccounts accounts, EmulationDb db) : IRequestHandler<Command, Outcome>
    {
        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var errors = await accounts.Check(command.Form, null, null, cancellationToken);
            if (errors.Count > 0)
            {
                return new Outcome(errors, null);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var password = await accounts.Create(command.Form, command.Who, command.Reason);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Outcome([], new Created(command.Form.UserName, command.Form.DisplayName, command.Form.Unit, password));
        }
    }
}
