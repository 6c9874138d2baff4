using System.Text;
using System.Text.Json;
using Emulation.Core.Output;
using Emulation.Core.Scoring;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Emulation.Web.Pages.Rankings.Export;

/// <summary>
/// <c>GET /Rankings/Export/Standings[?month=M][&amp;format=csv|xlsx]</c> — an address scripts rely on: the
/// year to date after month M (default the last published month) as exactly the JSON
/// <c>emulation rank --month M --format json</c> prints for the entries export (or its CSV, or a
/// workbook with a sheet per block). A month not published is a 404, except as a workbook: an
/// empty sheet with its headers. Verifiers and administrators.
/// </summary>
public sealed class StandingsModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int? month, string? format, string? campaign, CancellationToken ct)
    {
        if (format is not (null or "json" or "csv" or "xlsx"))
        {
            return NotFound();
        }

        var file = await mediator.Send(new Query(campaign, month, format ?? "json"), ct);
        return File(file.Content, file.ContentType, file.Name);
    }

    public sealed record Query(string? Campaign, int? Month, string Format) : IRequest<Output>;

    public sealed record Output(string Name, string ContentType, byte[] Content);

    public sealed class Handler(CampaignCatalog catalog, BusinessClock clock, PublishedResults results, BrandingSource branding) : IRequestHandler<Query, Output>
    {
        public async ValueTask<Output> Handle(Query query, CancellationToken cancellationToken)
        {
            var campaign = (query.Campaign is null ? catalog.Current(clock.Today) : catalog.Find(query.Campaign)) ?? throw new NotFoundException();
            var year = await results.Year(campaign, cancellationToken);
            if (query.Format == "xlsx")
            {
                var asked = query.Month ?? year.LastMonth ?? campaign.FirstMonth;
                if (!campaign.HasMonth(asked))
                {
                    throw new NotFoundException();
                }

                var published = year.Of(asked);
                var ranked = published is null ? null : ScoringEngine.Rank(campaign, year.Input(asked), asked);
                var workbook = StandingsWorkbook.Build(campaign, asked, ranked, published);
                var title = $"Kết quả chấm điểm lũy kế đến tháng {asked}/{campaign.Year} — {campaign.Title.Vi}";
                return new Output($"standings-{campaign.Id}-{asked}.xlsx", Workbooks.ContentType, DocumentProperties.Stamp(workbook, await branding.Get(cancellationToken), title));
            }

            var month = query.Month ?? year.LastMonth ?? throw new NotFoundException();
            var units = year.Of(month) ?? throw new NotFoundException();
            var standings = ScoringEngine.Rank(campaign, year.Input(month), month);
            if (query.Format == "csv")
            {
                var names = units.ToDictionary(u => u.UnitCode, u => u.NameVi, StringComparer.Ordinal);
                var text = new StringWriter();
                StandingsFormat.WriteCsv(text, campaign, standings, code => names.GetValueOrDefault(code, ""));
                return new Output($"standings-{campaign.Id}-{month}.csv", "text/csv; charset=utf-8", new UTF8Encoding(false).GetBytes(text.ToString()));
            }

            return new Output($"standings-{campaign.Id}-{month}.json", "application/json; charset=utf-8", Json(standings));
        }

        /// <summary>The JSON this export answers for <paramref name="month"/> of a published year (also what <c>copy-database</c> compares).</summary>
        public static byte[] Json(PublishedYear year, int month)
        {
            ArgumentNullException.ThrowIfNull(year);
            return Json(ScoringEngine.Rank(year.Campaign, year.Input(month), month));
        }

        private static byte[] Json(Standings standings)
        {
            using var memory = new MemoryStream();
            using (var json = new Utf8JsonWriter(memory, Figures.JsonOptions))
            {
                StandingsFormat.WriteJson(json, standings);
            }

            memory.Write("\n"u8);
            return memory.ToArray();
        }
    }
}
