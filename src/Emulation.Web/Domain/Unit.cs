namespace Emulation.Web.Domain;

/// <summary>
/// An organisation that competes. Units merge and split; validity dates keep past scores linked
/// to past units.
/// </summary>
public sealed class Unit
{
    private Unit(string code, string nameVi, string nameEn, string kindCode, DateOnly? validFrom, DateOnly? validTo)
    {
        Code = code;
        NameVi = nameVi;
        NameEn = nameEn;
        KindCode = kindCode;
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    public int Id { get; private set; }
    public string Code { get; private set; }
    public string NameVi { get; private set; }
    public string NameEn { get; private set; }
    public string KindCode { get; private set; }
    public UnitKind? Kind { get; private set; }
    public int? ParentId { get; private set; }
    public Unit? Parent { get; private set; }
    public DateOnly? ValidFrom { get; private set; }
    public DateOnly? ValidTo { get; private set; }

    public static Unit Create(string code, string nameVi, string nameEn, UnitKind kind, DateOnly? validFrom, DateOnly? validTo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentNullException.ThrowIfNull(kind);
        if (validFrom is { } from && validTo is { } to && to < from)
        {
            throw new DomainException("Unit.EndsBeforeStart", code, to, from);
        }

        return new Unit(code, nameVi, nameEn, kind.Code, validFrom, validTo) { Kind = kind };
    }

    public void PlaceUnder(Unit parent)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (ReferenceEquals(parent, this) || parent.Code == Code)
        {
            throw new DomainException("Unit.OwnParent", Code);
        }

        Parent = parent;
    }

    /// <summary>Whether the unit existed on <paramref name="date"/>.</summary>
    public bool IsValidOn(DateOnly date) =>
        (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);
}
