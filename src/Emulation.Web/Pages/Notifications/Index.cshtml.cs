using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Infrastructure.Notifications;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Notifications;

/// <summary>
/// A person's notices, newest first, 50 a page: a unit's head and staff read their unit's, verifiers
/// the verifiers'. Opening one marks it read for that person and goes to the month it is about.
/// </summary>
public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 50;

    public View Data { get; private set; } = null!;

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync([FromQuery(Name = "p")] int p, CancellationToken ct) =>
        Data = await mediator.Send(new Query(User, p), ct);

    public async Task<IActionResult> OnGetOpenAsync(long id, CancellationToken ct)
    {
        var link = await mediator.Send(new Open(User, id), ct);
        return link is null ? NotFound() : LocalRedirect(link);
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var marked = await mediator.Send(new ReadAll(User), ct);
        Notice = localizer["Notifications.MarkedRead", marked];
        return RedirectToPage();
    }

    /// <summary>A page of notices; <see cref="Reads"/> is false for a person who reads none.</summary>
    public sealed record View(bool Reads, IReadOnlyList<Line> Lines, int Unread, int Total, int Page, int Pages);

    public sealed record Line(long Id, DateTime CreatedAtUtc, NoticeKind Kind, string UnitCode, string UnitName, string TextKey, string Arguments, bool Read);

    public sealed record Query(ClaimsPrincipal User, int Page) : IRequest<View>;

    public sealed class Handler(EmulationDb db, NoticeReader notices) : IRequestHandler<Query, View>
    {
        public async ValueTask<View> Handle(Query query, CancellationToken cancellationToken)
        {
            if (NoticeReaderOf.For(query.User) is not { } reader)
            {
                return new View(false, [], 0, 0, 1, 1);
            }

            var all = notices.Notices(reader);
            var total = await all.CountAsync(cancellationToken);
            var unread = await notices.Unread(reader).CountAsync(cancellationToken);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pages);
            var english = CultureText.IsEnglish;
            var userId = reader.UserId;
            // Newest first by when it happened (the demo year's notices were written out of order), then as written.
            var lines = await all.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
                .Skip((page - 1) * PageSize).Take(PageSize)
                .Select(n => new Line(n.Id, n.CreatedAtUtc, n.Kind, n.UnitCode,
                    db.Units.Where(u => u.Id == n.UnitId).Select(u => english ? u.NameEn : u.NameVi).FirstOrDefault() ?? n.UnitCode,
                    n.TextKey, n.Arguments,
                    db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == userId)))
                .ToListAsync(cancellationToken);
            return new View(true, lines, unread, total, page, pages);
        }
    }

    /// <summary>Marks one notice read for the person and answers the page it opens; null when it is not theirs.</summary>
    public sealed record Open(ClaimsPrincipal User, long Id) : IRequest<string?>;

    public sealed class OpenHandler(EmulationDb db, NoticeReader notices, BusinessClock clock) : IRequestHandler<Open, string?>
    {
        public async ValueTask<string?> Handle(Open command, CancellationToken cancellationToken)
        {
            if (NoticeReaderOf.For(command.User) is not { } reader)
            {
                return null;
            }

            var notice = await notices.Notices(reader).Where(n => n.Id == command.Id)
                .Select(n => new { n.Audience, n.UnitCode, n.Month, Read = db.NotificationReads.Any(r => r.NotificationId == n.Id && r.UserId == reader.UserId) })
                .SingleOrDefaultAsync(cancellationToken);
            if (notice is null)
            {
                return null;
            }

            if (!notice.Read)
            {
                db.NotificationReads.Add(NotificationRead.Of(command.Id, reader.UserId, clock.UtcNow));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                catch (DbUpdateException)
                {
                    // Opened twice at once: read either way.
                }
            }

            return Notification.LinkFor(notice.Audience, notice.UnitCode, notice.Month);
        }
    }

    /// <summary>Marks every unread notice of the person read; answers how many.</summary>
    public sealed record ReadAll(ClaimsPrincipal User) : IRequest<int>;

    public sealed class ReadAllHandler(EmulationDb db, NoticeReader notices, BusinessClock clock) : IRequestHandler<ReadAll, int>
    {
        public async ValueTask<int> Handle(ReadAll command, CancellationToken cancellationToken)
        {
            if (NoticeReaderOf.For(command.User) is not { } reader)
            {
                return 0;
            }

            // Tried twice: a notice opened meanwhile in another tab makes the first save fail.
            for (var attempt = 1; ; attempt++)
            {
                var now = clock.UtcNow;
                var unread = await notices.Unread(reader).Select(n => n.Id).ToListAsync(cancellationToken);
                db.NotificationReads.AddRange(unread.Select(id => NotificationRead.Of(id, reader.UserId, now)));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return unread.Count;
                }
                catch (DbUpdateException) when (attempt < 2)
                {
                    db.ChangeTracker.Clear();
                }
            }
        }
    }
}
