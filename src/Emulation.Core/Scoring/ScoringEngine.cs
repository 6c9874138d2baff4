using Emulation.Core.Campaigns;

namespace Emulation.Core.Scoring;

/// <summary>
/// The scoring engine: month totals, the year to date, ranks per block and overall,
/// classification, and the explanation of any unit's score. Pure: records in, records out.
/// </summary>
public static class ScoringEngine
{
    /// <summary>
    /// Ranks every unit on its year to date after <paramref name="throughMonth"/> (default the
    /// campaign's last month): score, then the campaign's tie-break chain; units still equal share
    /// the rank (1, 2, 2, 4).
    /// </summary>
    /// <param name="campaign">The campaign.</param>
    /// <param name="input">The units and their final (appraised) submissions, already validated.</param>
    /// <param name="throughMonth">The last month counted; a month of the campaign.</param>
    /// <returns>The standings, in overall rank order (equal ranks by unit code, ordinal).</returns>
    /// <exception cref="ArgumentException">
    /// A unit is listed twice or has a kind without framework; a submission names an unknown unit,
    /// a month outside the campaign, or repeats a unit and month.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="throughMonth"/> is not a campaign month.</exception>
    public static Standings Rank(Campaign campaign, ScoringInput input, int? throughMonth = null)
    {
        var card = Scorecard.Build(campaign, input, throughMonth);
        return StandingsOf(card, null);
    }

    /// <summary>
    /// Ranks every unit on one month alone: the score is the month total (also the lowest month),
    /// a late or missing month counts one late month, <see cref="UnitStanding.Months"/> holds that
    /// month only and <see cref="UnitStanding.Areas"/> that month's area subtotals (clamped, not
    /// normalised, before lateness; 0 when missing). Tie-breaks apply as for the year to date.
    /// </summary>
    /// <param name="campaign">The campaign.</param>
    /// <param name="input">The units and their final (appraised) submissions, already validated.</param>
    /// <param name="month">A month of the campaign.</param>
    /// <returns>The month's standings (<see cref="Standings.ThroughMonth"/> is the month), in overall rank order.</returns>
    /// <exception cref="ArgumentException">The input is inconsistent (see <see cref="Rank"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="month"/> is not a campaign month.</exception>
    public static Standings RankMonth(Campaign campaign, ScoringInput input, int month)
    {
        var card = Scorecard.Build(campaign, input, month);
        return StandingsOf(card, month);
    }

    private static Standings StandingsOf(Scorecard card, int? month)
    {
        var campaign = card.Campaign;
        var units = card.Units;
        var keys = new RankKey[units.Length];
        for (var u = 0; u < units.Length; u++)
        {
            keys[u] = month is { } m ? card.MonthKey(u, m) : card.YearKey(u);
        }

        var (overall, overallOrder, inBlock) = RankAll(campaign, units, keys);

        var standings = new UnitStanding[units.Length];
        for (var i = 0; i < overallOrder.Length; i++)
        {
            var u = overallOrder[i];
            var plan = card.PlanOf(u);
            var firstCounted = month ?? campaign.FirstMonth;
            var months = new Dictionary<int, decimal>(card.MonthCount);
            for (var m = firstCounted; m <= card.ThroughMonth; m++)
            {
                months.Add(m, card.Totals[u * card.MonthCount + m - campaign.FirstMonth]);
            }

            var areaCount = plan.AreaGroup.Length;
            var areas = new Dictionary<string, decimal>(areaCount, StringComparer.Ordinal);
            for (var a = 0; a < areaCount; a++)
            {
                var figure = month is { } m
                    ? card.AreaSubtotals[u][(m - campaign.FirstMonth) * areaCount + a]
                    : card.AreaMeans[u][a];
                areas.Add(plan.Framework.Areas[a].Code, figure);
            }

            var key = keys[u];
            standings[i] = new UnitStanding(
                units[u].Unit, units[u].Block, units[u].Kind, key.Score, inBlock[u], overall[u],
                Classify(campaign, key.Score), key.LateMonths, key.LowestMonth, months, areas);
        }

        return new Standings(card.ThroughMonth, standings);
    }

    /// <summary>
    /// Explains one unit's score for a period: a single <paramref name="month"/>, or (when null)
    /// the year to date after <paramref name="throughMonth"/> (default the campaign's last month).
    /// A month's ranks order the units on that month's total alone (as <see cref="RankMonth"/>).
    /// </summary>
    /// <param name="campaign">The campaign.</param>
    /// <param name="input">The units and their final (appraised) submissions, already validated.</param>
    /// <param name="unit">The unit explained.</param>
    /// <param name="month">The month explained, or null for the year to date.</param>
    /// <param name="throughMonth">For the year to date, the last month counted (default the campaign's last month).</param>
    /// <exception cref="ArgumentException">The unit is not among the input's units, or the input is inconsistent (see <see cref="Rank"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A month is not a campaign month.</exception>
    public static UnitExplanation Explain(Campaign campaign, ScoringInput input, string unit, int? month = null, int? throughMonth = null)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var card = Scorecard.Build(campaign, input, month ?? throughMonth);
        if (!card.UnitIndex.TryGetValue(unit, out var index))
        {
            throw new ArgumentException($"Unit {unit} is not among the units.", nameof(unit));
        }

        var units = card.Units;
        var keys = new RankKey[units.Length];
        for (var u = 0; u < units.Length; u++)
        {
            keys[u] = month is { } m ? card.MonthKey(u, m) : card.YearKey(u);
        }

        var (overall, overallOrder, inBlock) = RankAll(campaign, units, keys);
        var overallGap = GapOf(campaign, keys, overall, overallOrder, index);
        var blockOrder = overallOrder.Where(u => units[u].Block == units[index].Block).ToArray();
        var blockGap = GapOf(campaign, keys, inBlock, blockOrder, index);

        var first = month ?? campaign.FirstMonth;
        var detail = Explainer.Explain(card, index, first, card.ThroughMonth);
        var key = keys[index];
        return new UnitExplanation(
            units[index].Unit, units[index].Block, units[index].Kind, month, card.ThroughMonth,
            key.Score, key.LateMonths, key.LowestMonth, Classify(campaign, key.Score),
            detail.Criteria,
            month is null ? detail.YearAreas(card.AreaMeans[index]) : detail.Months[0].Areas,
            detail.Deductions, detail.Months, overallGap, blockGap);
    }

    /// <summary>
    /// Scores one month of one unit on its own: every criterion's points, the area subtotals, the
    /// lateness and the month total — e.g. to show a unit its self-assessment before it submits.
    /// A null <paramref name="submission"/> is a missing month.
    /// </summary>
    /// <param name="campaign">The campaign.</param>
    /// <param name="unitKind">The unit's kind, which picks the framework.</param>
    /// <param name="month">A month of the campaign.</param>
    /// <param name="submission">The month's submission (its unit and month are not read), or null.</param>
    /// <exception cref="ArgumentException">The campaign has no framework for <paramref name="unitKind"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="month"/> is not a campaign month.</exception>
    public static MonthResult ScoreMonth(Campaign campaign, string unitKind, int month, MonthEntries? submission)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(unitKind);
        if (!campaign.HasMonth(month))
        {
            throw new ArgumentOutOfRangeException(nameof(month), month, $"Month {month} is not a month of campaign {campaign.Id}.");
        }

        const string unit = "";
        var input = new ScoringInput(
            [new Competitor(unit, unitKind, unit)],
            submission is null ? [] : [submission with { Unit = unit, Month = month }]);
        var card = Scorecard.Build(campaign, input, month);
        return Explainer.Explain(card, 0, month, month).Months[0];
    }

    /// <summary>
    /// The code of the highest classification band whose <c>min</c> ≤ <paramref name="score"/>
    /// (the lowest band's min is 0, so every score has one; an empty string only for a campaign without bands).
    /// </summary>
    public static string Classify(Campaign campaign, decimal score)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ClassificationBand? best = null;
        foreach (var band in campaign.Classification)
        {
            if (band.Min <= score && (best is null || band.Min > best.Min))
            {
                best = band;
            }
        }

        return best?.Code ?? campaign.Classification.LastOrDefault()?.Code ?? string.Empty;
    }

    /// <summary>Overall ranks and block ranks by unit index, and the overall order of unit indices.</summary>
    private static (int[] Overall, int[] Order, int[] InBlock) RankAll(Campaign campaign, Competitor[] units, RankKey[] keys)
    {
        var order = new int[units.Length];
        for (var u = 0; u < order.Length; u++)
        {
            order[u] = u;
        }

        var overallRanks = Ranking.Order(keys, order, campaign.TieBreak);
        var overall = new int[units.Length];
        for (var i = 0; i < order.Length; i++)
        {
            overall[order[i]] = overallRanks[i];
        }

        var inBlock = new int[units.Length];
        var blocks = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var u in order)
        {
            if (!blocks.TryGetValue(units[u].Block, out var members))
            {
                blocks.Add(units[u].Block, members = []);
            }

            members.Add(u);
        }

        foreach (var members in blocks.Values)
        {
            // Already in overall order, which is also the order within any block.
            var blockOrder = members.ToArray();
            var blockRanks = Ranking.Order(keys, blockOrder, campaign.TieBreak);
            for (var i = 0; i < blockOrder.Length; i++)
            {
                inBlock[blockOrder[i]] = blockRanks[i];
            }
        }

        return (overall, order, inBlock);
    }

    private static RankGap GapOf(Campaign campaign, RankKey[] keys, int[] ranks, int[] order, int unit)
    {
        var rank = ranks[unit];
        var position = Array.IndexOf(order, unit);
        for (var i = position - 1; i >= 0; i--)
        {
            var above = order[i];
            if (ranks[above] < rank)
            {
                var gap = keys[above].Score - keys[unit].Score;
                return new RankGap(rank, keys[above].Unit, keys[above].Score, gap,
                    gap == 0m ? Ranking.Decider(keys[above], keys[unit], campaign.TieBreak) : null);
            }
        }

        return new RankGap(rank, null, null, null, null);
    }
}
