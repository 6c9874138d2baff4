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
/// A verifier closes the month out for a unit that never submitted (or never resubmitted after a
/// return), with a reason, once its deadline has passed: the month then scores the campaign's
/// missing-month score. A unit that never started the month gets its submission now, closed out.
/// </summary>
public sealed class CloseOutModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel, IReloadAfterRefusal
{
    public MonthSheet Sheet { get; private set; } = null!;

    [BindProperty]
    public int Version { get; set; }

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

        await mediator.Send(new Command(User, unit, month, Version, Reason), ct);
        // For the queue to show. Not a [TempData] property: this page would take it when opened again first.
        TempData["Notice"] = localizer["CloseOut.Done", unit, month].Value;
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

    public sealed record Command(ClaimsPrincipal User, string Unit, int Month, int Version, string? Reason) : IRequest<SubmissionStatus>;

    public sealed class Handler(UnitMonths months, BusinessClock clock) : IRequestHandler<Command, SubmissionStatus>
    {
        public async ValueTask<SubmissionStatus> Handle(Command command, CancellationToken cancellationToken)
        {
            VerifierRights.RequireAct(command.User);
            var loaded = await months.Load(command.User, command.Unit, command.Month, UnitOperations.Read, forUpdate: true, cancellationToken);
            var submission = await months.ForUpdate(loaded, cancellationToken);
            if (submission.Version != command.Version)
            {
                throw new DomainException("Concurrency.Conflict");
            }

            submission.CloseOutAsMissing(loaded.Month, command.Reason ?? "", VerifierRights.Who(command.User), clock.UtcNow);
            await months.Save(cancellationToken);
            return submission.Status;
        }
    }
}
