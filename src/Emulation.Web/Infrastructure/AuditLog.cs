using Emulation.Web.Data;
using Emulation.Web.Domain;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// Writes the append-only audit log lines that no entity records itself (sign-ins, start-up,
/// seeding, delegation). <see cref="Write"/> adds the entry to the request's unit of work, so a
/// change and its audit line are saved by the same SaveChanges and commit together; time comes
/// from the business clock. Entities that record their own changes (<see cref="IAudited"/>) are
/// written by the database itself.
/// </summary>
public sealed class AuditLog(EmulationDb db, BusinessClock clock)
{
    public const int MaxWhoLength = AuditEntry.MaxWhoLength;

    /// <param name="atUtc">When it happened, when not now (the demo year's history); default the business clock's now.</param>
    public AuditEntry Write(string who, string action, string entity, string? oldValue, string? newValue, string? reason, int? unitId = null, int? month = null, DateTime? atUtc = null)
    {
        var entry = AuditEntry.Create(atUtc ?? clock.UtcNow, who, action, entity, oldValue, newValue, reason, unitId, month);
        db.AuditEntries.Add(entry);
        return entry;
    }
}

/// <summary>Names of audited actions written through <see cref="AuditLog"/>, shared by the writers and the audit page.</summary>
public static class AuditActions
{
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LoginLockedOut = "login.locked-out";
    public const string LoginThrottled = "login.throttled";
    public const string SessionEnded = "session.ended";
    public const string PasswordChanged = "password.changed";
    public const string PasswordReset = "password.reset";
    public const string SetupRefused = "setup.refused";
    public const string UserCreated = "user.created";
    public const string UserEdited = "user.edited";
    public const string UserRolesChanged = "user.roles-changed";
    public const string UserDisabled = "user.disabled";
    public const string UserEnabled = "user.enabled";
    public const string UserUnlocked = "user.unlocked";
    public const string Logout = "logout";
    public const string DemoAccountLocked = "demo-account.locked";
    public const string AdministratorCreated = "setup.administrator-created";
    public const string CampaignStored = "campaign.stored";
    public const string CampaignReplaced = "campaign.replaced";
    public const string CampaignActivated = "campaign.activated";
    public const string CampaignUploadRefused = "campaign.upload-refused";
    public const string UnitsFileActivated = "units.file-activated";
    public const string UnitsSeeded = "units.seeded";
    public const string BlocksSeeded = "blocks.seeded";
    public const string DelegationGranted = "delegation.granted";
    public const string DelegationRevoked = "delegation.revoked";
    public const string AccessRefused = "access.refused";
    public const string BackupCreated = "backup.created";
    public const string BackupDownloaded = "backup.downloaded";
    public const string BackupRestored = "backup.restored";
    public const string BrandingChanged = "branding.changed";
    public const string UnitAdded = "unit.added";
    public const string UnitRenamed = "unit.renamed";
    public const string UnitEnded = "unit.ended";
    public const string UnitImported = "unit.imported";
    public const string UnitMerged = "unit.merged";
    public const string UnitSplit = "unit.split";
    public const string BlockCreated = "block.created";
    public const string BlockRenamed = "block.renamed";
    public const string BlockMemberMoved = "block.member-moved";
}
