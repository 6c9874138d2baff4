using Emulation.Web.Domain;

namespace Emulation.Web.Data.Seeding;

/// <summary>
/// Working days and office hours of 2017 in Vietnam, so the demo year's events happen when an
/// office would act: Monday to Friday, outside the public holidays, between 08:00 and 16:30.
/// </summary>
internal static class DemoCalendar
{
    /// <summary>Minutes from 08:00 to 16:30.</summary>
    public const int OfficeMinutes = 510;

    // The 2017 days off for civil servants: New Year (Sunday, moved to Monday 2/1), Tết Đinh Dậu
    // 26/1–1/2, Hùng Kings 6/4, 30/4 (Sunday, moved to 2/5) and 1/5, National Day 2/9 (Saturday,
    // moved to 4/9).
    private static readonly HashSet<DateOnly> Holidays =
    [
        new(2017, 1, 2),
        .. Enumerable.Range(0, 7).Select(d => new DateOnly(2017, 1, 26).AddDays(d)),
        new(2017, 4, 6),
        new(2017, 5, 1),
        new(2017, 5, 2),
        new(2017, 9, 4),
    ];

    public static bool IsWorkday(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !Holidays.Contains(day);

    /// <summary>The working days from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IReadOnlyList<DateOnly> Workdays(DateOnly from, DateOnly to)
    {
        var days = new List<DateOnly>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (IsWorkday(day))
            {
                days.Add(day);
            }
        }

        return days;
    }

    public static DateOnly WorkdayOnOrAfter(DateOnly day)
    {
        while (!IsWorkday(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    public static DateOnly WorkdayOnOrBefore(DateOnly day)
    {
        while (!IsWorkday(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    /// <summary>A working day drawn from the range, or the first working day after it when it holds none.</summary>
    public static DateOnly WorkdayBetween(this Random dice, DateOnly from, DateOnly to)
    {
        var days = Workdays(from, to);
        return days.Count > 0 ? dice.OneOf(days) : WorkdayOnOrAfter(to);
    }

    /// <summary>The UTC instant of <paramref name="minutesAfterEight"/> minutes past 08:00, Vietnam time, on <paramref name="day"/>.</summary>
    public static DateTime At(DateOnly day, int minutesAfterEight)
    {
        var local = day.ToDateTime(new TimeOnly(8, 0)).AddMinutes(minutesAfterEight);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), VietnamTime.Zone);
    }

    /// <summary>A time of the office day, drawn between <paramref name="earliest"/> and <paramref name="latest"/> minutes past 08:00.</summary>
    public static DateTime During(this Random dice, DateOnly day, int earliest = 0, int latest = OfficeMinutes - 1) =>
        At(day, dice.From(earliest, latest));
}
