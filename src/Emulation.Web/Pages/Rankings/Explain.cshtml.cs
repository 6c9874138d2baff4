using System.Globalization;
using System.Security.Claims;
using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;
using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Rankings;

/// <summary>
/// Why a unit has its score for a published month or the year to date after it, in words a unit
/// head understands: every criterion's points of its due maximum, deductions, area subtotals against
/// the block's average, the gap to the next rank; and, for those allowed to see them (the unit's
/// people, verifiers, administrators), the verifier's adjustments with their reasons.
/// </summary>
public sealed class ExplainModel(IMediator mediator) : PageModel
{
    public Result Data { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string unit, int? month, string? period, CancellationToken ct)
    {
        if (RankingQuery.Period(period) is not { } chosen)
        {
            return NotFound();
        }

        Data = await mediator.Send(new Query(User, unit, month, chosen), ct);
        return Page();
    }

    public sealed record CriterionLine(string Code, string Title, int Depth, bool IsLeaf, decimal Points, decimal DueMax, bool Due, bool Excluded);

    public sealed record AreaLine(string Code, string Title, decimal Subtotal, decimal BlockAverage, decimal DueMax);

    public sealed record AdjustmentLine(int Month, string Criterion, string? UnitValue, string? AppraisedValue, string? Reason, string? By);

    public sealed record Result(
        string UnitCode,
        string UnitName,
        string BlockCode,
        string BlockTitle,
        int Year,
        int Month,
        Period Period,
        UnitExplanation Explanation,
        string Classification,
        string? AboveName,
        int? AboveRank,
        string? BlockAboveName,
        int? BlockAboveRank,
        IReadOnlyList<CriterionLine> Criteria,
        IReadOnlyList<AreaLine> Areas,
        IReadOnlyList<AdjustmentLine>? Adjustments,
        IReadOnlyList<int> PublishedMonths);

    public sealed record Query(ClaimsPrincipal User, string Unit, int? Month, Period Period) : IRequest<Result>;

    public sealed class Handler(CampaignCatalog catalog, BusinessClock clock, PublishedResults results, UnitAccess access, EmulationDb db)
        : IRequestHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var campaign = catalog.Current(clock.Today) ?? throw new NotFoundException();
            var year = await results.Year(campaign, cancellationToken);
            var month = query.Month ?? year.LastMonth ?? throw new NotFoundException();
            var units = year.Of(month) ?? throw new NotFoundException();
            var unit = units.FirstOrDefault(u => u.UnitCode == query.Unit) ?? throw new NotFoundException();
            var explanation = year.Explain(unit.UnitCode, month, query.Period == Period.Month);
            var culture = CultureInfo.CurrentUICulture;
            var framework = campaign.FrameworkFor(unit.Kind)!;

            var depth = new Dictionary<string, int>(StringComparer.Ordinal);
            var titles = new Dictionary<string, string>(StringComparer.Ordinal);
            void Walk(IEnumerable<Criterion> criteria, int level)
            {
                foreach (var criterion in criteria)
                {
                    depth[criterion.Code] = level;
                    titles[criterion.Code] = criterion.Title.For(culture);
                    Walk(criterion.Children, level + 1);
                }
            }

            foreach (var area in framework.Areas)
            {
                Walk(area.Criteria, 0);
            }

            var criteriaLines = explanation.Criteria
                .Select(c => new CriterionLine(c.Code, titles.GetValueOrDefault(c.Code, c.Code), depth.GetValueOrDefault(c.Code), c.IsLeaf, c.Points, c.DueMax, c.Due, c.Excluded))
                .ToList();
            var block = units.Where(u => u.BlockCode == unit.BlockCode).ToList();
            var alone = query.Period == Period.Month;
            var areaLines = framework.Areas.Select(a =>
            {
                var own = explanation.Areas.FirstOrDefault(x => x.Code == a.Code);
                var figures = block.Select(u => u.AreaFigures().FirstOrDefault(f => f.Code == a.Code)).OfType<Domain.PublishedArea>().ToList();
                var average = figures.Count == 0 ? 0m : decimal.Round(figures.Average(f => alone ? f.Subtotal : f.YearMean), 2, MidpointRounding.AwayFromZero);
                return new AreaLine(a.Code, a.Title.For(culture), own?.Subtotal ?? 0m, average, own?.DueMax ?? 0m);
            }).ToList();

            // The reasons of adjustments are the verifier's words about the unit: for its people, verifiers and administrators only.
            IReadOnlyList<AdjustmentLine>? adjustments = null;
            var resource = new UnitResource(unit.UnitId, unit.UnitCode, unit.Kind);
            if (await access.May(query.User, resource, UnitOperations.Read))
            {
                var first = alone ? month : campaign.FirstMonth;
                adjustments = (await db.SubmissionEntries
                    .Where(e => e.Adjusted && db.Submissions.Any(s => s.Id == e.SubmissionId && s.CampaignId == campaign.Id && s.UnitId == unit.UnitId
                        && s.Month >= first && s.Month <= month))
                    .Join(db.Submissions, e => e.SubmissionId, s => s.Id, (e, s) => new { s.Month, e.Criterion, e.Value, e.Denominator, e.AppraisedValue, e.AppraisedDenominator, e.AdjustmentReason, e.AdjustedBy })
                    .ToListAsync(cancellationToken))
                    .OrderBy(a => a.Month).ThenBy(a => a.Criterion, StringComparer.Ordinal)
                    .Select(a => new AdjustmentLine(a.Month, a.Criterion, Inputs(a.Value, a.Denominator), Inputs(a.AppraisedValue, a.AppraisedDenominator), a.AdjustmentReason, a.AdjustedBy))
                    .ToList();
            }

            string? NameOf(string? code) => code is null ? null : units.FirstOrDefault(u => u.UnitCode == code) is { } u ? CultureText.Pick(u.NameVi, u.NameEn) : code;
            int? RankOf(string? code, bool inBlock) => units.FirstOrDefault(u => u.UnitCode == code) is not { } u ? null
                : (alone, inBlock) switch
                {
                    (true, true) => u.MonthBlockRank,
                    (true, false) => u.MonthOverallRank,
                    (false, true) => u.BlockRank,
                    (false, false) => u.OverallRank,
                };
            var band = campaign.Classification.FirstOrDefault(c => c.Code == explanation.Classification);
            return new Result(unit.UnitCode, CultureText.Pick(unit.NameVi, unit.NameEn), unit.BlockCode, CultureText.Pick(unit.BlockTitleVi, unit.BlockTitleEn),
                campaign.Year, month, query.Period, explanation, band?.Title.For(culture) ?? explanation.Classification,
                NameOf(explanation.Overall.Above), RankOf(explanation.Overall.Above, false),
                NameOf(explanation.InBlock.Above), RankOf(explanation.InBlock.Above, true), criteriaLines, areaLines, adjustments, year.PublishedMonths);
        }

        private static string? Inputs(string? value, string? denominator) => denominator is null ? value : $"{value} / {denominator}";
    }
}
