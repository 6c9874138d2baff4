using System.Net.Mail;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Admin.Users;

/// <summary>What an administrator types about an account (one form, one CSV line).</summary>
public sealed record UserForm(string UserName, string DisplayName, string? Position, string? Phone, string? Email, IReadOnlyList<string> Roles, string? Unit);

/// <summary>A refusal about one field or line: a resource key and its arguments.</summary>
public sealed record UserError(string Key, params object[] Args);

/// <summary>
/// The rules of the users' administration, shared by the create, edit and import pages: what a
/// valid account is, one-time passwords, ending sessions, and the guards around administrators.
/// </summary>
public sealed partial class UserAccounts(UserManager<IdentityUser> users, EmulationDb db, SessionRegistry sessions, BusinessClock clock, AuditLog audit)
{
    public const int MaxUserNameLength = 64;
    public const int MaxPhoneLength = 20;
    public const int MaxEmailLength = 128;
    public const int MaxReasonLength = 500;

    // Without look-alikes: the password is read from a sheet and typed.
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    /// <summary>Roles whose holder belongs to a unit.</summary>
    public static readonly IReadOnlySet<string> UnitRoles = new HashSet<string>(StringComparer.Ordinal) { Roles.UnitHead, Roles.UnitStaff };

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex("^[0-9+ ().-]+$")]
    private static partial Regex PhonePattern();

    /// <summary>The units an account may belong to today: code and name, by name.</summary>
    public async Task<IReadOnlyList<(string Code, string Name)>> CurrentUnits(CancellationToken ct)
    {
        var today = clock.Today;
        var units = await db.Units.AsNoTracking().Select(u => new { u.Code, u.NameVi, u.NameEn, u.ValidFrom, u.ValidTo }).ToListAsync(ct);
        return units.Where(u => (u.ValidFrom is null || u.ValidFrom <= today) && (u.ValidTo is null || today <= u.ValidTo))
            .Select(u => (u.Code, CultureText.Pick(u.NameVi, u.NameEn)))
            .OrderBy(u => u.Item2, StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, true))
            .ToList();
    }

    /// <summary>Every refusal of a form at once; <paramref name="userId"/> is the account edited (null: a new one).</summary>
    public async Task<List<UserError>> Check(UserForm form, string? userId, IReadOnlySet<string>? takenInBatch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(form);
        var errors = new List<UserError>();
        if (userId is null)
        {
            if (string.IsNullOrWhiteSpace(form.UserName))
            {
                errors.Add(new("Users.UserNameRequired"));
            }
            else if (form.UserName.Length > MaxUserNameLength || !UserNamePattern().IsMatch(form.UserName))
            {
                errors.Add(new("Users.UserNameInvalid", form.UserName, MaxUserNameLength));
            }
            else if (await users.FindByNameAsync(form.UserName) is not null || takenInBatch?.Contains(form.UserName) == true)
            {
                errors.Add(new("Identity.DuplicateUserName", form.UserName));
            }
        }

        if (string.IsNullOrWhiteSpace(form.DisplayName))
        {
            errors.Add(new("Users.DisplayNameRequired"));
        }
        else if (form.DisplayName.Length > UserProfile.MaxDisplayNameLength || form.Position?.Length > UserProfile.MaxPositionLength)
        {
            errors.Add(new("Users.TooLong", UserProfile.MaxDisplayNameLength));
        }

        if (!string.IsNullOrEmpty(form.Phone) && (form.Phone.Length > MaxPhoneLength || !PhonePattern().IsMatch(form.Phone)))
        {
            errors.Add(new("Users.PhoneInvalid", form.Phone));
        }

        if (!string.IsNullOrEmpty(form.Email) && (form.Email.Length > MaxEmailLength || !MailAddress.TryCreate(form.Email, out _)))
        {
            errors.Add(new("Identity.InvalidEmail", form.Email));
        }

        if (form.Roles.Count == 0)
        {
            errors.Add(new("Users.RoleRequired"));
        }

        foreach (var role in form.Roles.Where(r => !Roles.All.Contains(r)))
        {
            errors.Add(new("Users.RoleUnknown", role));
        }

        if (!string.IsNullOrEmpty(form.Unit))
        {
            var unit = await db.Units.AsNoTracking().Where(u => u.Code == form.Unit).Select(u => new { u.ValidFrom, u.ValidTo }).FirstOrDefaultAsync(ct);
            var today = clock.Today;
            if (unit is null)
            {
                errors.Add(new("Users.UnitUnknown", form.Unit));
            }
            else if ((unit.ValidTo is { } to && to < today) || (unit.ValidFrom is { } from && today < from))
            {
                errors.Add(new("Users.UnitEnded", form.Unit));
            }
        }
        else if (form.Roles.Any(UnitRoles.Contains))
        {
            errors.Add(new("Users.UnitRequired"));
        }

        return errors;
    }

    public static string OneTimePassword()
    {
        var chars = new char[14];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = i is 4 or 9 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>Creates a checked account with a one-time password to change at the first sign-in; saved by the caller.</summary>
    public async Task<string> Create(UserForm form, string who, string? reason)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = new IdentityUser(form.UserName)
        {
            Email = NullIfEmpty(form.Email),
            PhoneNumber = NullIfEmpty(form.Phone),
        };
        string password;
        IdentityResult created;
        do
        {
            password = OneTimePassword();
            created = await users.CreateAsync(user, password);
        }
        while (!created.Succeeded && created.Errors.All(e => e.Code.StartsWith("Password", StringComparison.Ordinal)));

        Ensure(created);
        foreach (var role in form.Roles.Distinct())
        {
            Ensure(await users.AddToRoleAsync(user, role));
        }

        if (NullIfEmpty(form.Unit) is { } unit)
        {
            Ensure(await users.AddClaimAsync(user, new Claim(EmulationClaims.Unit, unit)));
        }

        db.UserProfiles.Add(UserProfile.Create(user.Id, form.DisplayName, form.Position, mustChangePassword: true));
        audit.Write(who, AuditActions.UserCreated, $"user:{form.UserName}", null, Describe(form), reason);
        return password;
    }

    public static string Describe(UserForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return $"{form.DisplayName}; {form.Position}; {string.Join("+", form.Roles)}; {form.Unit}";
    }

    public async Task<int> EndSessions(string userId, string who, string reason, CancellationToken ct) =>
        await sessions.EndAll(db, userId, who, reason, clock.UtcNow, ct);

    /// <summary>Administrators who can sign in (not disabled, not locked for good).</summary>
    public async Task<int> ActiveAdministrators(string? except, CancellationToken ct)
    {
        var administrators = await users.GetUsersInRoleAsync(Roles.Administrator);
        var ids = administrators.Where(u => u.Id != except && u.LockoutEnd != DateTimeOffset.MaxValue).Select(u => u.Id).ToList();
        var disabled = await db.UserProfiles.Where(p => ids.Contains(p.UserId) && p.DisabledAtUtc != null).CountAsync(ct);
        return ids.Count - disabled;
    }

    public static void Ensure(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Succeeded)
        {
            throw new IdentityRefusal(result.Errors.Select(e => e.Description).ToList());
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Identity refused a change; its (localised) messages are shown as the form's errors.</summary>
public sealed class IdentityRefusal(IReadOnlyList<string> messages) : Exception(string.Join(" ", messages))
{
    public IReadOnlyList<string> Messages { get; } = messages;
}

/// <summary>The fields of the create and edit forms.</summary>
public sealed class UserInput
{
    [System.ComponentModel.DataAnnotations.StringLength(UserAccounts.MaxUserNameLength, ErrorMessage = "Validation.TooLong")]
    [System.ComponentModel.DataAnnotations.Display(Name = "Login.UserName")]
    public string? UserName { get; set; }

    [System.ComponentModel.DataAnnotations.StringLength(UserProfile.MaxDisplayNameLength, ErrorMessage = "Validation.TooLong")]
    [System.ComponentModel.DataAnnotations.Display(Name = "Users.DisplayName")]
    public string? DisplayName { get; set; }

    [System.ComponentModel.DataAnnotations.StringLength(UserProfile.MaxPositionLength, ErrorMessage = "Validation.TooLong")]
    [System.ComponentModel.DataAnnotations.Display(Name = "Users.Position")]
    public string? Position { get; set; }

    [System.ComponentModel.DataAnnotations.StringLength(UserAccounts.MaxPhoneLength, ErrorMessage = "Validation.TooLong")]
    [System.ComponentModel.DataAnnotations.Display(Name = "Users.Phone")]
    public string? Phone { get; set; }

    [System.ComponentModel.DataAnnotations.StringLength(UserAccounts.MaxEmailLength, ErrorMessage = "Validation.TooLong")]
    [System.ComponentModel.DataAnnotations.Display(Name = "Users.Email")]
    public string? Email { get; set; }

    public List<string> Roles { get; set; } = [];

    [System.ComponentModel.DataAnnotations.StringLength(32, ErrorMessage = "Validation.TooLong")]
    [System.ComponentModel.DataAnnotations.Display(Name = "Users.Unit")]
    public string? Unit { get; set; }

    [System.ComponentModel.DataAnnotations.StringLength(UserAccounts.MaxReasonLength, ErrorMessage = "Validation.TooLong")]
    [System.ComponentModel.DataAnnotations.Display(Name = "Users.Reason")]
    public string? Reason { get; set; }

    public UserForm ToForm() => new((UserName ?? "").Trim().ToLowerInvariant(), (DisplayName ?? "").Trim(), Position?.Trim(), Phone?.Trim(), Email?.Trim(),
        Roles.Take(Infrastructure.Roles.All.Count).Distinct().ToList(), string.IsNullOrWhiteSpace(Unit) ? null : Unit.Trim());
}
