using Emulation.Core.Campaigns;

namespace Emulation.Core.Scoring;

/// <summary>When a month's submission is due, and what lateness costs.</summary>
public static class Lateness
{
    /// <summary>
    /// The campaign's deadline for a month: day <c>deadlineDay</c> of the next month (December's
    /// in January of the next year), clamped to that month's last day.
    /// </summary>
    public static DateOnly DeadlineOf(Campaign campaign, int month)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        var year = month == 12 ? campaign.Year + 1 : campaign.Year;
        var next = month == 12 ? 1 : month + 1;
        var day = Math.Clamp(campaign.DeadlineDay, 1, DateTime.DaysInMonth(year, next));
        return new DateOnly(year, next, day);
    }

    /// <summary>
    /// Calendar days after the deadline (the extended one when set); 0 when on time or when no
    /// submission date is known.
    /// </summary>
    public static int DaysLate(Campaign campaign, int month, DateOnly? submittedOn, DateOnly? extendedDeadline)
    {
        if (submittedOn is not { } on)
        {
            return 0;
        }

        var deadline = extendedDeadline ?? DeadlineOf(campaign, month);
        return Math.Max(0, on.DayNumber - deadline.DayNumber);
    }

    /// <summary>Points lost for <paramref name="daysLate"/> days: <c>min(cap, perDay × days)</c>, 0 when on time.</summary>
    public static decimal Deduction(LatePenalty late, int daysLate)
    {
        ArgumentNullException.ThrowIfNull(late);
        return daysLate <= 0 ? 0m : Math.Min(late.Cap, late.PerDay * daysLate);
    }
}
