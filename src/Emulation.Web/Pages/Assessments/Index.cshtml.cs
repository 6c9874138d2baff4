using System.Security.Claims;
using Emulation.Core.Scoring;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Assessments;

/// <summary>
/// A unit's year at a glance: every campaign month with its state, self and appraised totals,
/// late marks and the open month's deadline. A unit's people see their own unit; verifiers and
/// administrators choose any unit. The head manages who of the staff may submit.
/// </summary>
public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel, IReloadAfterRefusal
{
    public Year? Data { get; private set; }

    public IReadOnlyList<UnitChoice> Units { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var own = User.UnitCode();
        var mayChoose = User.IsInRole(Roles.Verifier) || User.IsInRole(Roles.Administrator);
        if (mayChoose)
        {
            Units = await mediator.Send(new UnitsQuery(), ct);
        }

        var code = mayChoose ? Unit : own;
        if (!mayChoose && Unit is not null && Unit != own)
        {
            // Another unit's code in the address: answered as if it did not exist.
            return NotFound();
        }

        if (code is not null)
        {
            Data = await mediator.Send(new Query(User, code), ct);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostDelegateAsync(string userId, bool grant, CancellationToken ct)
    {
        var changed = await mediator.Send(new Delegate(User, User.UnitCode() ?? "", userId ?? "", grant), ct);
        Notice = localizer[grant ? "Year.Delegation.Granted" : "Year.Delegation.Revoked", changed];
        return RedirectToPage();
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        if (User.UnitCode() is { } code)
        {
            Data = await mediator.Send(new Query(User, code), ct);
        }
    }

    public sealed record UnitChoice(string Code, string Name, string Block);

    public sealed record UnitsQuery : IRequest<IReadOnlyList<UnitChoice>>;

    public sealed class UnitsHandler(EmulationDb db, UnitMonths months) : IRequestHandler<UnitsQuery, IReadOnlyList<UnitChoice>>
    {
        public async ValueTask<IReadOnlyList<UnitChoice>> Handle(UnitsQuery query, CancellationToken cancellationToken)
        {
            var campaign = months.Campaign.Id;
            var english = CultureText.IsEnglish;
            return await db.BlockMemberships.Where(m => m.CampaignId == campaign)
                .OrderBy(m => m.Block!.Code).ThenBy(m => m.Unit!.Code)
                .Select(m => new UnitChoice(m.Unit!.Code, english ? m.Unit.NameEn : m.Unit.NameVi, english ? m.Block!.TitleEn : m.Block!.TitleVi))
                .ToListAsync(cancellationToken);
        }
    }

    /// <summary>The unit's year: one line per campaign month, and (for the head) the staff and who may submit.</summary>
    public sealed record Year(
        string UnitCode,
        string UnitName,
        string? Block,
        string CampaignTitle,
        int CampaignYear,
        DateOnly Today,
        IReadOnlyList<MonthLine> Months,
        MonthLine? Open,
        IReadOnlyList<StaffMember>? Staff);

    public sealed record MonthLine(int Month, SubmissionStatus Status, DateOnly Deadline, bool Extended, int DaysLeft, bool Opened,
        decimal? SelfTotal, decimal? AppraisedTotal, int DaysLate, int OpenDisputes);

    public sealed record StaffMember(string UserId, string UserName, bool MaySubmit);

    public sealed record Query(ClaimsPrincipal User, string Unit) : IRequest<Year>;

    public sealed class Handler(EmulationDb db, UnitMonths months, UnitAccess access, BusinessClock clock, UserManager<IdentityUser> users)
        : IRequestHandler<Query, Year>
    {
        public async ValueTask<Year> Handle(Query query, CancellationToken cancellationToken)
        {
            var unit = await access.Require(query.User, query.Unit, UnitOperations.Read, cancellationToken);
            var campaign = months.Campaign;
            var framework = campaign.FrameworkFor(unit.KindCode);
            var english = CultureText.IsEnglish;
            var info = await db.Units.Where(u => u.Id == unit.Id)
                .Select(u => new
                {
                    Name = english ? u.NameEn : u.NameVi,
                    Block = db.BlockMemberships.Where(m => m.UnitId == u.Id && m.CampaignId == campaign.Id).Select(m => english ? m.Block!.TitleEn : m.Block!.TitleVi).FirstOrDefault(),
                })
                .SingleAsync(cancellationToken);
            var submissions = await db.Submissions.AsNoTracking()
                .Where(s => s.CampaignId == campaign.Id && s.UnitId == unit.Id)
                .Include(s => s.Entries).Include(s => s.Disputes)
                .AsSplitQuery()
                .ToDictionaryAsync(s => s.Month, cancellationToken);

            var today = clock.Today;
            var lines = new List<MonthLine>();
            foreach (var m in campaign.Months)
            {
                var submission = submissions.GetValueOrDefault(m);
                if (framework is null || info.Block is null)
                {
                    break;
                }

                var month = MonthFramework.For(campaign, unit.KindCode, m);
                var status = submission?.Status ?? SubmissionStatus.NotStarted;
                decimal? self = submission is null ? null
                    : ScoringEngine.ScoreMonth(campaign, unit.KindCode, m, submission.ToEngine(month, appraised: false, submittedOn: submission.FirstSubmittedOn ?? today)).Total;
                var missing = status == SubmissionStatus.Missing || submission?.LockedFrom == SubmissionStatus.Missing;
                decimal? appraised = missing
                    ? ScoringEngine.ScoreMonth(campaign, unit.KindCode, m, null).Total
                    : status is SubmissionStatus.Verified or SubmissionStatus.Disputed or SubmissionStatus.Locked
                        ? ScoringEngine.ScoreMonth(campaign, unit.KindCode, m, submission!.ToEngine(month, appraised: true)).Total
                        : null;
                var deadline = submission?.DeadlineIn(month) ?? month.Deadline;
                lines.Add(new MonthLine(m, status, deadline, deadline != month.Deadline, deadline.DayNumber - today.DayNumber, month.Opens <= today,
                    self, appraised, submission?.DaysLate(month) ?? 0, submission?.Disputes.Count(d => d.IsOpen) ?? 0));
            }

            // The month to act on: the earliest opened month the unit still has to submit, else the latest opened one.
            var open = lines.FirstOrDefault(l => l.Opened && l.Status is SubmissionStatus.NotStarted or SubmissionStatus.Draft or SubmissionStatus.Returned)
                ?? lines.LastOrDefault(l => l.Opened);

            IReadOnlyList<StaffMember>? staff = null;
            if (await access.May(query.User, unit, UnitOperations.Delegate))
            {
                var delegated = await db.SubmitDelegations.Where(d => d.UnitId == unit.Id).Select(d => d.UserId).ToListAsync(cancellationToken);
                var staffIds = (await users.GetUsersInRoleAsync(Roles.UnitStaff)).Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
                staff = (await users.GetUsersForClaimAsync(new Claim(EmulationClaims.Unit, unit.Code)))
                    .Where(u => staffIds.Contains(u.Id))
                    .OrderBy(u => u.UserName, StringComparer.Ordinal)
                    .Select(u => new StaffMember(u.Id, u.UserName ?? u.Id, delegated.Contains(u.Id)))
                    .ToList();
            }

            return new Year(unit.Code, info.Name, info.Block, campaign.Title.For(System.Globalization.CultureInfo.CurrentUICulture), campaign.Year, today, lines, open, staff);
        }
    }

    /// <summary>The head grants or revokes a staff member's right to submit; returns the staff member's user name.</summary>
    public sealed record Delegate(ClaimsPrincipal User, string Unit, string UserId, bool Grant) : IRequest<string>;

    public sealed class DelegateHandler(EmulationDb db, UnitAccess access, UserManager<IdentityUser> users, AuditLog audit, BusinessClock clock)
        : IRequestHandler<Delegate, string>
    {
        public async ValueTask<string> Handle(Delegate command, CancellationToken cancellationToken)
        {
            var unit = await access.Require(command.User, command.Unit, UnitOperations.Delegate, cancellationToken);
            var staff = command.UserId.Length is > 0 and <= 450 ? await users.FindByIdAsync(command.UserId) : null;
            if (staff is null
                || !(await users.GetClaimsAsync(staff)).Any(c => c.Type == EmulationClaims.Unit && c.Value == unit.Code)
                || !await users.IsInRoleAsync(staff, Roles.UnitStaff))
            {
                throw new NotFoundException();
            }

            var who = command.User.Identity?.Name ?? "-";
            var existing = await db.SubmitDelegations.SingleOrDefaultAsync(d => d.UnitId == unit.Id && d.UserId == staff.Id, cancellationToken);
            if (command.Grant && existing is null)
            {
                db.SubmitDelegations.Add(SubmitDelegation.Grant(unit.Id, staff.Id, staff.UserName ?? staff.Id, who, clock.UtcNow));
                audit.Write(who, AuditActions.DelegationGranted, $"unit:{unit.Code}/user:{staff.UserName}", null, "may submit", null, unit.Id);
            }
            else if (!command.Grant && existing is not null)
            {
                db.SubmitDelegations.Remove(existing);
                audit.Write(who, AuditActions.DelegationRevoked, $"unit:{unit.Code}/user:{staff.UserName}", "may submit", null, null, unit.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
            return staff.UserName ?? staff.Id;
        }
    }
}
