using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Infrastructure.Notifications;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Emulation.Web.Pages.Admin;

/// <summary>The outbox: every e-mail recorded with a notice, newest first, and what became of it.</summary>
public sealed class OutboxModel(IMediator mediator) : PageModel
{
    public const int PageSize = 50;

    public View Data { get; private set; } = null!;

    public async Task OnGetAsync([FromQuery(Name = "p")] int p, CancellationToken ct) => Data = await mediator.Send(new Query(p), ct);

    public enum State
    {
        Sent,
        NoAddress,
        Waiting,
        Retrying,
        GivenUp,
    }

    /// <summary>The mail server when one is configured (host, port, sender), the counts and a page of messages.</summary>
    public sealed record View(string? Server, string? From, int Total, int Sent, int NoAddress, int Failed, IReadOnlyList<Line> Lines, int Page, int Pages);

    /// <summary>One message; <see cref="UnitName"/> and <see cref="Audience"/> say whom its notice is for, addresses or not.</summary>
    public sealed record Line(long Id, DateTime CreatedAtUtc, NoticeAudience Audience, string UnitName, string To, string Subject, string Body, State State,
        DateTime? SentAtUtc, DateTime? NextAttemptAtUtc, int Attempts, string? LastError);

    public sealed record Query(int Page) : IRequest<View>;

    public sealed class Handler(EmulationDb db, IOptions<SmtpOptions> smtp) : IRequestHandler<Query, View>
    {
        public async ValueTask<View> Handle(Query query, CancellationToken cancellationToken)
        {
            var total = await db.OutboxMessages.CountAsync(cancellationToken);
            var sent = await db.OutboxMessages.CountAsync(m => m.SentAtUtc != null, cancellationToken);
            var noAddress = await db.OutboxMessages.CountAsync(m => m.To == "", cancellationToken);
            var failed = await db.OutboxMessages.CountAsync(m => m.SentAtUtc == null && m.LastError != null, cancellationToken);
            var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
            var page = Math.Clamp(query.Page, 1, pages);
            var english = CultureText.IsEnglish;
            // Ordered by id: ids only grow, so the newest message comes first.
            var lines = (await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.Id)
                    .Skip((page - 1) * PageSize).Take(PageSize)
                    .Select(m => new
                    {
                        Message = m,
                        m.Notification!.Audience,
                        UnitName = db.Units.Where(u => u.Id == m.Notification.UnitId).Select(u => english ? u.NameEn : u.NameVi).FirstOrDefault() ?? m.Notification.UnitCode,
                    })
                    .ToListAsync(cancellationToken))
                .Select(r => LineOf(r.Message, r.Audience, r.UnitName))
                .ToList();
            var o = smtp.Value;
            return new View(o.IsConfigured ? $"{o.Host}:{o.Port}" : null, o.From, total, sent, noAddress, failed, lines, page, pages);
        }

        private static Line LineOf(OutboxMessage m, NoticeAudience audience, string unitName) =>
            new(m.Id, m.CreatedAtUtc, audience, unitName, m.To, m.Subject, m.Body, StateOf(m), m.SentAtUtc, m.NextAttemptAtUtc, m.Attempts, m.LastError);

        private static State StateOf(OutboxMessage m) =>
            m.SentAtUtc is not null ? State.Sent
            : !m.HasAddress ? State.NoAddress
            : m.GivenUp ? State.GivenUp
            : m.LastError is not null ? State.Retrying
            : State.Waiting;
    }
}
