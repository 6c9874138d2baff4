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

    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 300;

    /// <summary>Gives the unit new names (both languages, trimmed, at most 300 characters).</summary>
    /// <exception cref="DomainException"><c>Unit.NameRequired</c> or <c>Unit.NameTooLong</c> [300].</exception>
    public void Rename(string? nameVi, string? nameEn)
    {
        var (vi, en) = (CheckName(nameVi), CheckName(nameEn));
        NameVi = vi;
        NameEn = en;
    }

    /// <summary>Ends the unit: <paramref name="lastDay"/> is its last valid day.</summary>
    /// <exception cref="DomainException"><c>Unit.AlreadyEnded</c> [code, date] or <c>Unit.EndsBeforeStart</c>.</exception>
    public void End(DateOnly lastDay)
    {
        if (ValidTo is { } ended && ended <= lastDay)
        {
            throw new DomainException("Unit.AlreadyEnded", Code, ended.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (ValidFrom is { } from && lastDay < from)
        {
            throw new DomainException("Unit.EndsBeforeStart", Code, lastDay, from);
        }

        ValidTo = lastDay;
    }

    /// <summary>A name as stored: trimmed, composed, required, at most <see cref="MaxNameLength"/> characters.</summary>
    public static string CheckName(string? name)
    {
        var clean = (name ?? "").Trim().Normalize(System.Text.NormalizationForm.FormC);
        if (clean.Length == 0)
        {
            throw new DomainException("Unit.NameRequired");
        }

        return clean.Length > MaxNameLength ? throw new DomainException("Unit.NameTooLong", MaxNameLength) : clean;
    }

    /// <summary>Whether the unit existed on <paramref name="date"/>.</summary>
    public bool IsValidOn(DateOnly date) =>
        (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);
}
