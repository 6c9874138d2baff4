using Emulation.Web.Pages.Awards;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Emulation.Web.Pages.Public;

/// <summary>
/// <c>/Public/Awards[?year=Y]</c>: the confirmed award decisions of every campaign, by year (the
/// latest by default), readable by anyone; past years stay readable.
/// </summary>
public sealed class AwardsModel(AwardDecisions decisions) : PageModel
{
    public IReadOnlyList<int> Years { get; private set; } = [];

    public int? Year { get; private set; }

    public async Task OnGetAsync(int? year, CancellationToken ct)
    {
        Years = [.. (await decisions.All(ct)).Select(d => d.Year).Distinct()];
        Year = year is { } y && Years.Contains(y) ? y : Years.Count > 0 ? Years[0] : null;
    }
}
