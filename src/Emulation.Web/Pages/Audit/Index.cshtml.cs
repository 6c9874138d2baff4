using System.Globalization;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Audit;

/// <summary>
/// The audit log, read-only: filtered by unit, month, person, action and dates, 50 lines a page,
/// newest first, and the filtered lines as CSV. Nothing here changes a line (the database refuses it anyway).
/// </summary>
public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer, BusinessClock clock) : PageModel
{
    public const int PageSize = 50;
    public const int CsvLimit = 100_000;

    /// <summary>Values longer than this show their start, the whole text behind a "more".</summary>
    public const int ShortValueLength = 200;

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Month { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Who { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Act { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    /// <summary>"p", not "page": Razor Pages keeps "page" for the page's own route value.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public string? PageNumber { get; set; }

    public AuditFilter Filter => new(Unit, Month, Who, Act, From, To);

    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Data = await mediator.Send(new Query(Filter, RequestedPage()), ct);
        ShowProblems();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        var outcome = await mediator.Send(new CsvQuery(Filter, CsvLimit, OpenDownload), ct);
        if (outcome.Problems.Count == 0)
        {
            return new EmptyResult();
        }

        Data = await mediator.Send(new Query(Filter, 1), ct);
        ShowProblems();
        return Page();
    }

    /// <summary>
    /// The log is read-only: a request no handler answers (any post, even with a valid token) is
    /// refused rather than rendered without its data.
    /// </summary>
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HandlerMethod is null)
        {
            Response.Headers.Allow = "GET, HEAD";
            context.Result = StatusCode(StatusCodes.Status405MethodNotAllowed);
        }
    }

    /// <summary>A link to page <paramref name="number"/> of the same filter.</summary>
    public string PageLink(int number)
    {
        var values = Filter.Parameters();
        if (number > 1)
        {
            values["p"] = number.ToString(CultureInfo.InvariantCulture);
        }

        return Url.Page("Index", new RouteValueDictionary(values))!;
    }

    public string CsvLink()
    {
        var values = Filter.Parameters();
        values["handler"] = "Csv";
        return Url.Page("Index", new RouteValueDictionary(values))!;
    }

    private Stream OpenDownload()
    {
        Response.ContentType = "text/csv; charset=utf-8";
        var name = $"nhat-ky-{clock.VietnamNow:yyyyMMdd-HHmm}.csv";
        Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        return Response.Body;
    }

    /// <summary>Page numbers below 1 or unreadable are the first page; beyond the end, the last.</summary>
    private int RequestedPage() =>
        int.TryParse(PageNumber, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : 1;

    private void ShowProblems()
    {
        foreach (var problem in Data.Problems)
        {
            ModelState.AddModelError(problem.Field, localizer[problem.Key, problem.Args]);
        }
    }

    public sealed record UnitOption(int Id, string Code, string Name);

    public sealed record Line(long Id, DateTime AtUtc, string Who, string Action, string Entity, string? OldValue, string? NewValue, string? Reason, int? UnitId, int? Month);

    public sealed record Result(
        IReadOnlyList<UnitOption> Units,
        IReadOnlyList<string> Actions,
        IReadOnlyList<AuditProblem> Problems,
        IReadOnlyList<Line> Lines,
        int Total,
        int Page,
        int Pages,
        int RequestedPage);

    public sealed record Query(AuditFilter Filter, int Page) : IRequest<Result>;

    public sealed class Handler(EmulationDb db) : IRequestHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var (units, actions, search, problems) = await Choices.Load(db, query.Filter, cancellationToken);
            if (search is null)
            {
                return new Result(units, actions, problems, [], 0, 1, 0, query.Page);
            }

            var lines = search.Apply(db.AuditEntries.AsNoTracking());
            var total = await lines.CountAsync(cancellationToken);
            var pages = (total + PageSize - 1) / PageSize;
            var page = Math.Clamp(query.Page, 1, Math.Max(pages, 1));
            // Ordered by id: ids only grow, so the newest line has the largest, and unlike a time
            // two lines never tie; the primary key orders without a sort.
            var shown = await Project(lines.OrderByDescending(a => a.Id).Skip((page - 1) * PageSize).Take(PageSize))
                .ToListAsync(cancellationToken);
            return new Result(units, actions, problems, shown, total, page, pages, query.Page);
        }
    }

    /// <summary>Writes the filtered lines (at most <see cref="Limit"/>) as CSV to the stream <see cref="Open"/> gives, unless the filter is wrong.</summary>
    public sealed record CsvQuery(AuditFilter Filter, int Limit, Func<Stream> Open) : IRequest<CsvOutcome>;

    public sealed record CsvOutcome(IReadOnlyList<AuditProblem> Problems, int Lines);

    public sealed class CsvHandler(EmulationDb db, IStringLocalizer<SharedResource> localizer) : IRequestHandler<CsvQuery, CsvOutcome>
    {
        public async ValueTask<CsvOutcome> Handle(CsvQuery query, CancellationToken cancellationToken)
        {
            var (units, _, search, problems) = await Choices.Load(db, query.Filter, cancellationToken);
            if (search is null)
            {
                return new CsvOutcome(problems, 0);
            }

            var codes = units.ToDictionary(u => u.Id, u => u.Code);
            string[] header =
            [
                localizer["Audit.Csv.Id"], localizer["Audit.Csv.When"], localizer["Audit.Who"], localizer["Audit.Csv.ActionCode"],
                localizer["Audit.Action"], localizer["Audit.Entity"], localizer["Audit.Csv.Unit"], localizer["Audit.Csv.Month"],
                localizer["Audit.Old"], localizer["Audit.New"], localizer["Audit.Reason"],
            ];
            var lines = Project(search.Apply(db.AuditEntries.AsNoTracking()).OrderByDescending(a => a.Id).Take(query.Limit)).AsAsyncEnumerable();
            var written = await AuditCsv.WriteAsync(query.Open(), header, Rows(lines, codes), cancellationToken);
            return new CsvOutcome(problems, written);
        }

        private async IAsyncEnumerable<IReadOnlyList<string?>> Rows(IAsyncEnumerable<Line> lines, Dictionary<int, string> codes)
        {
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            await foreach (var line in lines)
            {
                if (!labels.TryGetValue(line.Action, out var label))
                {
                    labels[line.Action] = label = AuditActionLabel.For(localizer, line.Action);
                }

                yield return
                [
                    line.Id.ToString(CultureInfo.InvariantCulture),
                    BusinessClock.ToVietnam(line.AtUtc).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    line.Who,
                    line.Action,
                    label,
                    line.Entity,
                    line.UnitId is { } unit ? codes.GetValueOrDefault(unit, unit.ToString(CultureInfo.InvariantCulture)) : null,
                    line.Month?.ToString(CultureInfo.InvariantCulture),
                    line.OldValue,
                    line.NewValue,
                    line.Reason,
                ];
            }
        }
    }

    private static IQueryable<Line> Project(IQueryable<AuditEntry> entries) =>
        entries.Select(a => new Line(a.Id, a.AtUtc, a.Who, a.Action, a.Entity, a.OldValue, a.NewValue, a.Reason, a.UnitId, a.Month));

    /// <summary>The form's choices (units, the actions present) and the filter checked against them.</summary>
    private static class Choices
    {
        public static async Task<(List<UnitOption> Units, List<string> Actions, AuditSearch? Search, IReadOnlyList<AuditProblem> Problems)> Load(
            EmulationDb db, AuditFilter filter, CancellationToken cancellationToken)
        {
            var units = (await db.Units.AsNoTracking().OrderBy(u => u.Code)
                    .Select(u => new { u.Id, u.Code, u.NameVi, u.NameEn })
                    .ToListAsync(cancellationToken))
                .Select(u => new UnitOption(u.Id, u.Code, CultureText.Pick(u.NameVi, u.NameEn)))
                .ToList();
            var actions = await AuditSearch.ActionsAsync(db, cancellationToken);
            var (search, problems) = filter.Check(units.ToDictionary(u => u.Code, u => u.Id, StringComparer.OrdinalIgnoreCase), actions);
            return (units, actions, search, problems);
        }
    }
}
