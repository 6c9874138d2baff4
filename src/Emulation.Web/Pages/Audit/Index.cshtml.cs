using Emulation.Web.Data;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Audit;

/// <summary>The latest lines of the audit log, newest first.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public const int PageSize = 100;

    public IReadOnlyList<Line> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Lines = await mediator.Send(new Query(PageSize), ct);

    public sealed record Query(int Take) : IRequest<IReadOnlyList<Line>>;

    public sealed record Line(long Id, DateTime AtUtc, string Who, string Action, string Entity, string? OldValue, string? NewValue, string? Reason);

    public sealed class Handler(EmulationDb db) : IRequestHandler<Query, IReadOnlyList<Line>>
    {
        // Ordered by id: ids only grow and, unlike a DateTime, sort the same in every database.
        public async ValueTask<IReadOnlyList<Line>> Handle(Query query, CancellationToken cancellationToken) =>
            await db.AuditEntries.OrderByDescending(a => a.Id).Take(query.Take)
                .Select(a => new Line(a.Id, a.AtUtc, a.Who, a.Action, a.Entity, a.OldValue, a.NewValue, a.Reason))
                .ToListAsync(cancellationToken);
    }
}
