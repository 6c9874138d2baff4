namespace Emulation.Web.Domain;

/// <summary>
/// One line of the append-only audit log: who did what to which entity, when, the old and new
/// value and the reason; the unit and month it concerns when there is one, for filtering. Never
/// updated, never deleted (the DbContext refuses both).
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry(DateTime atUtc, string who, string action, string entity, string? oldValue, string? newValue, string? reason, int? unitId, int? month)
    {
        AtUtc = atUtc;
        Who = who;
        Action = action;
        Entity = entity;
        OldValue = oldValue;
        NewValue = newValue;
        Reason = reason;
        UnitId = unitId;
        Month = month;
    }

    public long Id { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string Who { get; private set; }
    public string Action { get; private set; }
    public string Entity { get; private set; }
    public string? OldValue { get; private set; }
    public string? NewValue { get; private set; }
    public string? Reason { get; private set; }
    public int? UnitId { get; private set; }
    public int? Month { get; private set; }

    public const int MaxWhoLength = 256;
    public const int MaxEntityLength = 256;
    public const int MaxReasonLength = 2000;

    public static AuditEntry Create(DateTime utcNow, string who, string action, string entity, string? oldValue, string? newValue, string? reason, int? unitId = null, int? month = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(who);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        if (utcNow.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Audit times are UTC.", nameof(utcNow));
        }

        return new AuditEntry(utcNow, Truncate(who, MaxWhoLength), action, Truncate(entity, MaxEntityLength), oldValue, newValue,
            reason is null ? null : Truncate(reason, MaxReasonLength), unitId, month);
    }

    public static AuditEntry From(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Create(record.AtUtc, record.Who, record.Action, record.Entity, record.OldValue, record.NewValue, record.Reason, record.UnitId, record.Month);
    }

    private static string Truncate(string value, int length) =>
        string.IsNullOrEmpty(value) ? "-" : value.Length <= length ? value : value[..length];
}
