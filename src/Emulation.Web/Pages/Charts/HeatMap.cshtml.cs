using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Rankings;
using Emulation.Web.Pages.Verification;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Charts;

/// <summary>
/// Every unit × every campaign month at a glance: the month's state and, once published, its
/// score coloured by classification. Each cell also says it in text and a symbol, so the table
/// reads without colour. For verifiers, administrators and the committee.
/// </summary>
public sealed class HeatMapModel(IMediator mediator) : PageModel
{
    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(string? block, CancellationToken ct) =>
        Data = await mediator.Send(new Query(User, block), ct);

    /// <summary>One unit's month: its state; the published score, classification and lateness once published.</summary>
    public sealed record Cell(int Month, SubmissionStatus Status, bool Begun, decimal? Score, string? Classification, bool Late);

    public sealed record Row(string UnitCode, string UnitName, IReadOnlyList<Cell> Cells);

    public sealed record BlockRows(string Code, string Title, IReadOnlyList<Row> Rows);

    public sealed record Result(
        int Year,
        IReadOnlyList<int> Months,
        IReadOnlyList<int> PublishedMonths,
        IReadOnlyList<(string Code, string Title)> Blocks,
        string? Block,
        IReadOnlyList<BlockRows> Rows,
        IReadOnlyList<(string Code, string Title, decimal Min)> Classifications);

    public sealed record Query(ClaimsPrincipal User, string? Block) : IRequest<Result>;

    public sealed class Handler(EmulationDb db, CampaignCatalog catalog, BusinessClock clock, PublishedResults results) : IRequestHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!ChartRights.ReadsEveryUnit(query.User))
            {
                throw new NotFoundException();
            }

            var campaign = catalog.Current(clock.Today) ?? throw new NotFoundException();
            var today = clock.Today;
            var members = await ExpectedUnits.List(db, campaign, cancellationToken);
            var blocks = members.Select(m => (m.Block, m.BlockTitle)).Distinct().ToList();
            if (!string.IsNullOrEmpty(query.Block) && blocks.All(b => b.Block != query.Block))
            {
                throw new NotFoundException();
            }

            var block = string.IsNullOrEmpty(query.Block) ? null : query.Block;
            var states = (await db.Submissions.AsNoTracking().Where(s => s.CampaignId == campaign.Id)
                .Select(s => new { s.UnitId, s.Month, s.Status, s.LockedFrom })
                .ToListAsync(cancellationToken))
                .ToDictionary(s => (s.UnitId, s.Month), s => s.Status == SubmissionStatus.Locked && s.LockedFrom == SubmissionStatus.Missing ? SubmissionStatus.Missing : s.Status);
            var year = await results.Year(campaign, cancellationToken);
            var published = year.PublishedMonths.ToDictionary(m => m, m => year.Of(m)!.ToDictionary(u => u.UnitCode, StringComparer.Ordinal));

            var rows = members.Where(m => block is null || m.Block == block)
                .GroupBy(m => (m.Block, m.BlockTitle))
                .Select(g => new BlockRows(g.Key.Block, g.Key.BlockTitle, [.. g.Select(m => new Row(m.Code, m.Name, [.. campaign.Months.Select(month =>
                {
                    var snapshot = published.TryGetValue(month, out var units) ? units.GetValueOrDefault(m.Code) : null;
                    var status = states.GetValueOrDefault((m.UnitId, month), SubmissionStatus.NotStarted);
                    return new Cell(month, snapshot?.Missing == true ? SubmissionStatus.Missing : status, new DateOnly(campaign.Year, month, 1) <= today,
                        snapshot?.MonthTotal, snapshot?.MonthClassification, snapshot?.Late ?? false);
                })]))]))
                .ToList();
            var culture = System.Globalization.CultureInfo.CurrentUICulture;
            return new Result(campaign.Year, [.. campaign.Months], year.PublishedMonths, blocks, block, rows,
                [.. campaign.Classification.Select(c => (c.Code, c.Title.For(culture), c.Min))]);
        }
    }
}

/// <summary>The symbol of each state: the heat map reads without colour.</summary>
public static class StateSymbols
{
    public static string Of(SubmissionStatus status) => status switch
    {
        SubmissionStatus.NotStarted => "○",
        SubmissionStatus.Draft => "✎",
        SubmissionStatus.Submitted => "↑",
        SubmissionStatus.Returned => "↩",
        SubmissionStatus.Verified => "✓",
        SubmissionStatus.Disputed => "!",
        SubmissionStatus.Locked => "■",
        SubmissionStatus.Missing => "✗",
        _ => "?",
    };
}
