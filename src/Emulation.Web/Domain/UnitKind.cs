namespace Emulation.Web.Domain;

/// <summary>
/// A kind of unit (department, district, commune, …). Data, not an enum: the 2025
/// reorganisation abolished districts, and code must not break when kinds come and go.
/// </summary>
public sealed class UnitKind
{
    private UnitKind(string code, string nameVi, string nameEn)
    {
        Code = code;
        NameVi = nameVi;
        NameEn = nameEn;
    }

    public string Code { get; private set; }
    public string NameVi { get; private set; }
    public string NameEn { get; private set; }

    public static UnitKind Create(string code, string nameVi, string nameEn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new UnitKind(code, nameVi, nameEn);
    }
}
