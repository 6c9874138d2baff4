using CoreCampaign = Emulation.Core.Campaigns.Campaign;

namespace Emulation.Web.Domain;

/// <summary>When each month's submission is due (DESIGN.md, Totals: lateness).</summary>
public static class CampaignCalendar
{
    /// <summary>
    /// Day <c>deadlineDay</c> of the month after <paramref name="month"/> (December's in January
    /// of the next year); a day past that month's end means its last day.
    /// </summary>
    public static DateOnly DeadlineOf(CoreCampaign campaign, int month)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, "A month is 1–12.");
        }

        var next = new DateOnly(campaign.Year, month, 1).AddMonths(1);
        var day = Math.Min(campaign.DeadlineDay, DateTime.DaysInMonth(next.Year, next.Month));
        return new DateOnly(next.Year, next.Month, day);
    }
}
