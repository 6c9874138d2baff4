using System.Text.Json;
using Emulation.Core.Output;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Awards.Export;

/// <summary>
/// <c>GET /Awards/Export/Proposal[?campaign=…]</c> — an address scripts rely on: the current award
/// proposal as exactly the JSON <c>emulation awards --month M --format json</c> prints for the
/// entries export, M being the proposal's last month. No proposal yet is a 404. Committee,
/// verifiers and administrators (the folder's policy).
/// </summary>
public sealed class ProposalModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string? campaign, CancellationToken ct)
    {
        var file = await mediator.Send(new Query(campaign), ct);
        return File(file.Content, "application/json; charset=utf-8", file.Name);
    }

    public sealed record Query(string? Campaign) : IRequest<Output>;

    public sealed record Output(string Name, byte[] Content);

    public sealed class Handler(EmulationDb db, CampaignCatalog catalog, BusinessClock clock) : IRequestHandler<Query, Output>
    {
        public async ValueTask<Output> Handle(Query query, CancellationToken cancellationToken)
        {
            var campaign = (query.Campaign is null ? catalog.Current(clock.Today) : catalog.Find(query.Campaign)) ?? throw new NotFoundException();
            var proposal = await db.Proposals.AsNoTracking().Include(p => p.Candidates)
                .Where(p => p.CampaignId == campaign.Id && p.Status != ProposalStatus.Void)
                .OrderByDescending(p => p.Number).FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            using var memory = new MemoryStream();
            using (var json = new Utf8JsonWriter(memory, Figures.JsonOptions))
            {
                ProposalFormat.WriteJson(json, proposal.ToEngine());
            }

            memory.Write("\n"u8);
            return new Output($"proposal-{campaign.Id}-{proposal.Number}-{proposal.ThroughMonth}.json", memory.ToArray());
        }
    }
}
