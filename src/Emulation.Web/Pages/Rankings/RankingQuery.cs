using System.Globalization;
using Emulation.Web.Infrastructure;

namespace Emulation.Web.Pages.Rankings;

/// <summary>What a ranking page shows: the campaign, the published months to choose from, the view and its tables.</summary>
/// <param name="View">The view asked for; null when nothing is published yet (or the month asked for is not).</param>
/// <param name="Tables">The tables; null when the view names an unknown block or kind.</param>
public sealed record Result(
    string CampaignId,
    string CampaignTitle,
    int Year,
    IReadOnlyList<int> PublishedMonths,
    IReadOnlyList<int> CampaignMonths,
    RankingView? View,
    IReadOnlyList<RankingTable>? Tables,
    IReadOnlyList<(string Code, string Title)> Blocks,
    IReadOnlyList<(string Code, string Title)> Kinds,
    IReadOnlyList<(string Code, string Title)> Areas,
    IReadOnlyDictionary<string, (string Title, decimal Min)> Classifications,
    DateTime? PublishedAtUtc,
    int? RequestedMonth);

/// <summary>The query the ranking page and the public page share.</summary>
public static class RankingQuery
{
    /// <summary>"year" (default) or "month"; null for anything else.</summary>
    public static Period? Period(string? text) => text switch
    {
        null or "" or "year" => Rankings.Period.Year,
        "month" => Rankings.Period.Month,
        _ => null,
    };

    public static async Task<Result> Run(CampaignCatalog catalog, BusinessClock clock, PublishedResults results,
        int? month, Period period, string? block, string? kind, CancellationToken ct)
    {
        var campaign = catalog.Current(clock.Today) ?? throw new NotFoundException();
        if (month is { } asked && !campaign.HasMonth(asked))
        {
            throw new NotFoundException();
        }

        var year = await results.Year(campaign, ct);
        var culture = CultureInfo.CurrentUICulture;
        var chosen = month ?? year.LastMonth;
        var units = chosen is { } m ? year.Of(m) : null;
        var view = units is null ? null : new RankingView(chosen!.Value, period, string.IsNullOrEmpty(block) ? null : block, string.IsNullOrEmpty(kind) ? null : kind);
        var blocks = (units ?? year.Of(year.LastMonth ?? 0) ?? [])
            .GroupBy(u => u.BlockCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, CultureText.Pick(g.First().BlockTitleVi, g.First().BlockTitleEn))).ToList();
        var kinds = campaign.UnitKinds.Select(k => (k.Code, k.Title.For(culture))).ToList();
        var areas = campaign.UnitKinds.Select(k => campaign.FrameworkFor(k.Code)).OfType<Emulation.Core.Campaigns.Framework>()
            .SelectMany(f => f.Areas).GroupBy(a => a.Code).Select(g => (g.Key, g.First().Title.For(culture))).ToList();
        return new Result(
            campaign.Id, campaign.Title.For(culture), campaign.Year, year.PublishedMonths, [.. campaign.Months],
            view, view is null ? null : RankingTables.Build(year, view), blocks, kinds, areas,
            campaign.Classification.ToDictionary(c => c.Code, c => (c.Title.For(culture), c.Min)),
            chosen is { } p && year.Publications.TryGetValue(p, out var publication) ? publication.PublishedAtUtc : null,
            month);
    }
}
