namespace Emulation.Web.Domain;

/// <summary>
/// One line of the append-only audit log: who did what to which entity, when, the old and new
/// value and the reason. Never updated, never deleted (the DbContext refuses both).
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry(DateTime atUtc, string who, string action, string entity, string? oldValue, string? newValue, string? reason)
    {
        AtUtc = atUtc;
        Who = who;
        Action = action;
        Entity = entity;
        OldValue = oldValue;
        NewValue = newValue;
        Reason = reason;
    }

    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string Who { get; private set; }
    public string Action { get; private set; }
    public string Entity { get; private set; }
    public string? OldValue { get; private set; }
    public string? NewValue { get; private set; }
    public string? Reason { get; private set; }

    public static AuditEntry Create(DateTime utcNow, string who, string action, string entity, string? oldValue, string? newValue, string? reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(who);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        if (utcNow.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Audit times are UTC.", nameof(utcNow));
        }

        return new AuditEntry(utcNow, who, action, entity, oldValue, newValue, reason);
    }
}
