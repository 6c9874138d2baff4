using Emulation.Core.Campaigns;

namespace Emulation.Core.Units;

/// <summary>
/// The organisation of a province as read from a units file: its units (with validity dates, so
/// that past campaigns keep past units) and each campaign's blocks.
/// </summary>
public sealed record Organisation(
    IReadOnlyList<OrganisationUnit> Units,
    IReadOnlyDictionary<string, IReadOnlyList<BlockDefinition>> Blocks)
{
    /// <summary>The unit with this code, or null.</summary>
    public OrganisationUnit? FindUnit(string code) => Units.FirstOrDefault(u => u.Code == code);

    /// <summary>The blocks of a campaign (empty when the file names none for it).</summary>
    public IReadOnlyList<BlockDefinition> BlocksOf(string campaignId) => Blocks.GetValueOrDefault(campaignId) ?? [];
}

/// <summary>A unit (đơn vị) that competes: a department, a district or commune People's Committee, ….</summary>
public sealed record OrganisationUnit(
    string Code,
    LocalizedText Name,
    string Kind,
    string? Parent,
    DateOnly? ValidFrom,
    DateOnly? ValidTo);

/// <summary>A block (khối thi đua): the units ranked against each other in one campaign.</summary>
public sealed record BlockDefinition(string Code, LocalizedText Title, IReadOnlyList<string> Units);
