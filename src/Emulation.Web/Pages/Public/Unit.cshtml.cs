using Emulation.Web.Pages.Rankings;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Emulation.Web.Pages.Public;

/// <summary>
/// A unit's published points, for anyone: the same explanation as the signed-in page, from the same
/// snapshots; the reasons of adjustments are shown only to those allowed to see them, so never here
/// to an anonymous reader.
/// </summary>
public sealed class UnitModel(IMediator mediator) : PageModel
{
    public ExplainModel.Result Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string unit, int? month, string? period, CancellationToken ct)
    {
        if (RankingQuery.Period(period) is not { } chosen)
        {
            return NotFound();
        }

        Data = await mediator.Send(new ExplainModel.Query(User, unit, month, chosen), ct);
        return Page();
    }
}
