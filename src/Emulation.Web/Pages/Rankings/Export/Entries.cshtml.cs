using System.Text;
using Emulation.Core.Entries;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Emulation.Web.Pages.Rankings.Export;

/// <summary>
/// <c>GET /Rankings/Export/Entries[?campaign=…]</c> — an address scripts rely on: the published
/// months' appraised entries as <c>entries.csv</c> (with the <c>deadline</c> column), which
/// <c>emulation rank</c> reads to give the standings export's figures. Verifiers and administrators.
/// </summary>
public sealed class EntriesModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? campaign, string? format, CancellationToken ct)
    {
        if (format is not (null or "csv" or "xlsx"))
        {
            return NotFound();
        }

        var file = await mediator.Send(new Query(campaign, format ?? "csv"), ct);
        return File(file.Content, file.ContentType, file.Name);
    }

    public sealed record Query(string? Campaign, string Format = "csv") : IRequest<Csv>;

    public sealed record Csv(string Name, byte[] Content, string ContentType = "text/csv; charset=utf-8");

    public sealed class Handler(CampaignCatalog catalog, BusinessClock clock, PublishedResults results, BrandingSource branding) : IRequestHandler<Query, Csv>
    {
        public async ValueTask<Csv> Handle(Query query, CancellationToken cancellationToken)
        {
            var campaign = (query.Campaign is null ? catalog.Current(clock.Today) : catalog.Find(query.Campaign)) ?? throw new NotFoundException();
            var year = await results.Year(campaign, cancellationToken);
            if (query.Format == "xlsx")
            {
                var workbook = DocumentProperties.Stamp(Workbooks.Entries(year.EntriesRows()), await branding.Get(cancellationToken), $"Số liệu đã thẩm định — {campaign.Title.Vi}");
                return new Csv($"entries-{campaign.Id}.xlsx", workbook, Workbooks.ContentType);
            }

            var text = new StringWriter();
            EntriesCsvWriter.Write(text, year.EntriesRows());
            return new Csv($"entries-{campaign.Id}.csv", new UTF8Encoding(false).GetBytes(text.ToString()));
        }
    }
}
