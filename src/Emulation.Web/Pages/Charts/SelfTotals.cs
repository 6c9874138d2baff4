using Emulation.Core.Campaigns;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Assessments;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Charts;

/// <summary>
/// A unit's self totals month by month, as its month page shows them (<see cref="MonthSheet"/>'s
/// self score): only months it has submitted; a month closed out as missing has none.
/// </summary>
public static class SelfTotals
{
    public static async Task<IReadOnlyDictionary<int, decimal>> Of(EmulationDb db, Campaign campaign, UnitResource unit, string unitName, string? block,
        DateOnly today, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(unit);
        var submissions = await db.Submissions.AsNoTracking()
            .Where(s => s.CampaignId == campaign.Id && s.UnitId == unit.Id && s.FirstSubmittedOn != null
                && s.Status != SubmissionStatus.Missing && s.LockedFrom != SubmissionStatus.Missing)
            .Include(s => s.Entries).Include(s => s.Files).Include(s => s.References).Include(s => s.Disputes)
            .AsSplitQuery()
            .ToListAsync(ct);
        return submissions.Where(s => campaign.HasMonth(s.Month)).ToDictionary(
            s => s.Month,
            s => MonthSheet.Build(new UnitMonth(unit, unitName, block, MonthFramework.For(campaign, unit.KindCode, s.Month), s), today).Self.Total);
    }
}
