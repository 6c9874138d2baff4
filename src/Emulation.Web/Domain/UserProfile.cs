namespace Emulation.Web.Domain;

/// <summary>
/// What the application keeps about an account beside Identity's own row: the name people know the
/// user by, the position, whether the password handed over must be changed, and whether the account
/// is disabled (never deleted: the audit log names its user).
/// </summary>
public sealed class UserProfile
{
    public const int MaxDisplayNameLength = 100;
    public const int MaxPositionLength = 100;

    private UserProfile(string userId, string displayName, string? position)
    {
        UserId = userId;
        DisplayName = displayName;
        Position = position;
    }

    public string UserId { get; private set; }
    public string DisplayName { get; private set; }
    public string? Position { get; private set; }

    /// <summary>The password was handed over by an administrator (new account, reset): the next sign-in changes it.</summary>
    public bool MustChangePassword { get; private set; }

    public DateTime? DisabledAtUtc { get; private set; }
    public string? DisabledBy { get; private set; }
    public bool IsDisabled => DisabledAtUtc is not null;

    public static UserProfile Create(string userId, string displayName, string? position, bool mustChangePassword)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var profile = new UserProfile(userId, "", null) { MustChangePassword = mustChangePassword };
        profile.Describe(displayName, position);
        return profile;
    }

    public void Describe(string displayName, string? position)
    {
        displayName = displayName.Trim();
        if (displayName.Length == 0)
        {
            throw new DomainException("Users.DisplayNameRequired");
        }

        if (displayName.Length > MaxDisplayNameLength || position?.Trim().Length > MaxPositionLength)
        {
            throw new DomainException("Users.TooLong", MaxDisplayNameLength);
        }

        DisplayName = displayName;
        Position = string.IsNullOrWhiteSpace(position) ? null : position.Trim();
    }

    public void PasswordHandedOver()
    {
        if (IsDisabled)
        {
            throw new DomainException("Users.Disabled");
        }

        MustChangePassword = true;
    }

    public void PasswordChanged() => MustChangePassword = false;

    public void Disable(string who, DateTime utcNow)
    {
        if (IsDisabled)
        {
            throw new DomainException("Users.Disabled");
        }

        DisabledAtUtc = utcNow;
        DisabledBy = who;
    }

    public void Enable()
    {
        if (!IsDisabled)
        {
            throw new DomainException("Users.NotDisabled");
        }

        DisabledAtUtc = null;
        DisabledBy = null;
    }
}

/// <summary>
/// One signed-in browser: the sign-in cookie names it, and every request checks it is still open,
/// so signing out, a password change, disabling the account or changing its roles ends it at once.
/// </summary>
public sealed class UserSession
{
    public const int MaxUserAgentLength = 200;
    public const int MaxAddressLength = 64;

    private UserSession(string id, string userId, string userName, DateTime startedAtUtc, string? userAgent, string? address)
    {
        Id = id;
        UserId = userId;
        UserName = userName;
        StartedAtUtc = startedAtUtc;
        LastSeenAtUtc = startedAtUtc;
        UserAgent = userAgent;
        Address = address;
    }

    public string Id { get; private set; }
    public string UserId { get; private set; }
    public string UserName { get; private set; }
    public DateTime StartedAtUtc { get; private set; }
    public DateTime LastSeenAtUtc { get; private set; }
    public string? UserAgent { get; private set; }
    public string? Address { get; private set; }
    public DateTime? EndedAtUtc { get; private set; }
    public string? EndedBy { get; private set; }
    public string? EndReason { get; private set; }
    public bool IsOpen => EndedAtUtc is null;

    public static UserSession Start(string userId, string userName, DateTime utcNow, string? userAgent, string? address) =>
        new(Guid.NewGuid().ToString("N"), userId, userName, utcNow, Clip(userAgent, MaxUserAgentLength), Clip(address, MaxAddressLength));

    public void Seen(DateTime utcNow) => LastSeenAtUtc = utcNow;

    public void End(string who, string reason, DateTime utcNow)
    {
        if (!IsOpen)
        {
            return;
        }

        EndedAtUtc = utcNow;
        EndedBy = who;
        EndReason = Clip(reason, 64);
    }

    private static string? Clip(string? text, int length) => text is null ? null : text.Length <= length ? text : text[..length];
}
