using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Rankings;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Emulation.Web.Pages.Public;

/// <summary>
/// The province's public page, no sign-in: the published rankings per month and year to date,
/// classifications and each unit's points per criterion — never drafts, months not published,
/// notes, evidence or the reasons of adjustments. A month not yet published says so plainly.
/// </summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public Result? Data { get; private set; }

    public async Task<IActionResult> OnGetAsync(int? month, string? period, string? block, string? kind, CancellationToken ct)
    {
        if (RankingQuery.Period(period) is not { } chosen)
        {
            return NotFound();
        }

        Data = await mediator.Send(new Query(month, chosen, block, kind), ct);
        return Data.Tables is null && Data.View is not null ? NotFound() : Page();
    }

    public sealed record Query(int? Month, Period Period, string? Block, string? Kind) : IRequest<Result>;

    public sealed class Handler(CampaignCatalog catalog, BusinessClock clock, PublishedResults results) : IRequestHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken) =>
            await RankingQuery.Run(catalog, clock, results, query.Month, query.Period, query.Block, query.Kind, cancellationToken);
    }
}
