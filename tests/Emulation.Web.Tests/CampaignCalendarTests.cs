using Emulation.Core.Campaigns;
using Emulation.Web.Domain;
using Campaign = Emulation.Core.Campaigns.Campaign;

namespace Emulation.Web.Tests;

public sealed class CampaignCalendarTests
{
    private static readonly Campaign Shipped =
        CampaignLoader.LoadFile(Path.Combine(TestFolders.ShippedCriteria, "tien-giang-2017.json")).Value!;

    [Theory]
    [InlineData(5, 1, "2017-02-05")]
    [InlineData(5, 11, "2017-12-05")]
    [InlineData(5, 12, "2018-01-05")]
    [InlineData(31, 1, "2017-02-28")]
    [InlineData(31, 3, "2017-04-30")]
    [InlineData(31, 4, "2017-05-31")]
    public void A_month_is_due_on_the_deadline_day_of_the_next_month_or_its_last_day(int deadlineDay, int month, string due)
    {
        var campaign = Shipped with { DeadlineDay = deadlineDay };

        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), CampaignCalendar.DeadlineOf(campaign, month));
    }
}
