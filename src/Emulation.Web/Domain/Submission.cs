namespace Emulation.Web.Domain;

/// <summary>The states of a unit's monthly self-assessment (DESIGN.md, Workflow).</summary>
public enum SubmissionStatus
{
    NotStarted,
    Draft,
    Submitted,
    Returned,
    Verified,
    Disputed,
    Locked,
    Missing,
}

/// <summary>
/// One unit's self-assessment for one month of a campaign. Only its identity and status for
/// now: enough for a campaign to know it has scores under it. The workflow arrives with the
/// assessment feature.
/// </summary>
public sealed class Submission
{
    private Submission(int unitId, string campaignId, int month, DateTime createdAtUtc)
    {
        UnitId = unitId;
        CampaignId = campaignId;
        Month = month;
        Status = SubmissionStatus.Draft;
        CreatedAtUtc = createdAtUtc;
    }

    public int Id { get; private set; }
    public int UnitId { get; private set; }
    public Unit? Unit { get; private set; }
    public string CampaignId { get; private set; }
    public Campaign? Campaign { get; private set; }
    public int Month { get; private set; }
    public SubmissionStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The first save by the unit: NotStarted becomes Draft.</summary>
    public static Submission StartDraft(Unit unit, Campaign campaign, int month, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(campaign);
        if (month is < 1 or > 12)
        {
            throw new DomainException($"Month {month} does not exist.");
        }

        return new Submission(unit.Id, campaign.Id, month, utcNow) { Unit = unit, Campaign = campaign };
    }
}
