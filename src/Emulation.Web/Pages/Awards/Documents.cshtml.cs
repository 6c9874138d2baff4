using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Awards;

/// <summary>
/// <c>GET /Awards/Documents/{list|letter|minutes}[?year=Y]</c>: the confirmed decision's approved
/// list (.xlsx), proposal letter and council minutes (.docx), for the current campaign or a past
/// year's. Before the decision is confirmed there is nothing to download (404). Committee,
/// verifiers and administrators (the folder's policy).
/// </summary>
public sealed class DocumentsModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string kind, int? year, CancellationToken ct)
    {
        var file = await mediator.Send(new Query(kind, year), ct);
        return File(file.Content, file.ContentType, file.Name);
    }

    public sealed record Query(string Kind, int? Year) : IRequest<Output>;

    public sealed record Output(string Name, string ContentType, byte[] Content);

    public sealed class Handler(EmulationDb db, CampaignCatalog catalog, BusinessClock clock, BrandingSource branding) : IRequestHandler<Query, Output>
    {
        private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

        public async ValueTask<Output> Handle(Query query, CancellationToken cancellationToken)
        {
            if (query.Kind is not ("list" or "letter" or "minutes"))
            {
                throw new NotFoundException();
            }

            var decided = db.Proposals.AsNoTracking().Include(p => p.Candidates).Include(p => p.Votes).AsSplitQuery()
                .Where(p => p.Status == ProposalStatus.Decided);
            if (query.Year is { } year)
            {
                decided = decided.Where(p => p.Year == year);
            }
            else
            {
                var campaign = catalog.Current(clock.Today) ?? throw new NotFoundException();
                decided = decided.Where(p => p.CampaignId == campaign.Id);
            }

            var proposal = await decided.OrderByDescending(p => p.DecidedAtUtc).FirstOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            var brand = await branding.Get(cancellationToken);
            var province = brand.Province;
            return query.Kind switch
            {
                "list" => new Output($"danh-sach-khen-thuong-{proposal.Year}.xlsx", Xlsx, DocumentProperties.Stamp(AwardDocuments.ApprovedList(proposal), brand, $"Danh sách khen thưởng năm {proposal.Year}")),
                "letter" => new Output($"to-trinh-khen-thuong-{proposal.Year}.docx", Docx, DocumentProperties.Stamp(AwardDocuments.Letter(proposal, province), brand, $"Tờ trình đề nghị khen thưởng năm {proposal.Year}")),
                _ => new Output($"bien-ban-hop-hoi-dong-{proposal.Year}.docx", Docx, DocumentProperties.Stamp(AwardDocuments.Minutes(proposal, province), brand, $"Biên bản họp Hội đồng Thi đua – Khen thưởng năm {proposal.Year}")),
            };
        }
    }
}
