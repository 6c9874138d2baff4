using System.Globalization;
using System.Text.Json;
using Emulation.Core.Awards;
using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;
using EngineProposal = Emulation.Core.Awards.Proposal;

namespace Emulation.Web.Domain;

/// <summary>Where a proposal stands: members vote, the chair closes the vote, then confirms the decision.</summary>
public enum ProposalStatus
{
    /// <summary>Members vote on the selected candidates and may change their votes.</summary>
    Voting,
    /// <summary>The chair closed the vote: the tally is counted, the decision waits for the chair's confirmation.</summary>
    Closed,
    /// <summary>The chair confirmed the decision: frozen, published, its documents exported.</summary>
    Decided,
    /// <summary>A newer proposal replaced it (the published figures changed): its votes are void.</summary>
    Void,
}

/// <summary>What the council decided for one selected candidate.</summary>
public enum CandidateOutcome
{
    Approved,
    Rejected,
    NotQuorate,
}

/// <summary>A seat of the council when its vote was closed: the member's user name, whether the chair, the unit the member belongs to.</summary>
public sealed record CommitteeSeat(string Name, bool Chair, string? Unit);

/// <summary>What a unit was called when the proposal was made (the snapshots keep the names of their time).</summary>
public sealed record ProposedUnit(int UnitId, string NameVi, string NameEn, string BlockTitleVi, string BlockTitleEn);

/// <summary>One award of a proposal as stored: its titles and its groups with their quotas.</summary>
public sealed record ProposedAward(string Code, string TitleVi, string TitleEn, IReadOnlyList<ProposedGroup> Groups);

/// <summary>A group of an award (a block, or every unit): size, quota and units taken.</summary>
public sealed record ProposedGroup(string? Block, string TitleVi, string TitleEn, int Size, int Quota, int Selected);

/// <summary>
/// The year-end proposal (đề nghị khen thưởng) the council votes on: the award rules' candidates
/// on the published snapshots up to <see cref="ThroughMonth"/>, frozen once generated. Members
/// vote on the selected candidates until the chair closes the vote; the tally follows
/// <see cref="VoteTally"/> exactly with the campaign's rules as they were when it was made; the
/// chair confirms and the decision is frozen. A newer proposal (the published figures changed)
/// makes this one void, votes and all. Every transition refuses an illegal move with a
/// <see cref="DomainException"/>, records its audit line and moves <see cref="Version"/> on.
/// </summary>
public sealed class Proposal : IAudited
{
    public const int MaxReasonLength = 2000;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly List<ProposalCandidate> candidates = [];
    private readonly List<ProposalVote> votes = [];
    private readonly List<AuditRecord> audit = [];

    private Proposal(string campaignId, string campaignTitleVi, string campaignTitleEn, int year, int number, int throughMonth, int lastMonth,
        string basis, string generatedBy, DateTime generatedAtUtc)
    {
        CampaignId = campaignId;
        CampaignTitleVi = campaignTitleVi;
        CampaignTitleEn = campaignTitleEn;
        Year = year;
        Number = number;
        ThroughMonth = throughMonth;
        LastMonth = lastMonth;
        Basis = basis;
        GeneratedBy = generatedBy;
        GeneratedAtUtc = generatedAtUtc;
        Awards = "[]";
    }

    public int Id { get; private set; }
    public string CampaignId { get; private set; }
    public string CampaignTitleVi { get; private set; }
    public string CampaignTitleEn { get; private set; }
    public int Year { get; private set; }

    /// <summary>1 for the campaign's first proposal, one more for each regenerated one.</summary>
    public int Number { get; private set; }

    /// <summary>The year to date runs to this month: the campaign's last, or the last published when forced earlier.</summary>
    public int ThroughMonth { get; private set; }

    /// <summary>The campaign's last month when the proposal was made.</summary>
    public int LastMonth { get; private set; }

    /// <summary>An administrator made it before the campaign's last month was published.</summary>
    public bool Forced { get; private set; }

    /// <summary>Why the administrator forced it.</summary>
    public string? ForcedReason { get; private set; }

    /// <summary>Why it replaced the one before (a month published again), or null for a first proposal.</summary>
    public string? Because { get; private set; }

    /// <summary>The proposal it replaced, whose votes are void.</summary>
    public int? PreviousId { get; private set; }

    /// <summary>The publications it was made from: <c>month:number</c> of each month counted, e.g. <c>1:1 2:1 … 10:2</c>.</summary>
    public string Basis { get; private set; }

    public string GeneratedBy { get; private set; }
    public DateTime GeneratedAtUtc { get; private set; }

    /// <summary>The council's rules when the proposal was made.</summary>
    public decimal Quorum { get; private set; }

    public decimal Threshold { get; private set; }
    public ThresholdBase ThresholdOf { get; private set; }

    /// <summary>The awards in file order with their titles and groups, as JSON (<see cref="ProposedAward"/>[]).</summary>
    public string Awards { get; private set; }

    public ProposalStatus Status { get; private set; }

    /// <summary>Moves on with every change, votes included; a form carries the version it showed.</summary>
    public int Version { get; private set; }

    public string? ClosedBy { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }

    /// <summary>The council's seats when the vote was closed, as JSON (<see cref="CommitteeSeat"/>[]).</summary>
    public string? Committee { get; private set; }

    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAtUtc { get; private set; }
    public DateTime? VoidedAtUtc { get; private set; }

    public IReadOnlyList<ProposalCandidate> Candidates => candidates;
    public IReadOnlyList<ProposalVote> Votes => votes;

    public string AuditName => $"proposal:{CampaignId}/{Number}";

    public CommitteeRules Rules => new(Quorum, Threshold, ThresholdOf);

    public IReadOnlyList<ProposedAward> AwardList() => JsonSerializer.Deserialize<List<ProposedAward>>(Awards, Json) ?? [];

    public IReadOnlyList<CommitteeSeat> Seats() => Committee is null ? [] : JsonSerializer.Deserialize<List<CommitteeSeat>>(Committee, Json) ?? [];

    public IReadOnlyList<AuditRecord> TakeAuditRecords()
    {
        var taken = audit.ToList();
        audit.Clear();
        return taken;
    }

    /// <summary>
    /// Makes a proposal from the award rules' output on <paramref name="standings"/>.
    /// <paramref name="forcedReason"/> is required when the year to date stops before the campaign's
    /// last month (an administrator forces it); <paramref name="previous"/> is the proposal it replaces.
    /// </summary>
    public static Proposal Generate(Campaign campaign, Standings standings, EngineProposal engine, IReadOnlyDictionary<string, ProposedUnit> units,
        string basis, int number, Proposal? previous, string? forcedReason, string? because, string who, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(standings);
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentException.ThrowIfNullOrWhiteSpace(who);
        var forced = standings.ThroughMonth < campaign.LastMonth;
        forcedReason = string.IsNullOrWhiteSpace(forcedReason) ? null : forcedReason.Trim();
        if (forced && forcedReason is null)
        {
            throw new DomainException("Proposal.ReasonRequired");
        }

        if (forcedReason?.Length > MaxReasonLength)
        {
            throw new DomainException("Reason.TooLong", "", MaxReasonLength);
        }

        var proposal = new Proposal(campaign.Id, campaign.Title.Vi, campaign.Title.En, campaign.Year, number, standings.ThroughMonth, campaign.LastMonth,
            basis, who, utcNow)
        {
            Forced = forced,
            ForcedReason = forced ? forcedReason : null,
            Because = because,
            PreviousId = previous?.Id,
            Quorum = campaign.Committee.Quorum,
            Threshold = campaign.Committee.Threshold,
            ThresholdOf = campaign.Committee.ThresholdOf,
            Status = ProposalStatus.Voting,
        };

        var awards = new List<ProposedAward>();
        var position = 0;
        foreach (var award in engine.Awards)
        {
            var definition = campaign.FindAward(award.Award)!;
            var groups = award.Groups.Select(g =>
            {
                var sample = g.Block is null ? null : award.Candidates.FirstOrDefault(c => c.Block == g.Block);
                var unit = sample is null ? null : units.GetValueOrDefault(sample.Unit);
                return new ProposedGroup(g.Block, unit?.BlockTitleVi ?? g.Block ?? "", unit?.BlockTitleEn ?? g.Block ?? "", g.Size, g.Quota, g.Selected);
            }).ToList();
            awards.Add(new ProposedAward(award.Award, definition.Title.Vi, definition.Title.En, groups));
            foreach (var c in award.Candidates)
            {
                var standing = standings.Find(c.Unit)!;
                var unit = units.GetValueOrDefault(c.Unit);
                proposal.candidates.Add(new ProposalCandidate(award.Award, position++, c, standing,
                    unit ?? new ProposedUnit(0, c.Unit, c.Unit, c.Block, c.Block)));
            }
        }

        proposal.Awards = JsonSerializer.Serialize(awards, Json);
        var selected = proposal.candidates.Count(c => c.Selected);
        proposal.Record(previous is null ? (forced ? "proposal.forced" : "proposal.generated") : "proposal.regenerated", who, utcNow,
            previous is null ? null : $"proposal {previous.Number}",
            $"proposal {number}, through month {standings.ThroughMonth}, {selected} selected",
            forced ? forcedReason : because);
        return proposal;
    }

    /// <summary>The award rules' output as the engine gave it, rebuilt from what is stored: what <c>emulation awards</c> prints.</summary>
    public EngineProposal ToEngine()
    {
        var byAward = candidates.OrderBy(c => c.Position).GroupBy(c => c.Award).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return new EngineProposal(
        [
            .. AwardList().Select(a => new AwardProposal(
                a.Code,
                [.. a.Groups.Select(g => new AwardGroup(g.Block, g.Size, g.Quota, g.Selected))],
                [.. byAward.GetValueOrDefault(a.Code, []).Select(c => c.ToEngine())])),
        ]);
    }

    /// <summary>
    /// A member's vote on a selected candidate, changed as often as wished until the vote closes.
    /// The same vote again changes nothing (and records nothing): a vote is counted once.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    public bool Cast(int candidateId, CommitteeSeat seat, Vote vote, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(seat);
        RequireVoting();
        var candidate = candidates.FirstOrDefault(c => c.Id == candidateId)
            ?? throw new DomainException("Vote.OtherProposal", Number);
        if (!candidate.Selected)
        {
            throw new DomainException("Vote.NotSelected", candidate.NameVi, candidate.AwardTitle(this));
        }

        if (candidate.IsRecused(seat))
        {
            throw new DomainException("Vote.Recused", candidate.NameVi);
        }

        var existing = votes.FirstOrDefault(v => v.CandidateId == candidateId && v.Member == seat.Name);
        if (existing?.Choice == vote)
        {
            return false;
        }

        var entity = $"{AuditName}/{candidate.Award}/{candidate.UnitCode}";
        if (existing is null)
        {
            votes.Add(new ProposalVote(candidateId, seat.Name, vote, utcNow));
            audit.Add(new AuditRecord("vote.cast", seat.Name, utcNow, entity, null, vote.ToString(), null, candidate.UnitId == 0 ? null : candidate.UnitId, ThroughMonth));
        }
        else
        {
            audit.Add(new AuditRecord("vote.changed", seat.Name, utcNow, entity, existing.Choice.ToString(), vote.ToString(), null, candidate.UnitId == 0 ? null : candidate.UnitId, ThroughMonth));
            existing.Change(vote, utcNow);
        }

        Version++;
        return true;
    }

    /// <summary>
    /// The chair closes the vote: each selected candidate's votes are counted by
    /// <see cref="VoteTally.Count"/> with the council's <paramref name="seats"/> as they are now
    /// (members belonging to the candidate's unit recused); the seats are kept for the minutes.
    /// </summary>
    public void Close(IReadOnlyList<CommitteeSeat> seats, string who, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(seats);
        RequireVoting();
        if (votes.Count == 0)
        {
            throw new DomainException("Close.NoVotes");
        }

        var members = seats.Select(s => s.Name).ToList();
        var rules = Rules;
        foreach (var candidate in candidates.Where(c => c.Selected))
        {
            var recused = seats.Where(candidate.IsRecused).Select(s => s.Name).ToList();
            var ballots = votes.Where(v => v.CandidateId == candidate.Id).Select(v => new Ballot(v.Member, v.Choice)).ToList();
            candidate.Count(VoteTally.Count(rules, members, recused, ballots), recused);
        }

        Committee = JsonSerializer.Serialize(seats, Json);
        Status = ProposalStatus.Closed;
        ClosedBy = who;
        ClosedAtUtc = utcNow;
        Version++;
        var counted = candidates.Where(c => c.Outcome is not null).ToList();
        Record("proposal.closed", who, utcNow, nameof(ProposalStatus.Voting), nameof(ProposalStatus.Closed),
            string.Create(CultureInfo.InvariantCulture, $"approved {counted.Count(c => c.Outcome == CandidateOutcome.Approved)}, rejected {counted.Count(c => c.Outcome == CandidateOutcome.Rejected)}, not quorate {counted.Count(c => c.Outcome == CandidateOutcome.NotQuorate)}; {votes.Count} votes"));
    }

    /// <summary>The chair confirms the closed vote's outcome: the decision is frozen and published.</summary>
    public void Confirm(string who, DateTime utcNow)
    {
        if (Status != ProposalStatus.Closed)
        {
            throw new DomainException(Status == ProposalStatus.Voting ? "Confirm.NotClosed" : StateKey(), Number);
        }

        Status = ProposalStatus.Decided;
        DecidedBy = who;
        DecidedAtUtc = utcNow;
        Version++;
        var approved = candidates.Where(c => c.Outcome == CandidateOutcome.Approved).Select(c => $"{c.Award}:{c.UnitCode}");
        Record("proposal.decided", who, utcNow, nameof(ProposalStatus.Closed), string.Join(", ", approved), null);
    }

    /// <summary>A newer proposal replaces this one: its votes are void. A confirmed decision is never replaced.</summary>
    public void Supersede(int by, string who, DateTime utcNow)
    {
        if (Status is ProposalStatus.Decided or ProposalStatus.Void)
        {
            throw new DomainException(StateKey(), Number);
        }

        var was = Status;
        Status = ProposalStatus.Void;
        VoidedAtUtc = utcNow;
        Version++;
        Record("proposal.voided", who, utcNow, was.ToString(), nameof(ProposalStatus.Void), $"replaced by proposal {by}; {votes.Count} votes void");
    }

    private void RequireVoting()
    {
        if (Status != ProposalStatus.Voting)
        {
            throw new DomainException(StateKey(), Number);
        }
    }

    private string StateKey() => Status switch
    {
        ProposalStatus.Closed => "Proposal.Closed",
        ProposalStatus.Decided => "Proposal.Decided",
        ProposalStatus.Void => "Proposal.Void",
        _ => "Proposal.Voting",
    };

    private void Record(string action, string who, DateTime utcNow, string? oldValue, string? newValue, string? reason) =>
        audit.Add(new AuditRecord(action, who, utcNow, AuditName, oldValue, newValue, reason, null, ThroughMonth));
}

/// <summary>
/// A unit considered for an award in a proposal: the award rules' candidate (rank, score, each
/// condition), the unit's year-to-date figures for the committee, and — once the vote is closed —
/// the tally and the outcome.
/// </summary>
public sealed class ProposalCandidate
{
    private ProposalCandidate()
    {
        Award = UnitCode = NameVi = NameEn = Kind = Block = BlockTitleVi = BlockTitleEn = Classification = Reasons = Months = "";
    }

    internal ProposalCandidate(string award, int position, Candidate candidate, UnitStanding standing, ProposedUnit unit)
        : this()
    {
        Award = award;
        Position = position;
        UnitCode = candidate.Unit;
        UnitId = unit.UnitId;
        NameVi = unit.NameVi;
        NameEn = unit.NameEn;
        Kind = standing.Kind;
        Block = candidate.Block;
        BlockTitleVi = unit.BlockTitleVi;
        BlockTitleEn = unit.BlockTitleEn;
        Rank = candidate.Rank;
        Score = candidate.Score;
        Eligible = candidate.Eligible;
        Selected = candidate.Selected;
        TieAtQuota = candidate.TieAtQuota;
        Reasons = JsonSerializer.Serialize(candidate.Reasons.Select(r => new StoredReason(r.Condition, r.Required, r.Actual, r.RequiredCodes, r.ActualCodes, r.Passed)), Proposal.Json);
        Classification = standing.Classification;
        LateMonths = standing.LateMonths;
        LowestMonth = standing.LowestMonth;
        Months = JsonSerializer.Serialize(standing.Months.OrderBy(m => m.Key).ToDictionary(m => m.Key.ToString(CultureInfo.InvariantCulture), m => m.Value), Proposal.Json);
    }

    public int Id { get; private set; }
    public int ProposalId { get; private set; }
    public string Award { get; private set; }

    /// <summary>Its place in the award rules' output (award, group, rank, unit code).</summary>
    public int Position { get; private set; }

    public string UnitCode { get; private set; }
    public int UnitId { get; private set; }
    public string NameVi { get; private set; }
    public string NameEn { get; private set; }
    public string Kind { get; private set; }
    public string Block { get; private set; }
    public string BlockTitleVi { get; private set; }
    public string BlockTitleEn { get; private set; }
    public int Rank { get; private set; }
    public decimal Score { get; private set; }
    public bool Eligible { get; private set; }
    public bool Selected { get; private set; }
    public bool TieAtQuota { get; private set; }

    /// <summary>One result per condition the award sets, as JSON.</summary>
    public string Reasons { get; private set; }

    public string Classification { get; private set; }
    public int LateMonths { get; private set; }
    public decimal LowestMonth { get; private set; }

    /// <summary>Month → month total, as JSON (<c>{"1": 92.5, …}</c>).</summary>
    public string Months { get; private set; }

    // The tally, once the vote is closed (selected candidates only).
    public int? EligibleVoters { get; private set; }
    public int? Present { get; private set; }
    public int? Agree { get; private set; }
    public int? Disagree { get; private set; }
    public int? Abstain { get; private set; }
    public int? ThresholdBase { get; private set; }
    public CandidateOutcome? Outcome { get; private set; }

    /// <summary>Members recused from it (they belong to its unit), comma-separated.</summary>
    public string? Recused { get; private set; }

    public bool IsRecused(CommitteeSeat seat)
    {
        ArgumentNullException.ThrowIfNull(seat);
        return seat.Unit is not null && string.Equals(seat.Unit, UnitCode, StringComparison.Ordinal);
    }

    public IReadOnlyList<string> RecusedMembers => string.IsNullOrEmpty(Recused) ? [] : Recused.Split(',');

    public IReadOnlyList<ConditionResult> Conditions() =>
        (JsonSerializer.Deserialize<List<StoredReason>>(Reasons, Proposal.Json) ?? [])
            .Select(r => new ConditionResult(r.Condition, r.Required, r.Actual, r.RequiredCodes, r.ActualCodes, r.Passed)).ToList();

    public IReadOnlyDictionary<int, decimal> MonthTotals() =>
        (JsonSerializer.Deserialize<Dictionary<string, decimal>>(Months, Proposal.Json) ?? [])
            .ToDictionary(m => int.Parse(m.Key, CultureInfo.InvariantCulture), m => m.Value);

    public Candidate ToEngine() => new(UnitCode, Block, Rank, Score, Eligible, Selected, TieAtQuota, Conditions());

    internal string AwardTitle(Proposal proposal) =>
        proposal.AwardList().FirstOrDefault(a => a.Code == Award)?.TitleVi ?? Award;

    internal void Count(TallyResult tally, IReadOnlyList<string> recused)
    {
        EligibleVoters = tally.EligibleVoters;
        Present = tally.Present;
        Agree = tally.Agree;
        Disagree = tally.Disagree;
        Abstain = tally.Abstain;
        ThresholdBase = tally.ThresholdBase;
        Outcome = tally.Approved ? CandidateOutcome.Approved : tally.Quorate ? CandidateOutcome.Rejected : CandidateOutcome.NotQuorate;
        Recused = recused.Count == 0 ? null : string.Join(',', recused);
    }

    private sealed record StoredReason(string Condition, decimal? Required, decimal? Actual, IReadOnlyList<string>? RequiredCodes, IReadOnlyList<string>? ActualCodes, bool Passed);
}

/// <summary>A member's vote on a selected candidate of a proposal; at most one per member and candidate.</summary>
public sealed class ProposalVote
{
    private ProposalVote()
    {
        Member = "";
    }

    internal ProposalVote(int candidateId, string member, Vote choice, DateTime utcNow)
    {
        CandidateId = candidateId;
        Member = member;
        Choice = choice;
        CastAtUtc = utcNow;
        ChangedAtUtc = utcNow;
    }

    public int Id { get; private set; }
    public int ProposalId { get; private set; }
    public int CandidateId { get; private set; }
    public string Member { get; private set; }
    public Vote Choice { get; private set; }
    public DateTime CastAtUtc { get; private set; }
    public DateTime ChangedAtUtc { get; private set; }

    internal void Change(Vote choice, DateTime utcNow)
    {
        Choice = choice;
        ChangedAtUtc = utcNow;
    }
}
