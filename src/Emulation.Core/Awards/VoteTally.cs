using Emulation.Core.Campaigns;

namespace Emulation.Core.Awards;

/// <summary>A committee member's vote on one candidate.</summary>
public enum Vote
{
    /// <summary>For the candidate.</summary>
    Agree,
    /// <summary>Against the candidate.</summary>
    Disagree,
    /// <summary>Neither; the member still counts as present.</summary>
    Abstain,
}

/// <summary>One member's vote on a candidate.</summary>
public sealed record Ballot(string Member, Vote Vote);

/// <summary>The count of the votes on one candidate.</summary>
/// <param name="EligibleVoters">Members (the chair included) not recused.</param>
/// <param name="Present">Eligible voters who voted (abstentions included).</param>
/// <param name="Agree">Votes for.</param>
/// <param name="Disagree">Votes against.</param>
/// <param name="Abstain">Abstentions.</param>
/// <param name="ThresholdBase">What the threshold was measured against: present or eligible voters.</param>
/// <param name="Quorate">Present ÷ eligible voters ≥ quorum.</param>
/// <param name="Approved">Quorate, and agree ÷ base ≥ threshold.</param>
public sealed record TallyResult(
    int EligibleVoters,
    int Present,
    int Agree,
    int Disagree,
    int Abstain,
    int ThresholdBase,
    bool Quorate,
    bool Approved);

/// <summary>Counts a committee's votes on a candidate with exact fractions (no rounding).</summary>
public static class VoteTally
{
    /// <summary>
    /// Counts the ballots on one candidate. Ballots of recused members and of non-members are not
    /// counted.
    /// </summary>
    /// <param name="rules">The campaign's quorum, threshold and threshold base.</param>
    /// <param name="members">Every committee member, the chair included.</param>
    /// <param name="recused">Members belonging to the candidate unit: listed, not counted.</param>
    /// <param name="ballots">The votes cast, at most one per member.</param>
    /// <exception cref="ArgumentException">A member voted twice.</exception>
    public static TallyResult Count(
        CommitteeRules rules,
        IReadOnlyCollection<string> members,
        IReadOnlyCollection<string> recused,
        IReadOnlyList<Ballot> ballots)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(recused);
        ArgumentNullException.ThrowIfNull(ballots);

        var eligible = new HashSet<string>(members, StringComparer.Ordinal);
        eligible.ExceptWith(recused);

        var voted = new HashSet<string>(StringComparer.Ordinal);
        int agree = 0, disagree = 0, abstain = 0;
        foreach (var ballot in ballots)
        {
            if (!voted.Add(ballot.Member))
            {
                throw new ArgumentException($"Member {ballot.Member} voted twice.", nameof(ballots));
            }

            if (!eligible.Contains(ballot.Member))
            {
                continue;
            }

            switch (ballot.Vote)
            {
                case Vote.Agree: agree++; break;
                case Vote.Disagree: disagree++; break;
                default: abstain++; break;
            }
        }

        var present = agree + disagree + abstain;
        var quorate = eligible.Count > 0 && present >= rules.Quorum * eligible.Count;
        var @base = rules.ThresholdOf == Campaigns.ThresholdBase.Present ? present : eligible.Count;
        var approved = quorate && @base > 0 && agree >= rules.Threshold * @base;
        return new TallyResult(eligible.Count, present, agree, disagree, abstain, @base, quorate, approved);
    }
}
