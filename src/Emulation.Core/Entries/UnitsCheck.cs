using Emulation.Core.Campaigns;
using Emulation.Core.Units;

namespace Emulation.Core.Entries;

/// <summary>The field of an entries row a <see cref="UnitsCheck"/> mismatch is about.</summary>
public enum UnitsMismatch
{
    /// <summary>The unit code is not a unit of the units file.</summary>
    Unit,
    /// <summary>The row's unit kind is not the unit's kind in the units file.</summary>
    Kind,
    /// <summary>The row's block is not the unit's block for the campaign in the units file.</summary>
    Block,
}

/// <summary>
/// Checks entries rows against a units file: every row's unit must be a unit of the file, of the
/// kind the file gives it, in the block the file puts it in for the campaign (so that a mistyped
/// block such as <c>K-HUYN</c> is an error rather than a new block of one). Lookups on spans: no
/// allocation per row; safe to share between threads (read only).
/// </summary>
public sealed class UnitsCheck
{
    private readonly Dictionary<string, (string Kind, string? Block)> units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Kind, string? Block)>.AlternateLookup<ReadOnlySpan<char>> lookup;

    /// <summary>Checks against <paramref name="organisation"/>'s units and its blocks for <paramref name="campaign"/>.</summary>
    /// <param name="organisation">The units file, loaded against the campaign.</param>
    /// <param name="campaign">The campaign the entries belong to.</param>
    /// <param name="fileName">The units file's name as given, for the messages.</param>
    public UnitsCheck(Organisation organisation, Campaign campaign, string fileName)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        ArgumentNullException.ThrowIfNull(campaign);
        FileName = fileName;
        CampaignId = campaign.Id;
        var blockOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var block in organisation.BlocksOf(campaign.Id))
        {
            foreach (var unit in block.Units)
            {
                blockOf.TryAdd(unit, block.Code);
            }
        }

        foreach (var unit in organisation.Units)
        {
            units[unit.Code] = (unit.Kind, blockOf.GetValueOrDefault(unit.Code));
        }

        lookup = units.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The units file's name as given.</summary>
    public string FileName { get; }

    /// <summary>The campaign whose blocks are checked.</summary>
    public string CampaignId { get; }

    /// <summary>The first mismatch of a row (unit, then kind, then block) with its message, "Vietnamese (English)"; null when the row agrees with the file.</summary>
    public (UnitsMismatch Column, string Message)? Check(ReadOnlySpan<char> unit, ReadOnlySpan<char> kind, ReadOnlySpan<char> block)
    {
        if (!lookup.TryGetValue(unit, out var known))
        {
            return (UnitsMismatch.Unit, $"đơn vị \"{unit}\" không có trong tệp đơn vị {FileName} (unit \"{unit}\" is not in the units file {FileName})");
        }

        if (!kind.SequenceEqual(known.Kind))
        {
            return (UnitsMismatch.Kind, $"đơn vị {unit} là loại \"{known.Kind}\" trong tệp đơn vị, không phải \"{kind}\" (unit {unit} is of kind \"{known.Kind}\" in the units file, not \"{kind}\")");
        }

        if (known.Block is null)
        {
            return (UnitsMismatch.Block, $"đơn vị {unit} không thuộc khối nào của đợt {CampaignId} trong tệp đơn vị, nhưng có khối \"{block}\" (unit {unit} is in no block of campaign {CampaignId} in the units file, got \"{block}\")");
        }

        if (!block.SequenceEqual(known.Block))
        {
            return (UnitsMismatch.Block, $"khối \"{block}\" sai: đơn vị {unit} thuộc khối \"{known.Block}\" trong tệp đơn vị (wrong block \"{block}\": unit {unit} is in block \"{known.Block}\" in the units file)");
        }

        return null;
    }
}
