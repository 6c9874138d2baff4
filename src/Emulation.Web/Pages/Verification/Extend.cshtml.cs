using System.Globalization;
using System.Security.Claims;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Assessments;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Verification;

/// <summary>
/// A verifier extends one unit's deadline for one month (a storm, Tết), with a reason; lateness
/// then counts from the new date. A unit that has not started the month gets its submission now,
/// not started, carrying the extension.
/// </summary>
public sealed class ExtendModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel, IReloadAfterRefusal
{
    public MonthSheet Sheet { get; private set; } = null!;

    [BindProperty]
    public int Version { get; set; }

    /// <summary>The new deadline as a date input sends it (yyyy-MM-dd).</summary>
    [BindProperty]
    public string? Deadline { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public bool MayAct => VerifierRights.MayAct(User);

    public async Task OnGetAsync(string unit, int month, CancellationToken ct)
    {
        Sheet = await mediator.Send(new Query(User, unit, month), ct);
        Version = Sheet.Version;
    }

    public async Task<IActionResult> OnPostAsync(string unit, int month, CancellationToken ct)
    {
        if (!MayAct)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            await ReloadAsync(ct);
            return Page();
        }

        var deadline = await mediator.Send(new Command(User, unit, month, Version, Deadline, Reason), ct);
        // For the queue to show. Not a [TempData] property: this page would take it when opened again first.
        TempData["Notice"] = localizer["Extend.Done", unit, month, deadline.ToString("d", CultureInfo.CurrentCulture)].Value;
        return RedirectToPage("/Verification/Index", new { month });
    }

    public async Task ReloadAsync(CancellationToken ct) =>
        Sheet = await mediator.Send(new Query(User, (string)RouteData.Values["unit"]!, int.Parse((string)RouteData.Values["month"]!, CultureInfo.InvariantCulture)), ct);

    public sealed record Query(ClaimsPrincipal User, string Unit, int Month) : IRequest<MonthSheet>;

    public sealed class QueryHandler(UnitMonths months, BusinessClock clock) : IRequestHandler<Query, MonthSheet>
    {
        public async ValueTask<MonthSheet> Handle(Query query, CancellationToken cancellationToken)
        {
            VerifierRights.RequireRead(query.User);
            var loaded = await months.Load(query.User, query.Unit, query.Month, UnitOperations.Read, forUpdate: false, cancellationToken);
            return MonthSheet.Build(loaded, clock.Today);
        }
    }

    /// <summary>Extends the deadline; answers the new one.</summary>
    public sealed record Command(ClaimsPrincipal User, string Unit, int Month, int Version, string? Deadline, string? Reason) : IRequest<DateOnly>;

    public sealed class Handler(UnitMonths months, BusinessClock clock) : IRequestHandler<Command, DateOnly>
    {
        public async ValueTask<DateOnly> Handle(Command command, CancellationToken cancellationToken)
        {
            VerifierRights.RequireAct(command.User);
            var loaded = await months.Load(command.User, command.Unit, command.Month, UnitOperations.Read, forUpdate: true, cancellationToken);
            var year = loaded.Month.Campaign.Year;
            if (command.Deadline is not { Length: <= 10 } text
                || !DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var deadline)
                || deadline.Year < year || deadline.Year > year + 1)
            {
                // A date of the campaign's year or the next (December's deadline falls in January).
                throw new DomainException("Extension.BadDate", year, year + 1);
            }

            var submission = await months.ForUpdate(loaded, cancellationToken);
            if (submission.Version != command.Version)
            {
                throw new DomainException("Concurrency.Conflict");
            }

            submission.ExtendDeadline(loaded.Month, deadline, command.Reason ?? "", VerifierRights.Who(command.User), clock.UtcNow);
            await months.Save(cancellationToken);
            return deadline;
        }
    }
}
