namespace Emulation.Web.Domain;

/// <summary>Whether units merged into one or one unit split into several.</summary>
public enum SuccessionKind
{
    Merge,
    Split,
}

/// <summary>
/// One line of a reorganisation (sáp nhập / chia tách): <see cref="Predecessor"/> ended the day
/// before <see cref="EffectiveFrom"/> and <see cref="Successor"/> carries on from that day. A merge
/// of three units into one writes three lines, a split of one unit into two writes two. The past
/// keeps its units: submissions, publications and blocks still name the predecessor.
/// </summary>
public sealed class UnitSuccession
{
    public const int MaxReasonLength = 1000;

    private UnitSuccession(int predecessorId, int successorId, DateOnly effectiveFrom, SuccessionKind kind, string reason, string who, DateTime atUtc)
    {
        PredecessorId = predecessorId;
        SuccessorId = successorId;
        EffectiveFrom = effectiveFrom;
        Kind = kind;
        Reason = reason;
        Who = who;
        AtUtc = atUtc;
    }

    public int Id { get; private set; }
    public int PredecessorId { get; private set; }
    public Unit? Predecessor { get; private set; }
    public int SuccessorId { get; private set; }
    public Unit? Successor { get; private set; }

    /// <summary>The successor's first day; the predecessor's last valid day is the day before.</summary>
    public DateOnly EffectiveFrom { get; private set; }

    public SuccessionKind Kind { get; private set; }
    public string Reason { get; private set; }
    public string Who { get; private set; }
    public DateTime AtUtc { get; private set; }

    /// <summary>Records that <paramref name="predecessor"/> was succeeded by <paramref name="successor"/> from <paramref name="effectiveFrom"/>.</summary>
    /// <exception cref="DomainException">
    /// <c>Units.ReasonRequired</c>, <c>Units.ReasonTooLong</c> [max], <c>Succession.SameUnit</c> [code],
    /// <c>Succession.PredecessorNotValid</c> [code, date] (the predecessor must end the day before),
    /// <c>Succession.SuccessorNotValid</c> [code, date] (the successor must be valid from that day).
    /// </exception>
    public static UnitSuccession Create(Unit predecessor, Unit successor, DateOnly effectiveFrom, SuccessionKind kind, string? reason, string who, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(predecessor);
        ArgumentNullException.ThrowIfNull(successor);
        var clean = CheckReason(reason);
        if (ReferenceEquals(predecessor, successor) || predecessor.Code == successor.Code)
        {
            throw new DomainException("Succession.SameUnit", predecessor.Code);
        }

        var lastDay = effectiveFrom.AddDays(-1);
        if (predecessor.ValidTo != lastDay || !predecessor.IsValidOn(lastDay))
        {
            throw new DomainException("Succession.PredecessorNotValid", predecessor.Code, Day(lastDay));
        }

        if (!successor.IsValidOn(effectiveFrom))
        {
            throw new DomainException("Succession.SuccessorNotValid", successor.Code, Day(effectiveFrom));
        }

        return new UnitSuccession(predecessor.Id, successor.Id, effectiveFrom, kind, clean, who, utcNow) { Predecessor = predecessor, Successor = successor };
    }

    /// <summary>A reason as stored: trimmed, required, at most <see cref="MaxReasonLength"/> characters.</summary>
    public static string CheckReason(string? reason)
    {
        var clean = (reason ?? "").Trim();
        return clean.Length switch
        {
            0 => throw new DomainException("Units.ReasonRequired"),
            > MaxReasonLength => throw new DomainException("Units.ReasonTooLong", MaxReasonLength),
            _ => clean,
        };
    }

    private static string Day(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
