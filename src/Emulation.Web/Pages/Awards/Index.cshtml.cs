using System.Security.Claims;
using Emulation.Core.Awards;
using Emulation.Core.Campaigns;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Proposal = Emulation.Web.Domain.Proposal;

namespace Emulation.Web.Pages.Awards;

/// <summary>
/// The council's year end: the current award proposal (each award's candidates with their figures,
/// trend and conditions), the member's votes on the selected candidates, the progress (who voted,
/// not how), the chair's close and confirmation, and an administrator's forced proposal. Verifiers
/// and administrators read; members and the chair vote; the chair closes and confirms.
/// </summary>
[RequestFormLimits(ValueCountLimit = 2 * MaxVotes + 16)]
public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel, IReloadAfterRefusal
{
    /// <summary>At most this many votes in one post (a province proposes a few dozen units).</summary>
    public const int MaxVotes = 500;

    public AwardsView Data { get; private set; } = null!;

    /// <summary>The member's choices as posted: candidate id → agree / disagree / abstain.</summary>
    [BindProperty]
    public Dictionary<int, string> Votes { get; set; } = [];

    [BindProperty]
    public int ProposalId { get; set; }

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostVoteAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid || Votes.Count > MaxVotes)
        {
            await ReloadAsync(ct);
            ModelState.AddModelError("", localizer["Error.400.Text"]);
            return Page();
        }

        var changed = await mediator.Send(new Cast(User, ProposalId, Votes), ct);
        Notice = localizer["Vote.Saved", changed];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostForceAsync(CancellationToken ct)
    {
        var number = await mediator.Send(new Force(User, Reason), ct);
        Notice = localizer["Proposal.ForcedDone", number];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        await mediator.Send(new Close(User, ProposalId, Version, Confirmed), ct);
        Notice = localizer["Close.Done"];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken ct)
    {
        await mediator.Send(new Confirm(User, ProposalId, Version, Confirmed), ct);
        Notice = localizer["Confirm.Done"];
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken ct) => Data = await mediator.Send(new Query(User), ct);

    public sealed record Query(ClaimsPrincipal User) : IRequest<AwardsView>;

    public sealed class QueryHandler(EmulationDb db, CampaignCatalog catalog, BusinessClock clock, Committee committee) : IRequestHandler<Query, AwardsView>
    {
        public async ValueTask<AwardsView> Handle(Query query, CancellationToken cancellationToken)
        {
            var campaign = catalog.Current(clock.Today) ?? throw new NotFoundException();
            var proposals = await db.Proposals.AsNoTracking().Include(p => p.Candidates).Include(p => p.Votes).AsSplitQuery()
                .Where(p => p.CampaignId == campaign.Id).OrderByDescending(p => p.Number).ToListAsync(cancellationToken);
            var current = proposals.FirstOrDefault(p => p.Status != ProposalStatus.Void);
            var seats = current?.Status is ProposalStatus.Closed or ProposalStatus.Decided ? current.Seats() : await committee.Seats(cancellationToken);
            var me = query.User.Identity?.Name ?? "";
            var published = await db.Publications.Where(p => p.CampaignId == campaign.Id && p.SupersededAtUtc == null)
                .Select(p => p.Month).ToListAsync(cancellationToken);
            var previous = current?.PreviousId is { } id ? proposals.FirstOrDefault(p => p.Id == id) : null;
            return AwardsView.Build(campaign, current, previous, [.. proposals.Where(p => p.Status == ProposalStatus.Void)], seats, me, query.User,
                published.Count == 0 ? null : published.Max());
        }
    }

    /// <summary>Saves the member's votes (all or none); answers how many changed. The same vote again changes nothing.</summary>
    public sealed record Cast(ClaimsPrincipal User, int ProposalId, IReadOnlyDictionary<int, string> Votes) : IRequest<int>;

    public sealed class CastHandler(EmulationDb db, Committee committee, BusinessClock clock) : IRequestHandler<Cast, int>
    {
        public async ValueTask<int> Handle(Cast command, CancellationToken cancellationToken)
        {
            var seat = await committee.SeatOf(command.User, cancellationToken) ?? throw new DomainException("Vote.NotMember");
            var proposal = await Load(db, command.ProposalId, cancellationToken);
            var choices = new List<(int Candidate, Vote Vote)>();
            foreach (var (candidate, text) in command.Votes)
            {
                if (string.IsNullOrEmpty(text))
                {
                    continue;
                }

                if (!Enum.TryParse<Vote>(text, ignoreCase: false, out var vote) || !Enum.IsDefined(vote) || int.TryParse(text, out _))
                {
                    throw new DomainException("Vote.Unknown", text.Length > 20 ? text[..20] : text);
                }

                choices.Add((candidate, vote));
            }

            if (choices.Count == 0)
            {
                throw new DomainException("Vote.NothingChosen");
            }

            var now = clock.UtcNow;
            var changed = choices.Count(c => proposal.Cast(c.Candidate, seat, c.Vote, now));
            await db.SaveChangesAsync(cancellationToken);
            return changed;
        }
    }

    /// <summary>An administrator makes the proposal before the campaign's last month is published; answers its number.</summary>
    public sealed record Force(ClaimsPrincipal User, string? Reason) : IRequest<int>;

    public sealed class ForceHandler(EmulationDb db, CampaignCatalog catalog, BusinessClock clock, ProposalMaker maker) : IRequestHandler<Force, int>
    {
        public async ValueTask<int> Handle(Force command, CancellationToken cancellationToken)
        {
            if (!command.User.IsInRole(Roles.Administrator))
            {
                throw new ForbiddenException();
            }

            var campaign = catalog.Current(clock.Today) ?? throw new NotFoundException();
            var proposal = await maker.Force(campaign, command.Reason, command.User.Identity?.Name ?? "-", clock.UtcNow, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return proposal.Number;
        }
    }

    /// <summary>The chair closes the vote (a ticked confirmation): every selected candidate is counted.</summary>
    public sealed record Close(ClaimsPrincipal User, int ProposalId, int Version, bool Confirmed) : IRequest<int>;

    public sealed class CloseHandler(EmulationDb db, Committee committee, BusinessClock clock) : IRequestHandler<Close, int>
    {
        public async ValueTask<int> Handle(Close command, CancellationToken cancellationToken)
        {
            var proposal = await Guarded(db, command.User, command.ProposalId, command.Version, command.Confirmed, cancellationToken);
            proposal.Close(await committee.Seats(cancellationToken), command.User.Identity?.Name ?? "-", clock.UtcNow);
            await db.SaveChangesAsync(cancellationToken);
            return proposal.Version;
        }
    }

    /// <summary>The chair confirms the counted decision (a ticked confirmation): it is frozen and published.</summary>
    public sealed record Confirm(ClaimsPrincipal User, int ProposalId, int Version, bool Confirmed) : IRequest<int>;

    public sealed class ConfirmHandler(EmulationDb db, BusinessClock clock) : IRequestHandler<Confirm, int>
    {
        public async ValueTask<int> Handle(Confirm command, CancellationToken cancellationToken)
        {
            var proposal = await Guarded(db, command.User, command.ProposalId, command.Version, command.Confirmed, cancellationToken);
            proposal.Confirm(command.User.Identity?.Name ?? "-", clock.UtcNow);
            await db.SaveChangesAsync(cancellationToken);
            return proposal.Version;
        }
    }

    private static async Task<Proposal> Guarded(EmulationDb db, ClaimsPrincipal user, int id, int version, bool confirmed, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.CommitteeChair))
        {
            throw new ForbiddenException();
        }

        var proposal = await Load(db, id, ct);
        if (proposal.Version != version)
        {
            throw new DomainException("Concurrency.Conflict");
        }

        if (!confirmed)
        {
            throw new DomainException("Proposal.ConfirmRequired");
        }

        return proposal;
    }

    private static async Task<Proposal> Load(EmulationDb db, int id, CancellationToken ct) =>
        await db.Proposals.Include(p => p.Candidates).Include(p => p.Votes).AsSplitQuery().SingleOrDefaultAsync(p => p.Id == id, ct)
            ?? throw new NotFoundException();
}
