namespace Emulation.Web.Infrastructure;

/// <summary>
/// The application's business clock: "today" for deadlines and days left (a Vietnam date) and
/// "now" (UTC) for every domain event. In demo mode it starts inside the 2017 campaign and keeps
/// running from there. Authentication does not use it; it keeps <see cref="TimeProvider.System"/>.
/// </summary>
public sealed class BusinessClock
{
    private readonly TimeProvider real;

    public BusinessClock(TimeProvider real, DateOnly? startDate = null)
    {
        ArgumentNullException.ThrowIfNull(real);
        this.real = real;
        if (startDate is { } start)
        {
            // Keep the real time of day, move the date: the demo clock ticks like a real one.
            var realLocal = TimeZoneInfo.ConvertTimeFromUtc(real.GetUtcNow().UtcDateTime, Vietnam);
            var wantedLocal = start.ToDateTime(TimeOnly.FromDateTime(realLocal));
            Offset = wantedLocal - realLocal;
        }
    }

    /// <summary>Asia/Ho_Chi_Minh; UTC+7 without daylight saving when the time zone database is missing.</summary>
    public static TimeZoneInfo Vietnam { get; } =
        TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Ho_Chi_Minh", out var zone)
            ? zone
            : TimeZoneInfo.CreateCustomTimeZone("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7), "Indochina Time", "Indochina Time");

    /// <summary>How far the business clock runs from the real one (zero outside demo mode).</summary>
    public TimeSpan Offset { get; }

    /// <summary>The current instant, UTC.</summary>
    public DateTime UtcNow => DateTime.SpecifyKind(real.GetUtcNow().UtcDateTime + Offset, DateTimeKind.Utc);

    /// <summary>The current Vietnam date and time.</summary>
    public DateTime VietnamNow => TimeZoneInfo.ConvertTimeFromUtc(UtcNow, Vietnam);

    /// <summary>Today in Vietnam: the date deadlines are counted against.</summary>
    public DateOnly Today => DateOnly.FromDateTime(VietnamNow);

    /// <summary>A stored UTC instant as Vietnam local time, for display.</summary>
    public static DateTime ToVietnam(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Vietnam);
}
