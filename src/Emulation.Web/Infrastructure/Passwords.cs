using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// The password rules beyond Identity's length and variety: never a well-known password, never the
/// user name. Shown to the user before typing (<c>Password.Rules</c>).
/// </summary>
public sealed class PasswordPolicy(IdentityErrorDescriber errors) : IPasswordValidator<IdentityUser>
{
    public const int MinimumLength = 10;
    public const int MinimumUniqueCharacters = 5;

    // Passwords of 10 characters or more found at the top of the published leak lists, and the
    // obvious ones of this product and province; shorter ones are refused by the length rule.
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "1234567890", "12345678910", "123456789a", "a123456789", "0123456789", "0987654321", "1111111111", "1234512345",
        "123123123123", "1q2w3e4r5t", "1qaz2wsx3edc", "qwertyuiop", "qwerty12345", "qwerty123456", "asdfghjkl1", "zxcvbnm123",
        "password12", "password123", "password1234", "password@123", "Password@123", "passw0rd123", "p@ssw0rd123", "p@ssword123",
        "iloveyou12", "iloveyou123", "administrator", "admin12345", "admin@12345", "admin@123456", "administrator1",
        "abc1234567", "abcd123456", "abcdefghij", "abcdef123456", "welcome123", "welcome@123", "letmein123", "changeme123",
        "matkhau123", "matkhau1234", "matkhau@123", "matkhau12345", "anhyeuem123", "emyeuanh123", "vietnam123", "vietnam1234",
        "tiengiang123", "tiengiang@123", "thidua2017", "thiduakhenthuong", "khenthuong123", "emulation123", "emulation2017",
        "Demo@20171", "Demo@2017!", "ubndtinh123", "noivu12345", "sonoivu123", "caicachhanhchinh",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<IdentityUser> manager, IdentityUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        var failures = new List<IdentityError>();
        password ??= "";
        if (Common.Contains(password.Trim()))
        {
            failures.Add(errors is LocalizedIdentityErrors localized ? localized.PasswordCommon() : new IdentityError { Code = "PasswordCommon", Description = "This password is too common." });
        }

        if (user.UserName is { Length: > 0 } name && password.Contains(name, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add(errors is LocalizedIdentityErrors localized ? localized.PasswordHasUserName() : new IdentityError { Code = "PasswordHasUserName", Description = "The password contains the user name." });
        }

        return Task.FromResult(failures.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. failures]));
    }
}

/// <summary>Identity's messages in the reader's language, through the .resx.</summary>
public sealed class LocalizedIdentityErrors(IStringLocalizer<SharedResource> t) : IdentityErrorDescriber
{
    private IdentityError Error(string code, params object[] args) => new() { Code = code, Description = t["Identity." + code, args] };

    public IdentityError PasswordCommon() => Error(nameof(PasswordCommon));
    public IdentityError PasswordHasUserName() => Error(nameof(PasswordHasUserName));
    public override IdentityError DefaultError() => Error(nameof(DefaultError));
    public override IdentityError ConcurrencyFailure() => Error(nameof(ConcurrencyFailure));
    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch));
    public override IdentityError InvalidToken() => Error(nameof(InvalidToken));
    public override IdentityError InvalidUserName(string? userName) => Error(nameof(InvalidUserName), userName ?? "");
    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), email ?? "");
    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), userName);
    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), email);
    public override IdentityError InvalidRoleName(string? role) => Error(nameof(InvalidRoleName), role ?? "");
    public override IdentityError DuplicateRoleName(string role) => Error(nameof(DuplicateRoleName), role);
    public override IdentityError UserAlreadyHasPassword() => Error(nameof(UserAlreadyHasPassword));
    public override IdentityError UserAlreadyInRole(string role) => Error(nameof(UserAlreadyInRole), role);
    public override IdentityError UserNotInRole(string role) => Error(nameof(UserNotInRole), role);
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), length);
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(nameof(PasswordRequiresUniqueChars), uniqueChars);
    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(nameof(PasswordRequiresNonAlphanumeric));
    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit));
    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower));
    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper));
}

/// <summary>The <c>Emulation:SignIn</c> section: how many failed sign-ins are let through before the next ones wait.</summary>
public sealed class SignInLimitOptions
{
    public const string Section = "Emulation:SignIn";

    /// <summary>The rate limiter policy of the sign-in and setup pages.</summary>
    public const string Policy = "sign-in";

    /// <summary>Failed sign-ins from one client address within <see cref="Window"/> (an office behind one address shares it).</summary>
    public int FailuresPerAddress { get; set; } = 30;

    /// <summary>Failed sign-ins for one user name, from anywhere, within <see cref="Window"/>.</summary>
    public int FailuresPerAccount { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Requests (any verb) to the sign-in and setup pages from one address per minute.</summary>
    public int RequestsPerAddressPerMinute { get; set; } = 300;

    public bool IsValid => FailuresPerAddress > 0 && FailuresPerAccount > 0 && RequestsPerAddressPerMinute > 0 && Window > TimeSpan.Zero;
}

/// <summary>
/// Failed sign-ins counted per client address and per user name with the framework's rate limiters
/// (sliding windows). When either is spent the next attempt is refused without checking the
/// password, until the window moves on: a stranger slows guessing down but never locks an account.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> byAddress;
    private readonly PartitionedRateLimiter<string> byAccount;

    public SignInThrottle(IOptions<SignInLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        byAddress = Create(limits.FailuresPerAddress, limits.Window);
        byAccount = Create(limits.FailuresPerAccount, limits.Window);
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = window,
            SegmentsPerWindow = 5,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private static string AccountKey(string userName) => userName.Trim().ToUpperInvariant();

    private static string AddressKey(string? address) => address ?? "unknown";

    /// <summary>Whether a sign-in from this address for this name must wait (asks for no permit).</summary>
    public bool IsThrottled(string? address, string userName)
    {
        using var address0 = byAddress.AttemptAcquire(AddressKey(address), 0);
        using var account0 = byAccount.AttemptAcquire(AccountKey(userName), 0);
        return !address0.IsAcquired || !account0.IsAcquired;
    }

    public void Failed(string? address, string userName)
    {
        byAddress.AttemptAcquire(AddressKey(address)).Dispose();
        byAccount.AttemptAcquire(AccountKey(userName)).Dispose();
    }

    public void Dispose()
    {
        byAddress.Dispose();
        byAccount.Dispose();
    }
}
