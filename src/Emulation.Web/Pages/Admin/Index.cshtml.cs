using System.Globalization;
using Emulation.Core.Campaigns;
using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Shared;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Admin;

/// <summary>What the application runs on: the campaigns loaded, and units and blocks from the database.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Data = await mediator.Send(new Query(CultureInfo.CurrentUICulture), ct);

    public sealed record Query(CultureInfo Culture) : IRequest<Result>;

    public sealed record Result(IReadOnlyList<CampaignView> Campaigns, IReadOnlyList<UnitView> Units, IReadOnlyList<BlockView> Blocks, AreaMaximaChart? Chart);

    public sealed record CampaignView(string Id, string Title, int Year, int FirstMonth, int LastMonth, string Fingerprint, DateTime LoadedAtUtc, int Awards, IReadOnlyList<FrameworkView> Frameworks);

    public sealed record FrameworkView(string Kind, int Areas, int Criteria, int Leaves, decimal Max);

    public sealed record UnitView(string Code, string Name, string Kind, string? Parent, DateOnly? ValidFrom, DateOnly? ValidTo);

    public sealed record BlockView(string CampaignId, string Code, string Title, IReadOnlyList<string> Units);

    public sealed class Handler(EmulationDb db, CampaignCatalog catalog, BusinessClock clock) : IRequestHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var culture = query.Culture;
            var english = culture.TwoLetterISOLanguageName == "en";
            var stored = await db.Campaigns.Select(c => new { c.Id, c.Fingerprint, c.LoadedAtUtc }).ToDictionaryAsync(c => c.Id, cancellationToken);
            var campaigns = catalog.Campaigns.Select(c =>
            {
                var kinds = c.UnitKinds.ToDictionary(k => k.Code, k => k.Title.For(culture), StringComparer.Ordinal);
                var frameworks = c.Frameworks.Values.Select(f => new FrameworkView(
                    kinds.GetValueOrDefault(f.UnitKind, f.UnitKind),
                    f.Areas.Count,
                    f.Areas.Sum(a => CountCriteria(a.Criteria)),
                    f.Leaves.Count,
                    f.Max)).ToList();
                var record = stored.GetValueOrDefault(c.Id);
                return new CampaignView(c.Id, c.Title.For(culture), c.Year, c.FirstMonth, c.LastMonth,
                    record?.Fingerprint ?? c.Fingerprint, record?.LoadedAtUtc ?? default, c.Awards.Count, frameworks);
            }).ToList();

            var units = await db.Units.OrderBy(u => u.Code)
                .Select(u => new UnitView(u.Code, english ? u.NameEn : u.NameVi, english ? u.Kind!.NameEn : u.Kind!.NameVi,
                    u.Parent == null ? null : u.Parent.Code, u.ValidFrom, u.ValidTo))
                .ToListAsync(cancellationToken);
            var blocks = await db.Blocks.OrderBy(b => b.CampaignId).ThenBy(b => b.Code)
                .Select(b => new BlockView(b.CampaignId, b.Code, english ? b.TitleEn : b.TitleVi,
                    b.Memberships.OrderBy(m => m.Unit!.Code).Select(m => m.Unit!.Code).ToList()))
                .ToListAsync(cancellationToken);
            var current = catalog.Current(clock.Today);
            return new Result(campaigns, units, blocks, current is null ? null : AreaMaximaChart.For(current, culture));
        }

        private static int CountCriteria(IReadOnlyList<Criterion> criteria) =>
            criteria.Count + criteria.Sum(c => CountCriteria(c.Children));
    }
}
