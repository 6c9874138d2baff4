using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Scoring;

public sealed class LatenessTests
{
    [Theory]
    // year, deadlineDay, month, expected deadline
    [InlineData(2017, 5, 1, "2017-02-05")]
    [InlineData(2017, 5, 11, "2017-12-05")]
    [InlineData(2017, 5, 12, "2018-01-05")]  // December's deadline is in January of the next year
    [InlineData(2017, 31, 3, "2017-04-30")]  // day 31 in a 30-day month → its last day
    [InlineData(2017, 31, 1, "2017-02-28")]
    [InlineData(2016, 30, 1, "2016-02-29")]  // leap year
    [InlineData(2017, 31, 12, "2018-01-31")]
    public void Deadline_is_the_deadline_day_of_the_next_month(int year, int deadlineDay, int month, string expected)
    {
        var campaign = TestCampaign.Create().Year(year).Months(1, 12).DeadlineDay(deadlineDay).Area("1", C.Binary("1.1", 1m)).Build();
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Lateness.DeadlineOf(campaign, month));
    }

    [Theory]
    // month, submitted on, extended deadline, days late
    [InlineData(1, "2017-02-05", null, 0)]          // on the deadline day: on time
    [InlineData(1, "2017-02-01", null, 0)]          // early
    [InlineData(1, "2017-02-06", null, 1)]
    [InlineData(1, "2017-03-07", null, 30)]         // 23 days of February + 7 of March
    [InlineData(12, "2018-01-05", null, 0)]         // December, on time in January
    [InlineData(12, "2018-01-08", null, 3)]
    [InlineData(1, "2017-02-12", "2017-02-15", 0)]  // extended deadline not yet passed
    [InlineData(1, "2017-02-17", "2017-02-15", 2)]  // late from the extended date
    [InlineData(1, null, null, 0)]                  // no date: on time
    public void Days_late_count_calendar_days_after_the_deadline(int month, string? submittedOn, string? deadline, int expected)
    {
        var campaign = TestCampaign.Create().Months(1, 12).Area("1", C.Binary("1.1", 1m)).Build();
        Assert.Equal(expected, Lateness.DaysLate(campaign, month, Date(submittedOn), Date(deadline)));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0.5)]
    [InlineData(3, 1.5)]
    [InlineData(10, 5)]  // 0.5 × 10 = 5 = cap
    [InlineData(20, 5)]  // capped at 5
    public void Lateness_loses_per_day_up_to_the_cap(int days, decimal expected)
    {
        Assert.Equal(expected, Lateness.Deduction(new Emulation.Core.Campaigns.LatePenalty(0.5m, 5m), days));
    }

    internal static DateOnly? Date(string? iso) =>
        iso is null ? null : DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
