using System.Globalization;
using Emulation.Core.Campaigns;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Rankings;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Charts;

/// <summary>
/// The charts' figures, read from the published snapshots (<see cref="PublishedYear"/>) and the
/// ranking tables: a chart never computes a score of its own, it shows the one people read in
/// the rankings. Only a unit's self totals come from its submissions (<see cref="SelfTotals"/>).
/// </summary>
public static class ChartFigures
{
    /// <summary>A block's ranking (or the overall one) as horizontal bars, in rank order.</summary>
    public static ChartModel Ranking(RankingTable table, RankingView view, int year, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(text);
        var month = view.Period == Period.Month;
        var title = table.BlockCode is null ? text["Rankings.Overall"].Value : table.Title;
        var scoreName = month ? text["Rankings.MonthScore"] : text["Rankings.YearScore"];
        var period = month ? text["Chart.Ranking.Month", view.Month, year] : text["Chart.Ranking.Year", view.Month, year];
        return new ChartModel(
            "ranking-" + (table.BlockCode ?? RankingView.Overall),
            ChartKind.HorizontalBar,
            ChartFormat.Points,
            text["Chart.Ranking.Title", title, period],
            text["Chart.Ranking.Label", title, period],
            text["Rankings.Unit"],
            [.. table.Rows.Select(r => $"{r.Rank.ToString(CultureInfo.CurrentCulture)}. {r.UnitName}")],
            [new ChartSeries(scoreName, [.. table.Rows.Select(r => (decimal?)r.Score)])])
        { FiguresBeside = true };
    }

    /// <summary>
    /// A unit's month totals over the campaign: its self totals (when the reader may see them),
    /// the appraised totals published, and its block's average of the published totals.
    /// </summary>
    public static ChartModel Trend(PublishedYear year, string unitCode, string unitName, IReadOnlyDictionary<int, decimal>? self, IStringLocalizer text,
        string id = "trend", bool small = false)
    {
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(text);
        var campaign = year.Campaign;
        var last = new[] { year.LastMonth ?? campaign.FirstMonth, self is { Count: > 0 } ? self.Keys.Max() : campaign.FirstMonth }.Max();
        var months = campaign.Months.Where(m => m <= last).ToList();
        var appraised = new List<decimal?>(months.Count);
        var average = new List<decimal?>(months.Count);
        foreach (var month in months)
        {
            var units = year.Of(month);
            var own = units?.FirstOrDefault(u => u.UnitCode == unitCode);
            appraised.Add(own?.MonthTotal);
            average.Add(own is null ? null : Average(units!.Where(u => u.BlockCode == own.BlockCode).Select(u => u.MonthTotal)));
        }

        var series = new List<ChartSeries>();
        if (self is not null)
        {
            series.Add(new ChartSeries(text["Chart.Trend.Self"], [.. months.Select(m => self.TryGetValue(m, out var v) ? v : (decimal?)null)]));
        }

        series.Add(new ChartSeries(text["Chart.Trend.Appraised"], appraised, Wide: self is not null));
        series.Add(new ChartSeries(text["Explain.BlockAverage"], average, Line: true, Dashed: true));
        return new ChartModel(id, ChartKind.Line, ChartFormat.Points,
            text["Chart.Trend.Title", campaign.Year],
            text["Chart.Trend.Label", unitName, campaign.Year],
            text["Home.Month"],
            [.. months.Select(m => MonthLabel(campaign, m))],
            series)
        { Small = small };
    }

    /// <summary>The unit's year-to-date area means after the last published month, against its block's average.</summary>
    public static ChartModel? AreaProfile(PublishedYear year, string unitCode, string unitName, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(text);
        if (year.LastMonth is not { } month || year.Of(month)?.FirstOrDefault(u => u.UnitCode == unitCode) is not { } unit)
        {
            return null;
        }

        var framework = year.Campaign.FrameworkFor(unit.Kind);
        if (framework is null)
        {
            return null;
        }

        var own = unit.AreaFigures().ToDictionary(a => a.Code, a => a.YearMean, StringComparer.Ordinal);
        var block = year.Of(month)!.Where(u => u.BlockCode == unit.BlockCode).Select(u => u.AreaFigures()).ToList();
        var culture = CultureInfo.CurrentUICulture;
        return new ChartModel("area-profile", ChartKind.Bar, ChartFormat.Points,
            text["Chart.Areas.Title", month, year.Campaign.Year],
            text["Chart.Areas.Label", unitName, month, year.Campaign.Year],
            text["Admin.Area"],
            [.. framework.Areas.Select(a => text["Rankings.AreaShort", a.Code].Value)],
            [
                new ChartSeries(unitName, [.. framework.Areas.Select(a => own.TryGetValue(a.Code, out var v) ? v : (decimal?)null)]),
                new ChartSeries(text["Explain.BlockAverage"], [.. framework.Areas.Select(a => Average(block.SelectMany(f => f).Where(f => f.Code == a.Code).Select(f => f.YearMean)))]),
            ])
        { LongLabels = [.. framework.Areas.Select(a => $"{a.Code}. {a.Title.For(culture)}")] };
    }

    /// <summary>
    /// The share of one-stop applications resolved on time or early, month by month, for the unit
    /// and for the whole province (every published unit's applications added up), from the
    /// appraised figures of area 8's ratio criterion. Null when the unit's framework has none.
    /// </summary>
    public static ChartModel? OneStop(PublishedYear year, string unitCode, string unitName, string unitKind, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(year);
        ArgumentNullException.ThrowIfNull(text);
        var campaign = year.Campaign;
        if (campaign.FrameworkFor(unitKind) is not { } framework || OnTimeCriterion(framework) is null)
        {
            return null;
        }

        var months = year.PublishedMonths;
        if (months.Count == 0)
        {
            return null;
        }

        var own = new List<decimal?>(months.Count);
        var province = new List<decimal?>(months.Count);
        foreach (var month in months)
        {
            decimal resolved = 0, onTime = 0;
            decimal? unitRate = null;
            foreach (var unit in year.Of(month)!.Where(u => !u.Missing))
            {
                if (Applications(campaign, unit) is not { } figures)
                {
                    continue;
                }

                onTime += figures.OnTime;
                resolved += figures.Resolved;
                if (unit.UnitCode == unitCode && figures.Resolved > 0)
                {
                    unitRate = Percent(figures.OnTime, figures.Resolved);
                }
            }

            own.Add(unitRate);
            province.Add(resolved > 0 ? Percent(onTime, resolved) : null);
        }

        return new ChartModel("one-stop", ChartKind.Line, ChartFormat.Percent,
            text["Chart.OneStop.Title", campaign.Year],
            text["Chart.OneStop.Label", unitName, campaign.Year],
            text["Home.Month"],
            [.. months.Select(m => MonthLabel(campaign, m))],
            [new ChartSeries(unitName, own), new ChartSeries(text["Chart.OneStop.Province"], province, Dashed: true)],
            Max: 100m);
    }

    /// <summary>
    /// Area 8's criterion "applications resolved on time or early ÷ applications resolved": the
    /// area's first ratio leaf (8.2.1.1 in the 2017 campaign, in every framework).
    /// </summary>
    public static Criterion? OnTimeCriterion(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        static IEnumerable<Criterion> Leaves(IEnumerable<Criterion> criteria) =>
            criteria.SelectMany(c => c.IsLeaf ? [c] : Leaves(c.Children));
        return framework.Areas.FirstOrDefault(a => a.Code == OneStopArea) is { } area
            ? Leaves(area.Criteria).FirstOrDefault(c => c.Method is RatioMethod)
            : null;
    }

    /// <summary>The area of the one-stop mechanism.</summary>
    public const string OneStopArea = "8";

    /// <summary>"01/2017": short enough for an axis, the same in both languages.</summary>
    public static string MonthLabel(Campaign campaign, int month)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        return $"{month:00}/{campaign.Year}";
    }

    /// <summary>The average rounded as the explanation page rounds it (two decimals, half away from zero).</summary>
    public static decimal? Average(IEnumerable<decimal> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : decimal.Round(list.Average(), 2, MidpointRounding.AwayFromZero);
    }

    private static decimal Percent(decimal part, decimal whole) => decimal.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    private static (decimal OnTime, decimal Resolved)? Applications(Campaign campaign, PublishedUnit unit)
    {
        if (campaign.FrameworkFor(unit.Kind) is not { } framework || OnTimeCriterion(framework) is not { } criterion)
        {
            return null;
        }

        var entry = unit.Entries.FirstOrDefault(e => e.Criterion == criterion.Code);
        return entry is not null && EntryCheck.Value(criterion, entry.Value, entry.Denominator, out var value) is null && value.Denominator is { } resolved
            ? (value.Number, resolved)
            : null;
    }
}
