using System.Globalization;
using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Infrastructure.Evidence;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Assessments;

/// <summary>
/// Every submitted version of a unit's month: open any of them, and see what changed between two
/// (inputs, notes, evidence), criterion by criterion.
/// </summary>
public sealed class HistoryModel(IMediator mediator) : PageModel
{
    public Result Data { get; private set; } = null!;

    public async Task OnGetAsync(string unit, int month, int? version, int? from, int? to, CancellationToken ct) =>
        Data = await mediator.Send(new Query(User, unit, month, version, from, to), ct);

    /// <summary>An evidence file as it was attached in a version, even if it was removed since.</summary>
    public async Task<IActionResult> OnGetFileAsync(string unit, int month, int version, string sha, CancellationToken ct) =>
        EvidenceModel.Send(this, await mediator.Send(new FileQuery(User, unit, month, version, sha ?? ""), ct));

    public sealed record VersionLine(int Number, DateTime SubmittedAtUtc, string SubmittedBy);

    /// <summary>One criterion's difference between two versions (null: the criterion was not in that version).</summary>
    public sealed record Change(string Criterion, string Title, VersionEntry? Before, VersionEntry? After);

    public sealed record Result(
        string UnitCode,
        string UnitName,
        int Year,
        int Month,
        IReadOnlyList<VersionLine> Versions,
        int? Shown,
        IReadOnlyList<(VersionEntry Entry, string Title)> ShownEntries,
        int? From,
        int? To,
        IReadOnlyList<Change> Changes);

    public sealed record Query(ClaimsPrincipal User, string Unit, int Month, int? Version, int? From, int? To) : IRequest<Result>;

    public sealed class Handler(UnitMonths months, EmulationDb db) : IRequestHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var loaded = await months.Load(query.User, query.Unit, query.Month, UnitOperations.Read, forUpdate: false, cancellationToken);
            var versions = loaded.Submission is null ? [] : await db.SubmissionVersions.AsNoTracking()
                .Where(v => v.SubmissionId == loaded.Submission.Id).OrderBy(v => v.Number).ToListAsync(cancellationToken);
            var titles = loaded.Month.Framework.Leaves.ToDictionary(l => l.Code, l => l.Title.For(CultureInfo.CurrentUICulture), StringComparer.Ordinal);
            string Title(string code) => titles.GetValueOrDefault(code, code);

            var shown = query.Version is { } n ? versions.FirstOrDefault(v => v.Number == n) ?? throw new NotFoundException() : null;
            var to = query.To ?? (versions.Count >= 2 ? versions[^1].Number : null);
            var from = query.From ?? (to is { } t && t > 1 ? t - 1 : null);
            var changes = new List<Change>();
            if (from is { } f && to is { } last)
            {
                var before = (versions.FirstOrDefault(v => v.Number == f) ?? throw new NotFoundException()).Entries().ToDictionary(e => e.Criterion, StringComparer.Ordinal);
                var after = (versions.FirstOrDefault(v => v.Number == last) ?? throw new NotFoundException()).Entries().ToDictionary(e => e.Criterion, StringComparer.Ordinal);
                foreach (var code in loaded.Month.Framework.Leaves.Select(l => l.Code).Where(c => before.ContainsKey(c) || after.ContainsKey(c)))
                {
                    var a = before.GetValueOrDefault(code);
                    var b = after.GetValueOrDefault(code);
                    if (!Same(a, b))
                    {
                        changes.Add(new Change(code, Title(code), a, b));
                    }
                }
            }

            return new Result(loaded.Unit.Code, loaded.UnitName, loaded.Month.Campaign.Year, loaded.Month.Month,
                [.. versions.Select(v => new VersionLine(v.Number, v.SubmittedAtUtc, v.SubmittedBy))],
                shown?.Number, shown is null ? [] : [.. shown.Entries().Select(e => (e, Title(e.Criterion)))],
                from, to, changes);
        }

        private static bool Same(VersionEntry? a, VersionEntry? b) =>
            a is not null && b is not null
            && a.Value == b.Value && a.Denominator == b.Denominator && a.Note == b.Note
            && a.Files.Select(x => x.Sha256).SequenceEqual(b.Files.Select(x => x.Sha256))
            && a.References.SequenceEqual(b.References);
    }

    public sealed record FileQuery(ClaimsPrincipal User, string Unit, int Month, int Version, string Sha) : IRequest<EvidenceModel.Download>;

    public sealed class FileHandler(UnitMonths months, EmulationDb db, EvidenceStore store) : IRequestHandler<FileQuery, EvidenceModel.Download>
    {
        public async ValueTask<EvidenceModel.Download> Handle(FileQuery query, CancellationToken cancellationToken)
        {
            var loaded = await months.Load(query.User, query.Unit, query.Month, UnitOperations.Read, forUpdate: false, cancellationToken);
            var version = loaded.Submission is null ? null : await db.SubmissionVersions.AsNoTracking()
                .SingleOrDefaultAsync(v => v.SubmissionId == loaded.Submission.Id && v.Number == query.Version, cancellationToken);
            var file = version?.Entries().SelectMany(e => e.Files).FirstOrDefault(x => x.Sha256 == query.Sha) ?? throw new NotFoundException();
            return new EvidenceModel.Download(file.Name, file.ContentType, store.Open(file.Sha256));
        }
    }
}
