using System.Globalization;
using Emulation.Core.Campaigns;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Emulation.Web.Pages.Rankings;

/// <summary>
/// <c>/Rankings/Report?month=M</c> — the monthly report of a published month laid out on A4 with
/// the province's administrative heading (UBND tỉnh / Sở Nội vụ and the national motto), for the
/// browser to print or save as PDF: per block, every unit's month total, lateness, classification
/// and rank, beside its year to date. Read from the month's snapshot, as the rankings are.
/// </summary>
public sealed class ReportModel(IMediator mediator) : PageModel
{
    public Result Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int? month, CancellationToken ct)
    {
        Data = await mediator.Send(new Query(month), ct);
        return Page();
    }

    /// <param name="Blocks">The month's units by block (block rank of the month order), empty when nothing is published.</param>
    public sealed record Result(Campaign Campaign, string Province, DateOnly PrintedOn, int? Month, IReadOnlyList<ReportBlock> Blocks, IReadOnlyList<int> PublishedMonths)
    {
        public string ClassificationOf(string code) => Campaign.Classification.FirstOrDefault(c => c.Code == code)?.Title.Vi ?? code;
    }

    public sealed record ReportBlock(string Code, string Title, IReadOnlyList<PublishedUnit> Units);

    public sealed record Query(int? Month) : IRequest<Result>;

    public sealed class Handler(CampaignCatalog catalog, BusinessClock clock, PublishedResults results, BrandingSource branding) : IRequestHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var campaign = catalog.Current(clock.Today) ?? throw new NotFoundException();
            var year = await results.Year(campaign, cancellationToken);
            var month = query.Month ?? year.LastMonth;
            if (month is { } asked && !campaign.HasMonth(asked))
            {
                throw new NotFoundException();
            }

            var units = month is { } m ? year.Of(m) : null;
            var blocks = units is null
                ? []
                : units.GroupBy(u => u.BlockCode)
                    .OrderBy(g => g.Key, StringComparer.Ordinal)
                    .Select(g => new ReportBlock(g.Key, g.First().BlockTitleVi,
                        [.. g.OrderBy(u => u.MonthBlockRank).ThenBy(u => u.UnitCode, StringComparer.Ordinal)]))
                    .ToList();
            var brand = await branding.Get(cancellationToken);
            return new Result(campaign, brand.Province, clock.Today, month, blocks, year.PublishedMonths);
        }
    }
}

/// <summary>The report's fixed wording, Vietnamese as the province files it.</summary>
public static class ReportText
{
    public static string Upper(string text) => text.ToUpper(CultureInfo.GetCultureInfo("vi-VN"));
}
