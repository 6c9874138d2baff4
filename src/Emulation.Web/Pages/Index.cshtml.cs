using System.Globalization;
using System.Security.Claims;
using Emulation.Core.Campaigns;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Campaign = Emulation.Core.Campaigns.Campaign;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Charts;
using Emulation.Web.Pages.Rankings;
using Emulation.Web.Pages.Shared;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages;

/// <summary>
/// The home page: for each role the user holds, what to do next and where things stand — a unit's
/// month, rank and trend; the verifier's month and queue (the queue's own query); the campaign's
/// progress for an administrator; the year-to-date standings for the committee.
/// </summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public Result Data { get; private set; } = null!;

    /// <summary>The verifier's month as the verification queue counts it (null for anyone else).</summary>
    public Verification.IndexModel.Queue? Queue { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Data = await mediator.Send(new Query(User.Claims.Where(c => c.Type == ClaimTypes.Role).Select(c => c.Value).ToHashSet(), User.UnitCode(), CultureInfo.CurrentUICulture), ct);
        if (Data.Campaign is not null && User.IsInRole(Roles.Verifier))
        {
            Queue = await mediator.Send(new Verification.IndexModel.Query(User, null, null, null, null), ct);
        }
    }

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

        /// <summary>The unit's standing after the last published month and its trend (unit people).</summary>
        public UnitStanding? Standing { get; init; }

        /// <summary>The campaign's progress (administrators).</summary>
        public Progress? Progress { get; init; }

        /// <summary>The year to date: the first units of each block (the committee).</summary>
        public Standings? Standings { get; init; }
    }

    /// <summary>Where the unit stands after <paramref name="Month"/>: rank in block (and the move since the month before), score, classification.</summary>
    public sealed record UnitStanding(int? Month, int? BlockRank, int? BlockSize, int? Movement, decimal? YearScore, string? Classification, ChartModel Trend);

    /// <summary>One begun month of the campaign: published or not, and its submissions by state (units without one count as not started).</summary>
    public sealed record ProgressMonth(int Month, bool Published, IReadOnlyDictionary<SubmissionStatus, int> ByState);

    public sealed record Progress(int PublishedMonths, int CampaignMonths, int Units, IReadOnlyList<ProgressMonth> Months);

    public sealed record Standings(int Month, IReadOnlyList<RankingTable> Blocks);

    /// <summary>How many units of each block the committee's home page lists.</summary>
    public const int StandingsTop = 3;

    public sealed record CampaignSummary(string Id, string Title, int Year, int FirstMonth, int LastMonth, int DeadlineDay);

    public sealed record UnitView(string Code, string Name, string Kind, string? Block, bool KnownUnit, IReadOnlyList<MonthView> Months);

    /// <summary>A campaign month from the unit's side: its deadline, status and days left.</summary>
    public sealed record MonthView(int Month, DateOnly Deadline, SubmissionStatus Status, int DaysLeft, bool Open);

    public sealed record BlockView(string Code, string Title, IReadOnlyList<string> Units);

    public sealed record AwardView(string Title, AwardScope Scope, int? Count, decimal? Share,
        decimal? MinScore, decimal? MinMonthScore, int? MaxLateMonths, IReadOnlyList<string> ExcludedBy);

    public sealed record AdminView(int Campaigns, int Units, int Blocks, int Users);

    public sealed class Handler(EmulationDb db, CampaignCatalog catalog, BusinessClock clock, PublishedResults results, IStringLocalizer<SharedResource> text)
        : IRequestHandler<Query, Result>
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

            var year = campaign is null ? null : await results.Year(campaign, cancellationToken);
            return new Result(today, summary, unit, blocks, awards, admin, campaign is null ? null : AreaMaximaChart.For(campaign, culture))
            {
                ShowsVerifier = showsVerifier,
                ShowsCommittee = showsCommittee,
                Standing = unit is { KnownUnit: true } ? await StandingOf(unit, campaign!, year!, cancellationToken) : null,
                Progress = admin is not null && campaign is not null ? await ProgressOf(campaign, year!, today, cancellationToken) : null,
                Standings = showsCommittee && year?.LastMonth is { } last
                    ? new Standings(last, [.. RankingTables.Build(year, new RankingView(last, Period.Year, null, null))!
                        .Select(t => t with { Rows = [.. t.Rows.Take(StandingsTop)] })])
                    : null,
            };
        }

        private async Task<UnitStanding> StandingOf(UnitView unit, Campaign campaign, PublishedYear year, CancellationToken ct)
        {
            var resource = await db.Units.Where(u => u.Code == unit.Code).Select(u => new UnitResource(u.Id, u.Code, u.KindCode)).SingleAsync(ct);
            var self = await SelfTotals.Of(db, campaign, resource, unit.Name, unit.Block, clock.Today, ct);
            var trend = ChartFigures.Trend(year, unit.Code, unit.Name, self, text, id: "home-trend", small: true);
            if (year.LastMonth is not { } last || year.Of(last)!.FirstOrDefault(u => u.UnitCode == unit.Code) is not { } published)
            {
                return new UnitStanding(null, null, null, null, null, null, trend);
            }

            var before = year.PublishedMonths.LastOrDefault(m => m < last) is var previous and > 0
                ? year.Of(previous)!.FirstOrDefault(u => u.UnitCode == unit.Code)
                : null;
            var band = campaign.Classification.FirstOrDefault(c => c.Code == published.Classification);
            return new UnitStanding(last, published.BlockRank, year.Of(last)!.Count(u => u.BlockCode == published.BlockCode),
                before is null ? null : before.BlockRank - published.BlockRank, published.YearScore,
                band?.Title.For(CultureInfo.CurrentUICulture) ?? published.Classification, trend);
        }

        private async Task<Progress> ProgressOf(Campaign campaign, PublishedYear year, DateOnly today, CancellationToken ct)
        {
            var kinds = await db.BlockMemberships.Where(m => m.CampaignId == campaign.Id).Select(m => m.Unit!.KindCode).ToListAsync(ct);
            var units = kinds.Count(k => campaign.FrameworkFor(k) is not null);
            var counts = await db.Submissions.Where(s => s.CampaignId == campaign.Id)
                .GroupBy(s => new { s.Month, s.Status })
                .Select(g => new { g.Key.Month, g.Key.Status, Count = g.Count() })
                .ToListAsync(ct);
            var months = campaign.Months.Where(m => new DateOnly(campaign.Year, m, 1) <= today).Select(m =>
            {
                var byState = Enum.GetValues<SubmissionStatus>().ToDictionary(s => s, s => counts.Where(c => c.Month == m && c.Status == s).Sum(c => c.Count));
                byState[SubmissionStatus.NotStarted] += Math.Max(0, units - byState.Values.Sum());
                return new ProgressMonth(m, year.Months.ContainsKey(m), byState);
            }).ToList();
            return new Progress(year.PublishedMonths.Count, campaign.Months.Count(), units, months);
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
