namespace Emulation.Web.Domain;

/// <summary>How a verifier answered a dispute.</summary>
public enum DisputeDecision
{
    /// <summary>The appraised value stays.</summary>
    Kept,
    /// <summary>The appraised value was changed.</summary>
    Changed,
}

/// <summary>
/// A unit contesting one appraised entry after verification (giải trình), and the verifier's
/// answer.
/// </summary>
public sealed class Dispute
{
    private Dispute(string criterion, string reason, string lodgedBy, DateTime lodgedAtUtc)
    {
        Criterion = criterion;
        Reason = reason;
        LodgedBy = lodgedBy;
        LodgedAtUtc = lodgedAtUtc;
    }

    public int Id { get; private set; }
    public int SubmissionId { get; private set; }
    public string Criterion { get; private set; }
    public string Reason { get; private set; }
    public string LodgedBy { get; private set; }
    public DateTime LodgedAtUtc { get; private set; }
    public DisputeDecision? Decision { get; private set; }
    public string? Answer { get; private set; }
    public string? AnsweredBy { get; private set; }
    public DateTime? AnsweredAtUtc { get; private set; }

    public bool IsOpen => Decision is null;

    internal static Dispute Lodge(string criterion, string reason, string who, DateTime utcNow) => new(criterion, reason, who, utcNow);

    internal void Settle(DisputeDecision decision, string answer, string who, DateTime utcNow)
    {
        Decision = decision;
        Answer = answer;
        AnsweredBy = who;
        AnsweredAtUtc = utcNow;
    }
}
