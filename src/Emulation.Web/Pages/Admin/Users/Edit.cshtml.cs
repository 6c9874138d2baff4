using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Account;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Admin.Users;

/// <summary>
/// One account: its details, roles and unit; disable (never delete) or enable it, unlock it, hand
/// over a one-time password, end its sessions. Every change is audited with its reason. An
/// administrator keeps their own Administrator role and cannot disable themselves, and the last
/// administrator stays one.
/// </summary>
public sealed class EditModel(IMediator mediator, UserAccounts accounts) : PageModel, IReloadAfterRefusal
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    [BindProperty]
    public string? Stamp { get; set; }

    public Details Data { get; private set; } = null!;
    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];
    public string? Password { get; private set; }
    public string? Flash { get; private set; }

    [FromRoute]
    public string Id { get; set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        Input = Data.Input;
        Stamp = Data.Stamp;
        Flash = TempData["Flash"] as string;
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        Data = await mediator.Send(new Query(Id, User.SessionId(), User.FindFirstValue(ClaimTypes.NameIdentifier)), ct);
        Units = await accounts.CurrentUnits(ct);
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) => Act(Action.Save, ct);
    public Task<IActionResult> OnPostDisableAsync(bool confirm, CancellationToken ct) => confirm ? Act(Action.Disable, ct) : Refuse("Users.ConfirmRequired", ct);
    public Task<IActionResult> OnPostEnableAsync(CancellationToken ct) => Act(Action.Enable, ct);
    public Task<IActionResult> OnPostUnlockAsync(CancellationToken ct) => Act(Action.Unlock, ct);
    public Task<IActionResult> OnPostResetAsync(bool confirm, CancellationToken ct) => confirm ? Act(Action.Reset, ct) : Refuse("Users.ConfirmRequired", ct);
    public Task<IActionResult> OnPostEndSessionsAsync(string? session, CancellationToken ct) => Act(Action.EndSessions, ct, session);

    private async Task<IActionResult> Refuse(string key, CancellationToken ct)
    {
        ModelState.AddModelError("", HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>()[key]);
        await ReloadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> Act(Action action, CancellationToken ct, string? session = null)
    {
        // Only the details form posts the details; the other actions post a reason.
        if (action == Action.Save ? !ModelState.IsValid : ModelState.GetFieldValidationState("Input.Reason") == Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        string? password;
        try
        {
            password = await mediator.Send(new Command(User, Id, Stamp ?? "", action, action == Action.Save ? Input.ToForm() : null, Input.Reason, session), ct);
        }
        catch (IdentityRefusal refused)
        {
            foreach (var message in refused.Messages)
            {
                ModelState.AddModelError("", message);
            }

            await ReloadAsync(ct);
            return Page();
        }

        if (password is not null)
        {
            // Shown once, on this answer: never stored in clear, never in a redirect.
            Password = password;
            await ReloadAsync(ct);
            Input = Data.Input;
            Stamp = Data.Stamp;
            ModelState.Clear();
            return Page();
        }

        TempData["Flash"] = "Users.Saved";
        return RedirectToPage(new { id = Id });
    }

    public enum Action
    {
        Save,
        Disable,
        Enable,
        Unlock,
        Reset,
        EndSessions,
    }

    public sealed record Details(string Id, string UserName, string Stamp, UserInput Input, bool Disabled, DateTime? DisabledAtUtc, string? DisabledBy,
        bool Locked, bool MustChangePassword, bool Self, SessionList Sessions);

    public sealed record Query(string Id, string? CurrentSession, string? AdminId) : IRequest<Details>;

    /// <summary>Returns the one-time password of a reset, else null.</summary>
    public sealed record Command(ClaimsPrincipal Admin, string Id, string Stamp, Action Action, UserForm? Form, string? Reason, string? Session) : IRequest<string?>;

    public sealed class Handler(UserManager<IdentityUser> users, UserAccounts accounts, SessionRegistry sessions, BusinessClock clock, AuditLog audit, EmulationDb db)
        : IRequestHandler<Query, Details>, IRequestHandler<Command, string?>
    {
        public async ValueTask<Details> Handle(Query query, CancellationToken cancellationToken)
        {
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == query.Id, cancellationToken) ?? throw new NotFoundException();
            var profile = await db.UserProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
            var roles = await users.GetRolesAsync(user);
            var unit = (await users.GetClaimsAsync(user)).FirstOrDefault(c => c.Type == EmulationClaims.Unit)?.Value;
            var input = new UserInput
            {
                UserName = user.UserName!,
                DisplayName = profile?.DisplayName ?? user.UserName!,
                Position = profile?.Position,
                Phone = user.PhoneNumber,
                Email = user.Email,
                Roles = [.. roles],
                Unit = unit,
            };
            var list = await SessionList.Of(db, user.Id, query.CurrentSession, cancellationToken);
            return new Details(user.Id, user.UserName!, user.ConcurrencyStamp ?? "", input, profile?.IsDisabled == true, profile?.DisabledAtUtc, profile?.DisabledBy,
                user.LockoutEnd > DateTimeOffset.UtcNow, profile?.MustChangePassword == true, query.AdminId == user.Id, list);
        }

        public async ValueTask<string?> Handle(Command command, CancellationToken cancellationToken)
        {
            var user = await users.FindByIdAsync(command.Id) ?? throw new NotFoundException();
            var who = command.Admin.Identity?.Name ?? "?";
            var self = users.GetUserId(command.Admin) == user.Id;
            var name = user.UserName!;
            var entity = $"user:{name}";
            var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
            var profile = await db.UserProfiles.FirstOrDefaultAsync(p => p.UserId == user.Id, cancellationToken);
            if (profile is null)
            {
                profile = UserProfile.Create(user.Id, name, null, mustChangePassword: false);
                db.UserProfiles.Add(profile);
            }

            string? password = null;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            switch (command.Action)
            {
                case Action.Save:
                    await Save(command, user, profile, who, self, reason, cancellationToken);
                    break;
                case Action.Disable:
                    RequireReason(reason);
                    if (self)
                    {
                        throw new DomainException("Users.DisableSelf");
                    }

                    if (await users.IsInRoleAsync(user, Roles.Administrator) && await accounts.ActiveAdministrators(user.Id, cancellationToken) == 0)
                    {
                        throw new DomainException("Users.LastAdministrator");
                    }

                    profile.Disable(who, clock.UtcNow);
                    await EndAll(user, who, "account disabled", cancellationToken);
                    audit.Write(who, AuditActions.UserDisabled, entity, "active", "disabled", reason);
                    break;
                case Action.Enable:
                    profile.Enable();
                    audit.Write(who, AuditActions.UserEnabled, entity, "disabled", "active", reason);
                    break;
                case Action.Unlock:
                    if (!await users.IsLockedOutAsync(user))
                    {
                        throw new DomainException("Users.NotLocked");
                    }

                    UserAccounts.Ensure(await users.SetLockoutEndDateAsync(user, null));
                    UserAccounts.Ensure(await users.ResetAccessFailedCountAsync(user));
                    audit.Write(who, AuditActions.UserUnlocked, entity, "locked", "unlocked", reason);
                    break;
                case Action.Reset:
                    RequireReason(reason);
                    profile.PasswordHandedOver();
                    password = UserAccounts.OneTimePassword();
                    UserAccounts.Ensure(await users.RemovePasswordAsync(user));
                    UserAccounts.Ensure(await users.AddPasswordAsync(user, password));
                    await EndAll(user, who, "password reset", cancellationToken);
                    audit.Write(who, AuditActions.PasswordReset, entity, null, "one-time password handed over", reason);
                    break;
                case Action.EndSessions:
                    var ended = 0;
                    if (command.Session is { } id)
                    {
                        var session = await db.UserSessions.FirstOrDefaultAsync(s => s.Id == id && s.UserId == user.Id && s.EndedAtUtc == null, cancellationToken)
                            ?? throw new NotFoundException();
                        session.End(who, "ended by an administrator", clock.UtcNow);
                        sessions.Forget(id);
                        ended = 1;
                    }
                    else
                    {
                        ended = await accounts.EndSessions(user.Id, who, "ended by an administrator", cancellationToken);
                    }

                    audit.Write(who, AuditActions.SessionEnded, entity, null, ended.ToString(System.Globalization.CultureInfo.InvariantCulture), reason);
                    break;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return password;
        }

        private async Task Save(Command command, IdentityUser user, UserProfile profile, string who, bool self, string? reason, CancellationToken ct)
        {
            if (command.Stamp != user.ConcurrencyStamp)
            {
                throw new DomainException("Concurrency.Conflict");
            }

            var form = command.Form! with { UserName = user.UserName! };
            var errors = await accounts.Check(form, user.Id, null, ct);
            if (errors.Count > 0)
            {
                throw new DomainException(errors[0].Key, errors[0].Args);
            }

            var entity = $"user:{user.UserName}";
            var roles = await users.GetRolesAsync(user);
            var unitClaim = (await users.GetClaimsAsync(user)).FirstOrDefault(c => c.Type == EmulationClaims.Unit);
            var before = UserAccounts.Describe(new UserForm(user.UserName!, profile.DisplayName, profile.Position, user.PhoneNumber, user.Email, [.. roles.Order(StringComparer.Ordinal)], unitClaim?.Value));
            var removed = roles.Except(form.Roles).ToList();
            var added = form.Roles.Except(roles).ToList();
            if (removed.Contains(Roles.Administrator))
            {
                if (self)
                {
                    throw new DomainException("Users.OwnAdministrator");
                }

                if (await accounts.ActiveAdministrators(user.Id, ct) == 0)
                {
                    throw new DomainException("Users.LastAdministrator");
                }
            }

            profile.Describe(form.DisplayName, form.Position);
            user.PhoneNumber = form.Phone is { Length: > 0 } phone ? phone : null;
            user.Email = form.Email is { Length: > 0 } email ? email : null;
            UserAccounts.Ensure(await users.UpdateAsync(user));
            var accessChanged = removed.Count > 0 || added.Count > 0 || unitClaim?.Value != form.Unit;
            if (removed.Count > 0)
            {
                UserAccounts.Ensure(await users.RemoveFromRolesAsync(user, removed));
            }

            if (added.Count > 0)
            {
                UserAccounts.Ensure(await users.AddToRolesAsync(user, added));
            }

            if (unitClaim?.Value != form.Unit)
            {
                if (unitClaim is not null)
                {
                    UserAccounts.Ensure(await users.RemoveClaimAsync(user, unitClaim));
                }

                if (form.Unit is { } unit)
                {
                    UserAccounts.Ensure(await users.AddClaimAsync(user, new Claim(EmulationClaims.Unit, unit)));
                }
            }

            var after = UserAccounts.Describe(form with { Roles = [.. form.Roles.Order(StringComparer.Ordinal)] });
            audit.Write(who, accessChanged ? AuditActions.UserRolesChanged : AuditActions.UserEdited, entity, before, after, reason);
            if (accessChanged)
            {
                // New rights take effect at the next sign-in, never in a session opened with the old ones.
                await EndAll(user, who, "roles or unit changed", ct);
            }
        }

        private async Task EndAll(IdentityUser user, string who, string reason, CancellationToken ct)
        {
            await accounts.EndSessions(user.Id, who, reason, ct);
            UserAccounts.Ensure(await users.UpdateSecurityStampAsync(user));
        }

        private static void RequireReason(string? reason)
        {
            if (reason is null)
            {
                throw new DomainException("Users.ReasonRequired");
            }
        }
    }
}
