using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Awards;

/// <summary>A confirmed award decision as everyone may read it: the awards and the approved units, never the votes.</summary>
public sealed record PublishedDecision(int Year, string CampaignId, string CampaignTitle, int ThroughMonth, DateTime DecidedAtUtc, IReadOnlyList<DecidedAward> Awards)
{
    /// <summary>The awards the unit was approved for in this decision.</summary>
    public IReadOnlyList<string> Of(string? unit) =>
        unit is null ? [] : [.. Awards.Where(a => a.Units.Any(u => u.Code == unit)).Select(a => a.Title)];
}

public sealed record DecidedAward(string Code, string Title, IReadOnlyList<DecidedUnit> Units);

public sealed record DecidedUnit(string Code, string Name, string Block);

/// <summary>
/// The confirmed decisions, newest year first, as the public page, its history and each unit's home
/// page show them (<c>Pages/Shared/_AwardDecision.cshtml</c>). Only what the chair confirmed is read.
/// </summary>
public sealed class AwardDecisions(EmulationDb db)
{
    public async Task<IReadOnlyList<PublishedDecision>> All(CancellationToken ct)
    {
        var decided = await db.Proposals.AsNoTracking()
            .Where(p => p.Status == ProposalStatus.Decided)
            .Select(p => new
            {
                p.Year, p.CampaignId, p.CampaignTitleVi, p.CampaignTitleEn, p.ThroughMonth, p.DecidedAtUtc, p.Awards,
                Approved = p.Candidates.Where(c => c.Outcome == CandidateOutcome.Approved)
                    .Select(c => new { c.Award, c.Position, c.UnitCode, c.NameVi, c.NameEn, c.BlockTitleVi, c.BlockTitleEn }).ToList(),
            })
            .ToListAsync(ct);
        return
        [
            .. decided.OrderByDescending(p => p.Year).ThenByDescending(p => p.DecidedAtUtc).Select(p => new PublishedDecision(
                p.Year, p.CampaignId, CultureText.Pick(p.CampaignTitleVi, p.CampaignTitleEn), p.ThroughMonth, p.DecidedAtUtc!.Value,
                [
                    .. System.Text.Json.JsonSerializer.Deserialize<List<ProposedAward>>(p.Awards, Domain.Proposal.Json)!.Select(a => new DecidedAward(
                        a.Code, CultureText.Pick(a.TitleVi, a.TitleEn),
                        [
                            .. p.Approved.Where(c => c.Award == a.Code).OrderBy(c => c.Position)
                                .Select(c => new DecidedUnit(c.UnitCode, CultureText.Pick(c.NameVi, c.NameEn), CultureText.Pick(c.BlockTitleVi, c.BlockTitleEn))),
                        ])),
                ])),
        ];
    }
}
