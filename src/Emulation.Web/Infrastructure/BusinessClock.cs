using Emulation.Web.Domain;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// The application's business clock: "today" for deadlines and days left (a Vietnam date) and
/// "now" (UTC) for every domain event. It reads the registered <see cref="TimeProvider"/>, so tests
/// move it with a fake one. In demo mode it starts inside the 2017 campaign and keeps running from
/// there. Authentication does not use it; it keeps <see cref="TimeProvider.System"/>.
/// </summary>
public sealed class BusinessClock
{
    private readonly TimeProvider time;

    public BusinessClock(TimeProvider time, DateOnly? startDate = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        this.time = time;
        if (startDate is { } start)
        {
            // Keep the real time of day, move the date: the demo clock ticks like a real one.
            var realLocal = VietnamTime.ToLocal(time.GetUtcNow().UtcDateTime);
            var wantedLocal = start.ToDateTime(TimeOnly.FromDateTime(realLocal));
            Offset = wantedLocal - realLocal;
        }
    }

    /// <summary>Asia/Ho_Chi_Minh.</summary>
    public static TimeZoneInfo Vietnam => VietnamTime.Zone;

    /// <summary>How far the business clock runs from the time provider (zero outside demo mode).</summary>
    public TimeSpan Offset { get; }

    /// <summary>The current instant, UTC.</summary>
    public DateTime UtcNow => DateTime.SpecifyKind(time.GetUtcNow().UtcDateTime + Offset, DateTimeKind.Utc);

    /// <summary>The current Vietnam date and time.</summary>
    public DateTime VietnamNow => VietnamTime.ToLocal(UtcNow);

    /// <summary>Today in Vietnam: the date deadlines are counted against.</summary>
    public DateOnly Today => DateOnly.FromDateTime(VietnamNow);

    /// <summary>A stored UTC instant as Vietnam local time, for display.</summary>
    public static DateTime ToVietnam(DateTime utc) => VietnamTime.ToLocal(utc);
}
