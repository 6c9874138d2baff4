using System.Globalization;
using System.Security.Claims;
using Emulation.Core.Campaigns;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Campaign = Emulation.Core.Campaigns.Campaign;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Shared;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages;

/// <summary>The home page: for each role the user holds, what to do next.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) =>
        Data = await mediator.Send(new Query(User.Claims.Where(c => c.Type == ClaimTypes.Role).Select(c => c.Value).ToHashSet(), User.UnitCode(), CultureInfo.CurrentUICulture), ct);

    public sealed record Query(IReadOnlySet<string> Roles, string? UnitCode, CultureInfo Culture) : IRequest<Result>;

    public sealed record Result(
        DateOnly Today,
        CampaignSummary? Campaign,
        UnitView? Unit,
        IReadOnlyList<BlockView> Blocks,
        IReadOnlyList<AwardView> Awards,
        AdminView? Admin,
        AreaMaximaChart? Chart)
    {
        public bool ShowsVerifier { get; init; }
        public bool ShowsCommittee { get; init; }
    }

    public sealed record CampaignSummary(string Id, string Title, int Year, int FirstMonth, int LastMonth, int DeadlineDay);

    public sealed record UnitView(string Code, string Name, string Kind, string? Block, bool KnownUnit, IReadOnlyList<MonthView> Months);

    /// <summary>A campaign month from the unit's side: its deadline, status and days left.</summary>
    public sealed record MonthView(int Month, DateOnly Deadline, SubmissionStatus Status, int DaysLeft, bool Open);

    public sealed record BlockView(string Code, string Title, IReadOnlyList<string> Units);

    public sealed record AwardView(string Title, AwardScope Scope, int? Count, decimal? Share,
        decimal? MinScore, decimal? MinMonthScore, int? MaxLateMonths, IReadOnlyList<string> ExcludedBy);

    public sealed record AdminView(int Campaigns, int Units, int Blocks, int Users);

    public sealed class Handler(EmulationDb db, CampaignCatalog catalog, BusinessClock clock) : IRequestHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var culture = query.Culture;
            var today = clock.Today;
            var campaign = catalog.Current(today);
            var english = culture.TwoLetterISOLanguageName == "en";
            CampaignSummary? summary = campaign is null ? null
                : new(campaign.Id, campaign.Title.For(culture), campaign.Year, campaign.FirstMonth, campaign.LastMonth, campaign.DeadlineDay);

            UnitView? unit = null;
            if (campaign is not null && query.UnitCode is { } code
                && (query.Roles.Contains(Roles.UnitHead) || query.Roles.Contains(Roles.UnitStaff)))
            {
                unit = await UnitOf(code, campaign, today, english, cancellationToken);
            }

            var showsVerifier = query.Roles.Contains(Roles.Verifier);
            var blocks = showsVerifier && campaign is not null
                ? await db.Blocks.Where(b => b.CampaignId == campaign.Id).OrderBy(b => b.Code)
                    .Select(b => new BlockView(b.Code, english ? b.TitleEn : b.TitleVi,
                        b.Memberships.OrderBy(m => m.Unit!.Code).Select(m => m.Unit!.Code + " · " + (english ? m.Unit.NameEn : m.Unit.NameVi)).ToList()))
                    .ToListAsync(cancellationToken)
                : [];

            var showsCommittee = query.Roles.Contains(Roles.CommitteeChair) || query.Roles.Contains(Roles.CommitteeMember);
            var awards = showsCommittee && campaign is not null
                ? campaign.Awards.Select(a => new AwardView(a.Title.For(culture), a.Scope, a.Count, a.Share, a.MinScore, a.MinMonthScore, a.MaxLateMonths,
                    a.ExcludedBy.Select(code => campaign.FindAward(code)?.Title.For(culture) ?? code).ToList())).ToList()
                : [];

            AdminView? admin = null;
            if (query.Roles.Contains(Roles.Administrator))
            {
                admin = new AdminView(
                    catalog.Campaigns.Count,
                    await db.Units.CountAsync(cancellationToken),
                    await db.Blocks.CountAsync(cancellationToken),
                    await db.Users.CountAsync(cancellationToken));
            }

            return new Result(today, summary, unit, blocks, awards, admin, campaign is null ? null : AreaMaximaChart.For(campaign, culture))
            {
                ShowsVerifier = showsVerifier,
                ShowsCommittee = showsCommittee,
            };
        }

        private async Task<UnitView> UnitOf(string code, Campaign campaign, DateOnly today, bool english, CancellationToken ct)
        {
            var unit = await db.Units.Where(u => u.Code == code)
                .Select(u => new { u.Id, u.Code, Name = english ? u.NameEn : u.NameVi, Kind = english ? u.Kind!.NameEn : u.Kind!.NameVi })
                .SingleOrDefaultAsync(ct);
            if (unit is null)
            {
                return new UnitView(code, code, "", null, false, []);
            }

            var block = await db.BlockMemberships.Where(m => m.UnitId == unit.Id && m.CampaignId == campaign.Id)
                .Select(m => english ? m.Block!.TitleEn : m.Block!.TitleVi)
                .SingleOrDefaultAsync(ct);
            var statuses = await db.Submissions.Where(s => s.UnitId == unit.Id && s.CampaignId == campaign.Id)
                .Select(s => new { s.Month, s.Status })
                .ToDictionaryAsync(s => s.Month, s => s.Status, ct);
            var months = campaign.Months.Select(m =>
            {
                var deadline = Emulation.Core.Scoring.Lateness.DeadlineOf(campaign, m);
                var open = new DateOnly(campaign.Year, m, 1) <= today;
                return new MonthView(m, deadline, statuses.GetValueOrDefault(m, SubmissionStatus.NotStarted), deadline.DayNumber - today.DayNumber, open);
            }).ToList();
            return new UnitView(unit.Code, unit.Name, unit.Kind, block, true, months);
        }
    }
}
