namespace Emulation.Core.Awards;

/// <summary>The award rules' proposal (đề nghị khen thưởng): one entry per award, in file order.</summary>
public sealed record Proposal(IReadOnlyList<AwardProposal> Awards);

/// <summary>
/// One award's candidates: every unit of its scope, by group (block code ordinal; one group for an
/// overall award), then rank, then unit code.
/// </summary>
/// <param name="Award">The award's code.</param>
/// <param name="Groups">Each group with its size and quota, in candidate order.</param>
/// <param name="Candidates">Every unit of the scope.</param>
public sealed record AwardProposal(string Award, IReadOnlyList<AwardGroup> Groups, IReadOnlyList<Candidate> Candidates);

/// <summary>A group of an award: a block, or every unit for an overall award.</summary>
/// <param name="Block">The block code, or null for the one group of an overall award.</param>
/// <param name="Size">Units in the group.</param>
/// <param name="Quota">Units the group may take (count, or floor(share × size)).</param>
/// <param name="Selected">Units taken, ties at the quota line included.</param>
public sealed record AwardGroup(string? Block, int Size, int Quota, int Selected);

/// <summary>A unit considered for an award: the object <c>emulation awards --format json</c> prints.</summary>
/// <param name="Unit">The unit's code.</param>
/// <param name="Block">The unit's block (the group of a block award).</param>
/// <param name="Rank">Its block rank (block scope) or overall rank (overall scope).</param>
/// <param name="Score">Its year-to-date score.</param>
/// <param name="Eligible">Whether every condition holds.</param>
/// <param name="Selected">Whether the rules took it (it then holds the award).</param>
/// <param name="TieAtQuota">Taken beyond the quota, or shares that rank with one that was: the committee decides.</param>
/// <param name="Reasons">One result per condition the award sets, in the order minScore, minMonthScore, maxLateMonths, excludedBy.</param>
public sealed record Candidate(
    string Unit,
    string Block,
    int Rank,
    decimal Score,
    bool Eligible,
    bool Selected,
    bool TieAtQuota,
    IReadOnlyList<ConditionResult> Reasons);

/// <summary>
/// One condition of an award checked for a candidate. Figures (minScore, minMonthScore,
/// maxLateMonths) use <see cref="Required"/> and <see cref="Actual"/>; excludedBy uses
/// <see cref="RequiredCodes"/> (the excluding awards) and <see cref="ActualCodes"/> (awards the
/// unit holds from earlier in the file).
/// </summary>
/// <param name="Condition">The condition's name as in campaign files.</param>
/// <param name="Required">The figure required, or null for excludedBy.</param>
/// <param name="Actual">The unit's figure, or null for excludedBy.</param>
/// <param name="RequiredCodes">For excludedBy, the awards that exclude; otherwise null.</param>
/// <param name="ActualCodes">For excludedBy, the awards the unit holds; otherwise null.</param>
/// <param name="Passed">Whether the condition holds.</param>
public sealed record ConditionResult(
    string Condition,
    decimal? Required,
    decimal? Actual,
    IReadOnlyList<string>? RequiredCodes,
    IReadOnlyList<string>? ActualCodes,
    bool Passed)
{
    /// <summary>The name of the lowest year-to-date score condition.</summary>
    public const string MinScore = "minScore";
    /// <summary>The name of the lowest month total condition.</summary>
    public const string MinMonthScore = "minMonthScore";
    /// <summary>The name of the most late months condition.</summary>
    public const string MaxLateMonths = "maxLateMonths";
    /// <summary>The name of the excluding awards condition.</summary>
    public const string ExcludedBy = "excludedBy";

    /// <summary>What is required, as JSON prints it: a number, or the list of award codes.</summary>
    public object RequiredValue => RequiredCodes ?? (object)Required.GetValueOrDefault();

    /// <summary>What the unit has, as JSON prints it: a number, or the list of award codes held.</summary>
    public object ActualValue => ActualCodes ?? (object)Actual.GetValueOrDefault();
}
