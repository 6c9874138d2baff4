namespace Emulation.Web.Domain;

/// <summary>
/// The answer to one due criterion in a submission: the unit's inputs exactly as typed and its
/// note; beside them, never over them, the verifier's appraised inputs with the reason; and the
/// finding of the latest return.
/// </summary>
public sealed class SubmissionEntry
{
    private SubmissionEntry(string criterion)
    {
        Criterion = criterion;
    }

    public int Id { get; private set; }
    public int SubmissionId { get; private set; }
    public string Criterion { get; private set; }

    /// <summary>What the unit typed: yes/no, an option code, a numerator, a number or points.</summary>
    public string? Value { get; private set; }

    /// <summary>What the unit typed as the denominator of a ratio.</summary>
    public string? Denominator { get; private set; }

    public string? Note { get; private set; }

    /// <summary>Whether a verifier changed the inputs (then the appraised ones count).</summary>
    public bool Adjusted { get; private set; }

    public string? AppraisedValue { get; private set; }
    public string? AppraisedDenominator { get; private set; }
    public string? AdjustmentReason { get; private set; }
    public string? AdjustedBy { get; private set; }
    public DateTime? AdjustedAtUtc { get; private set; }

    /// <summary>The verifier's finding when the submission was last returned (null: none).</summary>
    public string? Finding { get; private set; }

    /// <summary>The inputs that count: the appraised ones when adjusted, else the unit's.</summary>
    public (string? Value, string? Denominator) Final => Adjusted ? (AppraisedValue, AppraisedDenominator) : (Value, Denominator);

    internal static SubmissionEntry For(string criterion) => new(criterion);

    /// <summary>Takes what was typed; true when something changed.</summary>
    internal bool Take(string? value, string? denominator, string? note)
    {
        var changed = Value != value || Denominator != denominator || Note != note;
        Value = value;
        Denominator = denominator;
        Note = note;
        return changed;
    }

    internal void Appraise(string? value, string? denominator, string reason, string who, DateTime utcNow)
    {
        Adjusted = true;
        AppraisedValue = value;
        AppraisedDenominator = denominator;
        AdjustmentReason = reason;
        AdjustedBy = who;
        AdjustedAtUtc = utcNow;
    }

    internal void Find(string? finding) => Finding = finding;
}
