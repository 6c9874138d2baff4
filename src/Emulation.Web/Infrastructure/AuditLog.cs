using Emulation.Web.Data;
using Emulation.Web.Domain;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// The one writer of the append-only audit log. <see cref="Write"/> adds the entry to the
/// request's unit of work, so a change and its audit line are saved by the same SaveChanges
/// and commit together; time comes from the business clock.
/// </summary>
public sealed class AuditLog(EmulationDb db, BusinessClock clock)
{
    public const int MaxWhoLength = 256;

    public AuditEntry Write(string who, string action, string entity, string? oldValue, string? newValue, string? reason)
    {
        var entry = AuditEntry.Create(clock.UtcNow, Truncate(who, MaxWhoLength), action, Truncate(entity, 256), oldValue, newValue, reason);
        db.AuditEntries.Add(entry);
        return entry;
    }

    private static string Truncate(string value, int length) =>
        string.IsNullOrEmpty(value) ? "-" : value.Length <= length ? value : value[..length];
}

/// <summary>Names of audited actions, shared by the writers and the audit page.</summary>
public static class AuditActions
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LoginLockedOut = "login.locked-out";
    public const string Logout = "logout";
    public const string DemoAccountLocked = "demo-account.locked";
    public const string AdministratorCreated = "setup.administrator-created";
    public const string CampaignStored = "campaign.stored";
    public const string CampaignReplaced = "campaign.replaced";
    public const string UnitsSeeded = "units.seeded";
    public const string BlocksSeeded = "blocks.seeded";
}
