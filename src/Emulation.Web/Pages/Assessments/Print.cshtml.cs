using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Assessments;

/// <summary>
/// The month's self-assessment laid out on A4 with the Vietnamese administrative heading and the
/// head's signature block, to print (or save as PDF from the browser), sign and seal.
/// </summary>
public sealed class PrintModel(IMediator mediator) : PageModel
{
    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(string unit, int month, CancellationToken ct) => Data = await mediator.Send(new Query(User, unit, month), ct);

    /// <param name="Issuer">The body above the unit in the heading (the district for a commune, the province's committee otherwise).</param>
    public sealed record Result(MonthSheet Sheet, string Issuer, string Province, DateOnly PrintedOn);

    public sealed record Query(ClaimsPrincipal User, string Unit, int Month) : IRequest<Result>;

    public sealed class Handler(UnitMonths months, EmulationDb db, BusinessClock clock, BrandingSource branding) : IRequestHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var loaded = await months.Load(query.User, query.Unit, query.Month, UnitOperations.Read, forUpdate: false, cancellationToken);
            var parent = await db.Units.Where(u => u.Id == loaded.Unit.Id).Select(u => u.Parent == null ? null : u.Parent.NameVi).SingleOrDefaultAsync(cancellationToken);
            var brand = await branding.Get(cancellationToken);
            return new Result(MonthSheet.Build(loaded, clock.Today), parent ?? brand.IssuingBody, brand.Province, clock.Today);
        }
    }
}
