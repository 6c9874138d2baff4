using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;

namespace Emulation.Core.Awards;

/// <summary>
/// The year-end award rules: for each award in file order, its groups, each candidate's
/// conditions, the quota and the units taken (ties at the quota line marked for the committee).
/// </summary>
public static class AwardRules
{
    /// <summary>
    /// Proposes every award of the campaign on the given standings (the year to date after the
    /// campaign's last month, or after an earlier month when asked). <c>excludedBy</c> looks at
    /// the selections of the awards before it.
    /// </summary>
    /// <param name="campaign">The campaign, whose awards are proposed in file order.</param>
    /// <param name="standings">The standings from <see cref="ScoringEngine.Rank"/>.</param>
    public static Proposal Propose(Campaign campaign, Standings standings)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(standings);

        // Unit → awards it holds, in file order.
        var held = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var proposals = new List<AwardProposal>(campaign.Awards.Count);
        foreach (var award in campaign.Awards)
        {
            var groups = new List<AwardGroup>();
            var candidates = new List<Candidate>(standings.Units.Count);
            foreach (var group in GroupsOf(award, standings))
            {
                var quota = Math.Max(0, award.QuotaFor(group.Members.Count));
                var selected = SelectGroup(award, group.Members, quota, held, candidates);
                groups.Add(new AwardGroup(group.Block, group.Members.Count, quota, selected));
            }

            foreach (var candidate in candidates)
            {
                if (candidate.Selected)
                {
                    if (!held.TryGetValue(candidate.Unit, out var codes))
                    {
                        held.Add(candidate.Unit, codes = []);
                    }

                    codes.Add(award.Code);
                }
            }

            proposals.Add(new AwardProposal(award.Code, groups, candidates));
        }

        return new Proposal(proposals);
    }

    /// <summary>The reasons a unit is, or is not, eligible: one per condition the award sets.</summary>
    public static IReadOnlyList<ConditionResult> Conditions(Award award, UnitStanding unit, IReadOnlyCollection<string> held)
    {
        ArgumentNullException.ThrowIfNull(award);
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(held);
        var reasons = new List<ConditionResult>(4);
        if (award.MinScore is { } minScore)
        {
            reasons.Add(new ConditionResult(ConditionResult.MinScore, minScore, unit.Score, null, null, unit.Score >= minScore));
        }

        if (award.MinMonthScore is { } minMonth)
        {
            reasons.Add(new ConditionResult(ConditionResult.MinMonthScore, minMonth, unit.LowestMonth, null, null, unit.LowestMonth >= minMonth));
        }

        if (award.MaxLateMonths is { } maxLate)
        {
            reasons.Add(new ConditionResult(ConditionResult.MaxLateMonths, maxLate, unit.LateMonths, null, null, unit.LateMonths <= maxLate));
        }

        if (award.ExcludedBy.Count > 0)
        {
            var holds = held.ToArray();
            var passed = !award.ExcludedBy.Any(code => holds.Contains(code, StringComparer.Ordinal));
            reasons.Add(new ConditionResult(ConditionResult.ExcludedBy, null, null, award.ExcludedBy, holds, passed));
        }

        return reasons;
    }

    private static int SelectGroup(
        Award award,
        List<UnitStanding> members,
        int quota,
        Dictionary<string, List<string>> held,
        List<Candidate> candidates)
    {
        var start = candidates.Count;
        var taken = 0;
        var lastRank = 0;
        var beyondQuota = false;
        var open = quota > 0;
        foreach (var unit in members)
        {
            var rank = RankIn(award, unit);
            var reasons = Conditions(award, unit, held.TryGetValue(unit.Unit, out var codes) ? codes : []);
            var eligible = reasons.All(r => r.Passed);
            var take = false;
            if (eligible && open)
            {
                if (taken < quota)
                {
                    take = true;
                }
                else if (rank == lastRank)
                {
                    take = true;
                    beyondQuota = true;
                }
                else
                {
                    open = false;
                }
            }

            if (take)
            {
                taken++;
                lastRank = rank;
            }

            candidates.Add(new Candidate(unit.Unit, unit.Block, rank, unit.Score, eligible, take, false, reasons));
        }

        if (beyondQuota)
        {
            for (var i = start; i < candidates.Count; i++)
            {
                if (candidates[i].Selected && candidates[i].Rank == lastRank)
                {
                    candidates[i] = candidates[i] with { TieAtQuota = true };
                }
            }
        }

        return taken;
    }

    private static int RankIn(Award award, UnitStanding unit) =>
        award.Scope == AwardScope.Block ? unit.BlockRank : unit.OverallRank;

    /// <summary>The award's groups, by block code (ordinal), members by rank then unit code.</summary>
    private static List<(string? Block, List<UnitStanding> Members)> GroupsOf(Award award, Standings standings)
    {
        if (award.Scope == AwardScope.Overall)
        {
            var all = standings.Units
                .OrderBy(u => u.OverallRank)
                .ThenBy(u => u.Unit, StringComparer.Ordinal)
                .ToList();
            return [(null, all)];
        }

        return standings.Units
            .GroupBy(u => u.Block, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => ((string?)g.Key, g.OrderBy(u => u.BlockRank).ThenBy(u => u.Unit, StringComparer.Ordinal).ToList()))
            .ToList();
    }
}
