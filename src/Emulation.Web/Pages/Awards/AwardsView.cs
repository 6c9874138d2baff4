using System.Security.Claims;
using Emulation.Core.Awards;
using Emulation.Core.Campaigns;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Proposal = Emulation.Web.Domain.Proposal;

namespace Emulation.Web.Pages.Awards;

/// <summary>What <c>/Awards</c> shows: the campaign, its current proposal seen by the reader, the replaced ones and the council's progress.</summary>
public sealed record AwardsView(
    string CampaignTitle,
    int Year,
    int LastMonth,
    int? LastPublished,
    ProposalView? Current,
    IReadOnlyList<Replaced> Void,
    IReadOnlyList<Difference> Differences,
    IReadOnlyList<SeatProgress> Progress,
    CommitteeSeat? Me,
    bool IsChair,
    bool IsAdministrator)
{
    public bool MayVote => Me is not null && Current?.Status == ProposalStatus.Voting;

    public bool MayClose => IsChair && Current?.Status == ProposalStatus.Voting;

    public bool MayConfirm => IsChair && Current?.Status == ProposalStatus.Closed;

    public bool MayForce => IsAdministrator && Current is null && LastPublished is not null;

    public static AwardsView Build(Campaign campaign, Proposal? current, Proposal? previous, IReadOnlyList<Proposal> voided,
        IReadOnlyList<CommitteeSeat> seats, string me, ClaimsPrincipal user, int? lastPublished)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(seats);
        ArgumentNullException.ThrowIfNull(user);
        var seat = user.IsInRole(Roles.CommitteeChair) || user.IsInRole(Roles.CommitteeMember) ? seats.FirstOrDefault(s => s.Name == me) : null;
        var view = current is null ? null : ProposalView.From(campaign, current, seat);
        var progress = current is null
            ? []
            : seats.Select(s =>
            {
                var of = current.Candidates.Count(c => c.Selected && !c.IsRecused(s));
                var voted = current.Votes.Count(v => v.Member == s.Name);
                return new SeatProgress(s.Name, s.Chair, s.Unit, voted, of);
            }).ToList();
        return new AwardsView(CultureText.Pick(campaign.Title.Vi, campaign.Title.En), campaign.Year, campaign.LastMonth, lastPublished, view,
            [.. voided.Select(p => new Replaced(p.Number, p.ThroughMonth, p.GeneratedAtUtc, p.VoidedAtUtc, p.Votes.Count))],
            current is null || previous is null ? [] : Difference.Between(previous, current),
            progress, seat, user.IsInRole(Roles.CommitteeChair), user.IsInRole(Roles.Administrator));
    }
}

/// <summary>A proposal as the reader sees it: awards, groups, candidates, with the reader's own votes.</summary>
public sealed record ProposalView(
    int Id,
    int Number,
    int ThroughMonth,
    bool Forced,
    string? ForcedReason,
    string? Because,
    ProposalStatus Status,
    int Version,
    string GeneratedBy,
    DateTime GeneratedAtUtc,
    string? ClosedBy,
    DateTime? ClosedAtUtc,
    string? DecidedBy,
    DateTime? DecidedAtUtc,
    CommitteeRules Rules,
    IReadOnlyList<AwardView> Awards)
{
    public bool Counted => Status is ProposalStatus.Closed or ProposalStatus.Decided;

    public static ProposalView From(Campaign campaign, Proposal proposal, CommitteeSeat? seat)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(proposal);
        var mine = seat is null ? [] : proposal.Votes.Where(v => v.Member == seat.Name).ToDictionary(v => v.CandidateId, v => v.Choice);
        var awards = proposal.AwardList().Select(a => new AwardView(a.Code, CultureText.Pick(a.TitleVi, a.TitleEn),
            [
                .. a.Groups.Select(g => new GroupView(g.Block, CultureText.Pick(g.TitleVi, g.TitleEn), g.Size, g.Quota, g.Selected,
                [
                    .. proposal.Candidates.Where(c => c.Award == a.Code && (g.Block is null || c.Block == g.Block)).OrderBy(c => c.Position)
                        .Select(c => CandidateRow.From(campaign, c, seat, mine.TryGetValue(c.Id, out var v) ? v : null)),
                ])),
            ])).ToList();
        return new ProposalView(proposal.Id, proposal.Number, proposal.ThroughMonth, proposal.Forced, proposal.ForcedReason, proposal.Because,
            proposal.Status, proposal.Version, proposal.GeneratedBy, proposal.GeneratedAtUtc, proposal.ClosedBy, proposal.ClosedAtUtc,
            proposal.DecidedBy, proposal.DecidedAtUtc, proposal.Rules, awards);
    }
}

public sealed record AwardView(string Code, string Title, IReadOnlyList<GroupView> Groups);

public sealed record GroupView(string? Block, string Title, int Size, int Quota, int Selected, IReadOnlyList<CandidateRow> Candidates);

/// <summary>One candidate: the rules' figures, the unit's year, the reader's vote (or recusal) and, once counted, the tally.</summary>
public sealed record CandidateRow(
    int Id,
    string Unit,
    string Name,
    int Rank,
    decimal Score,
    string Classification,
    IReadOnlyDictionary<int, decimal> Months,
    int LateMonths,
    bool Eligible,
    bool Selected,
    bool TieAtQuota,
    IReadOnlyList<ConditionResult> Conditions,
    Vote? MyVote,
    bool RecusedMe,
    IReadOnlyList<string> Recused,
    int? EligibleVoters,
    int? Present,
    int? Agree,
    int? Disagree,
    int? Abstain,
    CandidateOutcome? Outcome)
{
    public static CandidateRow From(Campaign campaign, ProposalCandidate c, CommitteeSeat? seat, Vote? mine)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(c);
        var band = campaign.Classification.FirstOrDefault(b => b.Code == c.Classification);
        return new CandidateRow(c.Id, c.UnitCode, CultureText.Pick(c.NameVi, c.NameEn), c.Rank, c.Score,
            band is null ? c.Classification : CultureText.Pick(band.Title.Vi, band.Title.En), c.MonthTotals(), c.LateMonths,
            c.Eligible, c.Selected, c.TieAtQuota, c.Conditions(), mine, seat is not null && c.IsRecused(seat), c.RecusedMembers,
            c.EligibleVoters, c.Present, c.Agree, c.Disagree, c.Abstain, c.Outcome);
    }
}

/// <summary>A council seat's progress: how many of the candidates it may vote on it has voted on (not how).</summary>
public sealed record SeatProgress(string Name, bool Chair, string? Unit, int Voted, int Of)
{
    public bool Done => Of > 0 && Voted >= Of;
}

/// <summary>A proposal a newer one replaced: its votes are void.</summary>
public sealed record Replaced(int Number, int ThroughMonth, DateTime GeneratedAtUtc, DateTime? VoidedAtUtc, int Votes);

/// <summary>What changed for one unit and award between the replaced proposal and the current one.</summary>
public sealed record Difference(string Award, string Unit, string Name, int? RankBefore, int? RankNow, decimal? ScoreBefore, decimal? ScoreNow,
    bool SelectedBefore, bool SelectedNow)
{
    public static IReadOnlyList<Difference> Between(Proposal before, Proposal now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(now);
        var old = before.Candidates.ToDictionary(c => (c.Award, c.UnitCode));
        var result = new List<Difference>();
        foreach (var c in now.Candidates.OrderBy(c => c.Position))
        {
            var o = old.GetValueOrDefault((c.Award, c.UnitCode));
            if (o is null || o.Rank != c.Rank || o.Score != c.Score || o.Selected != c.Selected)
            {
                result.Add(new Difference(c.Award, c.UnitCode, CultureText.Pick(c.NameVi, c.NameEn), o?.Rank, c.Rank, o?.Score, c.Score, o?.Selected ?? false, c.Selected));
            }

            old.Remove((c.Award, c.UnitCode));
        }

        result.AddRange(old.Values.Select(o => new Difference(o.Award, o.UnitCode, CultureText.Pick(o.NameVi, o.NameEn), o.Rank, null, o.Score, null, o.Selected, false)));
        return result;
    }
}
