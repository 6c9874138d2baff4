namespace Emulation.Web.Domain;

/// <summary>
/// Vietnam's time zone: dates and deadlines are Vietnam dates, instants are stored in UTC
/// (criteria/README.md, "Workflow").
/// </summary>
public static class VietnamTime
{
    /// <summary>Asia/Ho_Chi_Minh; UTC+7 without daylight saving when the time zone database is missing.</summary>
    public static TimeZoneInfo Zone { get; } =
        TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Ho_Chi_Minh", out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Indochina Time", "Indochina Time");

    /// <summary>A UTC instant as Vietnam local time.</summary>
    public static DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);

    /// <summary>The Vietnam date of a UTC instant.</summary>
    public static DateOnly DateOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>A Vietnam date and time of day as a UTC instant.</summary>
    public static DateTime ToUtc(DateOnly date, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(date.ToDateTime(time), DateTimeKind.Unspecified), Zone);
}
