namespace Emulation.Web.Domain;

/// <summary>
/// A unit head lets one of the unit's staff submit the monthly self-assessment (staff draft, the
/// head submits, unless delegated). Revoking removes the row; both are audited.
/// </summary>
public sealed class SubmitDelegation
{
    private SubmitDelegation(int unitId, string userId, string userName, string grantedBy, DateTime grantedAtUtc)
    {
        UnitId = unitId;
        UserId = userId;
        UserName = userName;
        GrantedBy = grantedBy;
        GrantedAtUtc = grantedAtUtc;
    }

    public int Id { get; private set; }
    public int UnitId { get; private set; }
    public string UserId { get; private set; }
    public string UserName { get; private set; }
    public string GrantedBy { get; private set; }
    public DateTime GrantedAtUtc { get; private set; }

    public static SubmitDelegation Grant(int unitId, string userId, string userName, string grantedBy, DateTime utcNow)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(userName);
        return new SubmitDelegation(unitId, userId, userName, grantedBy, utcNow);
    }
}
