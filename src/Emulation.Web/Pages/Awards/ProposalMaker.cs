using System.Globalization;
using Emulation.Core.Awards;
using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Proposal = Emulation.Web.Domain.Proposal;
using Emulation.Web.Pages.Verification;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Awards;

/// <summary>
/// Makes the year-end award proposal from the published snapshots: when the campaign's last month
/// is published (by the publisher, in its unit of work), or earlier when an administrator forces
/// it with a reason (the year to date then runs to the last published month). When the
/// publications under the current proposal change (a month reopened and published again), a new
/// proposal replaces it — kept beside the old one, whose votes are void — unless the council's
/// decision is already confirmed, which nothing changes.
/// </summary>
public sealed partial class ProposalMaker(EmulationDb db, ILogger<ProposalMaker> logger)
{
    /// <summary>The campaign's latest proposal, void ones included (tracked).</summary>
    public async Task<Proposal?> Latest(string campaignId, CancellationToken ct) =>
        await db.Proposals.Where(p => p.CampaignId == campaignId).OrderByDescending(p => p.Number).FirstOrDefaultAsync(ct);

    /// <summary>After a publication: makes the proposal, or makes it anew, when the publications call for it.</summary>
    /// <param name="current">The campaign's current publications, those just published included.</param>
    public async Task<Proposal?> AfterPublish(Campaign campaign, IReadOnlyCollection<Publication> current, string who, DateTime utcNow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(current);
        var published = current.Select(p => p.Month).ToHashSet();
        var latest = await Latest(campaign.Id, ct);
        var open = latest is { Status: ProposalStatus.Voting or ProposalStatus.Closed } ? latest : null;
        if (latest?.Status == ProposalStatus.Decided)
        {
            return null;
        }

        int through;
        if (published.Contains(campaign.LastMonth))
        {
            through = campaign.LastMonth;
        }
        else if (open is not null)
        {
            through = open.ThroughMonth;
        }
        else
        {
            return null;
        }

        if (!Enumerable.Range(campaign.FirstMonth, through - campaign.FirstMonth + 1).All(published.Contains))
        {
            return null;
        }

        var basis = Basis(current, through);
        if (open is not null && open.ThroughMonth == through && open.Basis == basis)
        {
            return null;
        }

        var because = open is null ? null : Because(campaign, open, through, basis);
        return Make(campaign, current, through, basis, latest, open, open?.ForcedReason, because, who, utcNow);
    }

    /// <summary>
    /// An administrator makes the proposal before the campaign's last month is published, with a
    /// reason: the year to date runs to the last published month. Refused when a proposal stands.
    /// </summary>
    public async Task<Proposal> Force(Campaign campaign, string? reason, string who, DateTime utcNow, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("Proposal.ReasonRequired");
        }

        if (reason.Length > Proposal.MaxReasonLength)
        {
            throw new DomainException("Reason.TooLong", "", Proposal.MaxReasonLength);
        }

        var latest = await Latest(campaign.Id, ct);
        if (latest is { Status: not ProposalStatus.Void })
        {
            throw new DomainException("Proposal.Exists", latest.Number, latest.ThroughMonth, latest.Year);
        }

        var current = await db.Publications.AsNoTracking()
            .Where(p => p.CampaignId == campaign.Id && p.SupersededAtUtc == null)
            .Include(p => p.Units).ThenInclude(u => u.Entries).AsSplitQuery()
            .ToListAsync(ct);
        var published = current.Select(p => p.Month).ToHashSet();
        var through = campaign.FirstMonth - 1;
        while (published.Contains(through + 1))
        {
            through++;
        }

        if (through < campaign.FirstMonth)
        {
            throw new DomainException("Proposal.NothingPublished", campaign.Year);
        }

        return Make(campaign, current, through, Basis(current, through), latest, null, reason, null, who, utcNow);
    }

    /// <summary>The publications a proposal through <paramref name="through"/> stands on: <c>month:number</c>, month by month.</summary>
    public static string Basis(IEnumerable<Publication> current, int through) =>
        string.Join(' ', current.Where(p => p.Month <= through).OrderBy(p => p.Month)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Month}:{p.Number}")));

    private Proposal Make(Campaign campaign, IReadOnlyCollection<Publication> current, int through, string basis, Proposal? latest, Proposal? replaced,
        string? forcedReason, string? because, string who, DateTime utcNow)
    {
        var months = new List<MonthEntries>();
        foreach (var publication in current.Where(p => p.Month <= through))
        {
            months.AddRange(publication.Units.Where(u => !u.Missing).Select(u => MonthPublisher.FromPublished(campaign, publication.Month, u)));
        }

        var last = current.Single(p => p.Month == through);
        var input = new ScoringInput([.. last.Units.Select(u => new Competitor(u.UnitCode, u.Kind, u.BlockCode))], months);
        var standings = ScoringEngine.Rank(campaign, input, through);
        var engine = AwardRules.Propose(campaign, standings);
        var units = last.Units.ToDictionary(u => u.UnitCode, u => new ProposedUnit(u.UnitId, u.NameVi, u.NameEn, u.BlockTitleVi, u.BlockTitleEn), StringComparer.Ordinal);
        var number = (latest?.Number ?? 0) + 1;
        var proposal = Proposal.Generate(campaign, standings, engine, units, basis, number, replaced, forcedReason, because, who, utcNow);
        replaced?.Supersede(number, who, utcNow);
        db.Proposals.Add(proposal);
        LogMade(logger, campaign.Id, number, through, proposal.Candidates.Count(c => c.Selected));
        return proposal;
    }

    /// <summary>Why a proposal is made anew, in both languages (it is stored, and read by anyone).</summary>
    private static string Because(Campaign campaign, Proposal open, int through, string basis)
    {
        if (through != open.ThroughMonth)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"tháng {through}/{campaign.Year}, tháng cuối của đợt thi đua, đã công bố (month {through}/{campaign.Year}, the campaign's last, was published)");
        }

        var before = open.Basis.Split(' ').ToHashSet(StringComparer.Ordinal);
        // A month published again publishes its later months anew: the first one is the cause.
        var changed = basis.Split(' ').Where(b => !before.Contains(b)).Select(b => int.Parse(b.Split(':')[0], CultureInfo.InvariantCulture)).Order().ToList();
        var first = changed.Count == 0 ? through : changed[0];
        return changed.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"tháng {first} được công bố lại, lũy kế các tháng sau được tính lại (month {first} published again, the later months' year to date recomputed)")
            : string.Create(CultureInfo.InvariantCulture, $"tháng {first} được công bố lại (month {first} published again)");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Award proposal {Number} of {Campaign} made through month {Month}: {Selected} candidates selected.")]
    private static partial void LogMade(ILogger logger, string campaign, int number, int month, int selected);
}
