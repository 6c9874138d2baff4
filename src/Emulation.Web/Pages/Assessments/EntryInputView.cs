namespace Emulation.Web.Pages.Assessments;

/// <summary>
/// The inputs one criterion's method asks — yes/no, a level, a numerator and a denominator, a
/// number, points — as the unit's form and the verifier's appraisal both show them (the partial
/// <c>_EntryInput</c>). <paramref name="Name"/> is the field prefix (<c>Entries[3]</c>, whose
/// <c>.Value</c> and <c>.Denominator</c> are posted); <paramref name="Id"/> prefixes the inputs' ids;
/// <paramref name="Label"/> names the criterion for screen readers.
/// </summary>
public sealed record EntryInputView(
    SheetRow Row,
    string Name,
    string Id,
    string? Value,
    string? Denominator,
    string Label,
    string? DescribedBy,
    bool ValueInvalid,
    bool DenominatorInvalid,
    bool Appraisal = false);
