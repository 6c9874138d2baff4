using System.Data.Common;
using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Infrastructure.Notifications;

/// <summary>Who reads which notices: a unit's head and staff read their unit's, verifiers the verifiers'.</summary>
public sealed record NoticeReaderOf(string UserId, string? UnitCode, bool Verifier)
{
    /// <summary>The person's audiences, or null when they read no notices (administrators, the committee).</summary>
    public static NoticeReaderOf? For(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var unit = user.IsInRole(Roles.UnitHead) || user.IsInRole(Roles.UnitStaff) ? user.UnitCode() : null;
        var verifier = user.IsInRole(Roles.Verifier);
        return id is null || (unit is null && !verifier) ? null : new NoticeReaderOf(id, unit, verifier);
    }
}

/// <summary>The notices a person reads, and how many of them they have not read (the shell's count).</summary>
public sealed partial class NoticeReader(EmulationDb db, ILogger<NoticeReader> logger)
{
    public IQueryable<Notification> Notices(NoticeReaderOf reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var (unit, verifier) = (reader.UnitCode, reader.Verifier);
        return db.Notifications.Where(n => (unit != null && n.Audience == NoticeAudience.Unit && n.UnitCode == unit)
            || (verifier && n.Audience == NoticeAudience.Verifiers));
    }

    public IQueryable<Notification> Unread(NoticeReaderOf reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var userId = reader.UserId;
        return Notices(reader).Where(n => !db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == userId));
    }

    /// <summary>
    /// The count the shell shows, or null when the person reads no notices. A database that does
    /// not answer leaves the count out rather than failing the page (the error page among them).
    /// </summary>
    public async Task<int?> UnreadCount(ClaimsPrincipal user, CancellationToken ct = default)
    {
        if (NoticeReaderOf.For(user) is not { } reader)
        {
            return null;
        }

        try
        {
            return await Unread(reader).CountAsync(ct);
        }
        catch (DbException e)
        {
            LogCountFailed(logger, e);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The unread notices could not be counted.")]
    private static partial void LogCountFailed(ILogger logger, Exception exception);
}
