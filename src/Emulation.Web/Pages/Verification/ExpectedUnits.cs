using Emulation.Core.Campaigns;
using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Verification;

/// <summary>A unit expected to submit in a campaign: a block member whose kind the campaign assesses.</summary>
public sealed record ExpectedUnit(int UnitId, string Code, string Name, string KindCode, string Block, string BlockTitle, DateOnly? ValidFrom = null, DateOnly? ValidTo = null)
{
    /// <summary>Whether the unit existed during (some of) <paramref name="month"/> of <paramref name="year"/>: a unit merged or split away is not expected after it ended.</summary>
    public bool IsValidIn(int year, int month) =>
        (ValidFrom is null || ValidFrom <= new DateOnly(year, month, 1).AddMonths(1).AddDays(-1)) && (ValidTo is null || ValidTo >= new DateOnly(year, month, 1));
}

/// <summary>The campaign's expected units in block order, names in the reader's language (the queue and the heat map).</summary>
public static class ExpectedUnits
{
    public static async Task<List<ExpectedUnit>> List(EmulationDb db, Campaign campaign, CancellationToken cancellationToken)
    {
        var english = CultureText.IsEnglish;
        var members = await db.BlockMemberships.AsNoTracking().Where(m => m.CampaignId == campaign.Id)
            .OrderBy(m => m.Block!.Id).ThenBy(m => m.Id)
            .Select(m => new ExpectedUnit(
                m.UnitId,
                m.Unit!.Code,
                english ? m.Unit.NameEn : m.Unit.NameVi,
                m.Unit.KindCode,
                m.Block!.Code,
                english ? m.Block.TitleEn : m.Block.TitleVi,
                m.Unit.ValidFrom,
                m.Unit.ValidTo))
            .ToListAsync(cancellationToken);
        return [.. members.Where(m => campaign.FrameworkFor(m.KindCode) is not null)];
    }
}
