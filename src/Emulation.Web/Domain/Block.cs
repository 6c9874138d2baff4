namespace Emulation.Web.Domain;

/// <summary>
/// A block (khối thi đua) of one campaign: the units ranked against each other. Blocks are
/// reorganised every year, so membership belongs to the campaign.
/// </summary>
public sealed class Block
{
    private readonly List<BlockMembership> memberships = [];

    private Block(string campaignId, string code, string titleVi, string titleEn)
    {
        CampaignId = campaignId;
        Code = code;
        TitleVi = titleVi;
        TitleEn = titleEn;
    }

    public int Id { get; private set; }
    public string CampaignId { get; private set; }
    public string Code { get; private set; }
    public string TitleVi { get; private set; }
    public string TitleEn { get; private set; }
    public IReadOnlyCollection<BlockMembership> Memberships => memberships.AsReadOnly();

    public static Block Create(string campaignId, string code, string titleVi, string titleEn)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        return new Block(campaignId, code, titleVi, titleEn);
    }

    public const int MaxCodeLength = 32;
    public const int MaxTitleLength = 300;

    /// <summary>Gives the block new titles (both languages, trimmed, at most 300 characters).</summary>
    /// <exception cref="DomainException"><c>Block.TitleRequired</c> or <c>Block.TitleTooLong</c> [300].</exception>
    public void Rename(string? titleVi, string? titleEn)
    {
        var (vi, en) = (CheckTitle(titleVi), CheckTitle(titleEn));
        TitleVi = vi;
        TitleEn = en;
    }

    /// <summary>A title as stored: trimmed, composed, required, at most <see cref="MaxTitleLength"/> characters.</summary>
    public static string CheckTitle(string? title)
    {
        var clean = (title ?? "").Trim().Normalize(System.Text.NormalizationForm.FormC);
        return clean.Length switch
        {
            0 => throw new DomainException("Block.TitleRequired"),
            > MaxTitleLength => throw new DomainException("Block.TitleTooLong", MaxTitleLength),
            _ => clean,
        };
    }

    /// <summary>Moves <paramref name="membership"/> (a unit of another block of the same campaign) into this block.</summary>
    /// <exception cref="DomainException"><c>Block.AlreadyMember</c> [unit, block] when it is already here.</exception>
    public void Take(BlockMembership membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        if (membership.CampaignId != CampaignId)
        {
            throw new InvalidOperationException("A membership moves between blocks of one campaign.");
        }

        if (membership.BlockId == Id && Id != 0)
        {
            throw new DomainException("Block.AlreadyMember", membership.Unit?.Code ?? "", Code);
        }

        membership.MoveTo(this);
    }

    public void Add(Unit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        if (memberships.Any(m => ReferenceEquals(m.Unit, unit) || (unit.Id != 0 && m.UnitId == unit.Id)))
        {
            throw new DomainException("Block.AlreadyMember", unit.Code, Code);
        }

        memberships.Add(new BlockMembership(this, unit));
    }
}

/// <summary>A unit's place in a block for one campaign (one block per unit per campaign).</summary>
public sealed class BlockMembership
{
    private BlockMembership()
    {
        CampaignId = "";
    }

    internal BlockMembership(Block block, Unit unit)
    {
        Block = block;
        Unit = unit;
        CampaignId = block.CampaignId;
    }

    public int Id { get; private set; }
    public int BlockId { get; private set; }
    public Block? Block { get; private set; }
    public int UnitId { get; private set; }
    public Unit? Unit { get; private set; }
    public string CampaignId { get; private set; }

    internal void MoveTo(Block block)
    {
        Block = block;
        BlockId = block.Id;
    }
}
