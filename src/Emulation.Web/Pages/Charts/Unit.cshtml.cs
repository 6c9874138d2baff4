using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Rankings;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Charts;

/// <summary>
/// A unit's charts: its monthly totals (self and appraised) against its block's average, its area
/// profile against the block, and its one-stop on-time rate against the province's. Verifiers,
/// administrators and the committee open any unit's; a unit's own people only their unit's (any
/// other is a 404). Self totals are shown only to those who may read the unit's self-assessments.
/// </summary>
public sealed class UnitModel(IMediator mediator) : PageModel
{
    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(string unit, CancellationToken ct) =>
        Data = await mediator.Send(new Query(User, unit), ct);

    public sealed record Result(
        string UnitCode,
        string UnitName,
        string? BlockCode,
        string? BlockTitle,
        int Year,
        int? LastMonth,
        int? BlockRank,
        int? BlockSize,
        decimal? YearScore,
        bool ShowsSelf,
        ChartModel Trend,
        ChartModel? Areas,
        ChartModel? OneStop);

    public sealed record Query(ClaimsPrincipal User, string Unit) : IRequest<Result>;

    public sealed class Handler(EmulationDb db, CampaignCatalog catalog, BusinessClock clock, PublishedResults results, UnitAccess access,
        IStringLocalizer<SharedResource> text) : IRequestHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var campaign = catalog.Current(clock.Today) ?? throw new NotFoundException();
            var unit = ChartRights.ReadsEveryUnit(query.User)
                ? await db.Units.Where(u => u.Code == query.Unit).Select(u => new UnitResource(u.Id, u.Code, u.KindCode)).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException()
                : await access.Require(query.User, query.Unit, UnitOperations.Read, cancellationToken);
            var english = CultureText.IsEnglish;
            var membership = await db.BlockMemberships.Where(m => m.UnitId == unit.Id && m.CampaignId == campaign.Id)
                .Select(m => new { m.Block!.Code, Title = english ? m.Block.TitleEn : m.Block.TitleVi })
                .SingleOrDefaultAsync(cancellationToken);
            var year = await results.Year(campaign, cancellationToken);

            // The campaign's name for the unit: its last published snapshot's (a later rename does not rename the past), else today's.
            var snapshot = year.LastMonth is { } lastPublished ? year.Of(lastPublished)!.FirstOrDefault(u => u.UnitCode == unit.Code) : null;
            var name = snapshot is not null ? CultureText.Pick(snapshot.NameVi, snapshot.NameEn)
                : await db.Units.Where(u => u.Id == unit.Id).Select(u => english ? u.NameEn : u.NameVi).SingleAsync(cancellationToken);
            var showsSelf = await access.May(query.User, unit, UnitOperations.Read);
            var self = showsSelf ? await SelfTotals.Of(db, campaign, unit, name, membership?.Code, clock.Today, cancellationToken) : null;
            var published = year.LastMonth is { } last ? year.Of(last)!.FirstOrDefault(u => u.UnitCode == unit.Code) : null;
            return new Result(unit.Code, name, membership?.Code, membership?.Title, campaign.Year, year.LastMonth,
                published?.BlockRank, published is null ? null : year.Of(year.LastMonth!.Value)!.Count(u => u.BlockCode == published.BlockCode),
                published?.YearScore, showsSelf,
                ChartFigures.Trend(year, unit.Code, name, self, text),
                ChartFigures.AreaProfile(year, unit.Code, name, text),
                ChartFigures.OneStop(year, unit.Code, name, unit.KindCode, text));
        }
    }
}
