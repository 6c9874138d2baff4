using Emulation.Core.Campaigns;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;

namespace Emulation.Web.Pages.Rankings;

/// <summary>The month alone, or the year to date after it.</summary>
public enum Period
{
    Year,
    Month,
}

/// <summary>What a ranking table shows: one block, every block one by one, or every unit together.</summary>
/// <param name="Month">A published month.</param>
/// <param name="Period">The month alone or the year to date.</param>
/// <param name="Block">A block's code, "overall" for every unit in one table, or null for each block in turn.</param>
/// <param name="Kind">Only units of this kind (null: every kind).</param>
public sealed record RankingView(int Month, Period Period, string? Block, string? Kind)
{
    public const string Overall = "overall";

    public bool IsOverall => Block == Overall;
}

/// <summary>A ranking table: a block (or every unit) in rank order.</summary>
public sealed record RankingTable(string? BlockCode, string Title, IReadOnlyList<RankingRow> Rows);

/// <summary>
/// One line of a ranking: rank (shared when <see cref="SharedRank"/>), the unit, its score and
/// classification, the movement since the previous published month, late months, area figures,
/// and — when its score equals the unit above but its rank is lower — the tie-break that decided.
/// </summary>
public sealed record RankingRow(
    int Rank,
    bool SharedRank,
    string UnitCode,
    string UnitName,
    string BlockCode,
    string Kind,
    decimal Score,
    string Classification,
    int? Movement,
    int LateMonths,
    IReadOnlyDictionary<string, decimal> Areas,
    TieBreak? DecidedBy,
    decimal? AboveFigure,
    decimal? OwnFigure);

/// <summary>
/// The rankings people read, from the snapshots of published months: the one projection the
/// ranking page, the public page and the spreadsheets show.
/// </summary>
public static class RankingTables
{
    /// <summary>The tables of <paramref name="view"/>; null when the block or kind is unknown for the month.</summary>
    public static IReadOnlyList<RankingTable>? Build(PublishedYear year, RankingView view)
    {
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(view);
        var units = year.Of(view.Month);
        if (units is null)
        {
            return null;
        }

        if (view.Kind is not null && !units.Any(u => u.Kind == view.Kind))
        {
            return null;
        }

        var previous = year.Of(year.PublishedMonths.LastOrDefault(m => m < view.Month));
        var campaign = year.Campaign;
        if (view.IsOverall)
        {
            var all = units.Where(u => view.Kind is null || u.Kind == view.Kind).ToList();
            return [new RankingTable(null, "", Rows(campaign, all, previous, view, overall: true))];
        }

        var blocks = units.GroupBy(u => u.BlockCode).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (view.Block is not null && blocks.All(b => b.Key != view.Block))
        {
            return null;
        }

        return
        [
            .. blocks.Where(b => view.Block is null || b.Key == view.Block)
                .Select(b => b.Where(u => view.Kind is null || u.Kind == view.Kind).ToList())
                .Where(b => b.Count > 0)
                .Select(b => new RankingTable(b[0].BlockCode, CultureText.Pick(b[0].BlockTitleVi, b[0].BlockTitleEn),
                    Rows(campaign, b, previous, view, overall: false))),
        ];
    }

    private static List<RankingRow> Rows(Campaign campaign, List<PublishedUnit> units, IReadOnlyList<PublishedUnit>? previous, RankingView view, bool overall)
    {
        var month = view.Period == Period.Month;
        int RankOf(PublishedUnit u) => (month, overall) switch
        {
            (true, true) => u.MonthOverallRank,
            (true, false) => u.MonthBlockRank,
            (false, true) => u.OverallRank,
            (false, false) => u.BlockRank,
        };
        var before = previous?.ToDictionary(u => u.UnitCode, RankOf, StringComparer.Ordinal);
        var ordered = units.OrderBy(RankOf).ThenBy(u => u.UnitCode, StringComparer.Ordinal).ToList();
        var ranks = ordered.Select(RankOf).ToList();
        var rows = new List<RankingRow>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            var unit = ordered[i];
            var rank = ranks[i];
            var shared = ranks.Count(r => r == rank) > 1;
            var score = month ? unit.MonthTotal : unit.YearScore;
            TieBreak? decidedBy = null;
            decimal? aboveFigure = null, ownFigure = null;
            if (i > 0 && ranks[i - 1] < rank)
            {
                var above = ordered[i - 1];
                if ((month ? above.MonthTotal : above.YearScore) == score)
                {
                    (decidedBy, aboveFigure, ownFigure) = Decider(campaign, above, unit, month);
                }
            }

            var areas = unit.AreaFigures().ToDictionary(a => a.Code, a => month ? a.Subtotal : a.YearMean, StringComparer.Ordinal);
            int? movement = before is not null && before.TryGetValue(unit.UnitCode, out var was) ? was - rank : null;
            rows.Add(new RankingRow(rank, shared, unit.UnitCode, CultureText.Pick(unit.NameVi, unit.NameEn), unit.BlockCode, unit.Kind, score,
                month ? unit.MonthClassification : unit.Classification, movement, month ? (unit.Late ? 1 : 0) : unit.YearLateMonths,
                areas, decidedBy, aboveFigure, ownFigure));
        }

        return rows;
    }

    /// <summary>The tie-break of the campaign's chain that put <paramref name="above"/> first, with both figures.</summary>
    private static (TieBreak?, decimal?, decimal?) Decider(Campaign campaign, PublishedUnit above, PublishedUnit unit, bool month)
    {
        foreach (var tieBreak in campaign.TieBreak)
        {
            var (a, b) = tieBreak switch
            {
                TieBreak.LowestMonth => month ? (above.MonthTotal, unit.MonthTotal) : (above.YearLowestMonth, unit.YearLowestMonth),
                _ => month ? (above.Late ? 1m : 0m, unit.Late ? 1m : 0m) : ((decimal)above.YearLateMonths, (decimal)unit.YearLateMonths),
            };
            if (a != b)
            {
                return (tieBreak, a, b);
            }
        }

        return (null, null, null);
    }
}
