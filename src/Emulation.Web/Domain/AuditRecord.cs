namespace Emulation.Web.Domain;

/// <summary>
/// A change an entity recorded about itself; the database turns each into an audit log line in the
/// same SaveChanges as the change, so no transition is saved without its line.
/// </summary>
public sealed record AuditRecord(
    string Action,
    string Who,
    DateTime AtUtc,
    string Entity,
    string? OldValue,
    string? NewValue,
    string? Reason,
    int? UnitId = null,
    int? Month = null);

/// <summary>An entity that records its changes for the audit log.</summary>
public interface IAudited
{
    /// <summary>The records not saved yet; taking them empties the list.</summary>
    IReadOnlyList<AuditRecord> TakeAuditRecords();
}
