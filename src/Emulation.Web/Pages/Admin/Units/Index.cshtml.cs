using System.Globalization;
using System.Security.Claims;
using Emulation.Core.Units;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Emulation.Web.Pages.Admin.Units;

/// <summary>
/// The units (Administrators only): the tree grouped by district with the departments beside,
/// searchable; add, rename and end a unit; units of the units file the database lacks, to import;
/// blocks of the file naming units the database lacks, shown as errors.
/// </summary>
public sealed partial class IndexModel(IMediator mediator) : PageModel, IReloadAfterRefusal
{
    public View Data { get; private set; } = null!;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? NameVi { get; set; }

    [BindProperty]
    public string? NameEn { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Parent { get; set; }

    [BindProperty]
    public DateOnly? Date { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public List<string> Import { get; set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Data = await mediator.Send(new Query(Search), ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        await mediator.Send(new Add(User, Code, NameVi, NameEn, Kind, Parent, Date), ct);
        return Done("Units.Added", Code);
    }

    public async Task<IActionResult> OnPostRenameAsync(CancellationToken ct)
    {
        await mediator.Send(new Rename(User, Code, NameVi, NameEn, Reason), ct);
        return Done("Units.Renamed", Code);
    }

    public async Task<IActionResult> OnPostEndAsync(CancellationToken ct)
    {
        await mediator.Send(new End(User, Code, Date, Reason), ct);
        return Done("Units.Ended", Code);
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken ct)
    {
        var count = await mediator.Send(new ImportFromFile(User, Import), ct);
        TempData["Flash"] = count.ToString(CultureInfo.InvariantCulture);
        return RedirectToPage(new { done = "Units.Imported" });
    }

    private RedirectToPageResult Done(string key, string? code) => RedirectToPage(new { done = key, code });

    public sealed record Row(string Code, string Name, string Kind, string? ParentCode, DateOnly? ValidFrom, DateOnly? ValidTo, bool Active, string NameVi, string NameEn,
        IReadOnlyList<SuccessionNote> Successions);

    /// <summary>A reorganisation seen from one unit: "merged into X", "split into X, Y", "merged from A, B", "split from A" from a date.</summary>
    public sealed record SuccessionNote(SuccessionKind Kind, bool Onward, DateOnly From, IReadOnlyList<(string Code, string Name)> Others);

    /// <summary>A district with its communes, or a kind of unit without a parent (departments).</summary>
    public sealed record Group(string Title, Row? Head, IReadOnlyList<Row> Members);

    public sealed record Missing(string Code, string Name, string Kind, string? Parent);

    public sealed record BlockError(string CampaignId, string Block, string UnitCode);

    public sealed record View(IReadOnlyList<Group> Groups, int Count, IReadOnlyList<Missing> FromFile, IReadOnlyList<BlockError> BlockErrors, IReadOnlyList<string> FileErrors,
        IReadOnlyList<(string Code, string Name)> Kinds, IReadOnlyList<(string Code, string Name)> Parents, DateOnly Today);

    public sealed record Query(string? Search) : IRequest<View>;

    public sealed record Add(ClaimsPrincipal User, string? Code, string? NameVi, string? NameEn, string? Kind, string? Parent, DateOnly? ValidFrom) : IRequest<Mediator.Unit>;

    public sealed record Rename(ClaimsPrincipal User, string? Code, string? NameVi, string? NameEn, string? Reason) : IRequest<Mediator.Unit>;

    public sealed record End(ClaimsPrincipal User, string? Code, DateOnly? LastDay, string? Reason) : IRequest<Mediator.Unit>;

    public sealed record ImportFromFile(ClaimsPrincipal User, IReadOnlyList<string> Codes) : IRequest<int>;

    public sealed class Handler(EmulationDb db, AuditLog audit, BusinessClock clock, CampaignCatalog catalog, IOptions<EmulationOptions> options, Successions successions)
        : IRequestHandler<Query, View>, IRequestHandler<Add, Mediator.Unit>, IRequestHandler<Rename, Mediator.Unit>, IRequestHandler<End, Mediator.Unit>, IRequestHandler<ImportFromFile, int>
    {
        public const int MaxSearchLength = 100;
        public const int MaxReasonLength = 1000;

        public async ValueTask<View> Handle(Query query, CancellationToken cancellationToken)
        {
            var english = CultureText.IsEnglish;
            var kinds = await db.UnitKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => english ? k.NameEn : k.NameVi, cancellationToken);
            var units = await db.Units.AsNoTracking().OrderBy(u => u.Code).ToListAsync(cancellationToken);
            var today = clock.Today;
            var byId = units.ToDictionary(u => u.Id);
            var lines = await db.UnitSuccessions.AsNoTracking().OrderBy(s => s.Id)
                .Select(s => new { s.PredecessorId, s.SuccessorId, s.EffectiveFrom, s.Kind }).ToListAsync(cancellationToken);
            (string, string) Named(int id) => (byId[id].Code, english ? byId[id].NameEn : byId[id].NameVi);
            List<SuccessionNote> NotesOf(int id) =>
            [
                .. lines.Where(l => l.PredecessorId == id).GroupBy(l => (l.Kind, l.EffectiveFrom))
                    .Select(g => new SuccessionNote(g.Key.Kind, true, g.Key.EffectiveFrom, [.. g.Select(l => Named(l.SuccessorId))])),
                .. lines.Where(l => l.SuccessorId == id).GroupBy(l => (l.Kind, l.EffectiveFrom))
                    .Select(g => new SuccessionNote(g.Key.Kind, false, g.Key.EffectiveFrom, [.. g.Select(l => Named(l.PredecessorId))])),
            ];
            Row RowOf(Domain.Unit u) => new(u.Code, english ? u.NameEn : u.NameVi, kinds.GetValueOrDefault(u.KindCode, u.KindCode),
                u.ParentId is { } p ? byId[p].Code : null, u.ValidFrom, u.ValidTo, u.IsValidOn(today), u.NameVi, u.NameEn, NotesOf(u.Id));
            var search = (query.Search ?? "").Trim();
            search = search.Length > MaxSearchLength ? search[..MaxSearchLength] : search;
            var folded = Fold(search);
            bool Matches(Row r) => search.Length == 0
                || r.Code.Contains(search, StringComparison.OrdinalIgnoreCase)
                || Fold(r.Name).Contains(folded, StringComparison.Ordinal);

            var parents = units.Where(u => units.Any(c => c.ParentId == u.Id)).ToList();
            var groups = new List<Group>();
            foreach (var kind in units.Where(u => u.ParentId is null && !parents.Contains(u)).GroupBy(u => u.KindCode).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var members = kind.Select(RowOf).Where(Matches).OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList();
                if (members.Count > 0)
                {
                    groups.Add(new Group(kinds.GetValueOrDefault(kind.Key, kind.Key), null, members));
                }
            }

            foreach (var parent in parents.OrderBy(p => english ? p.NameEn : p.NameVi, StringComparer.CurrentCulture))
            {
                var head = RowOf(parent);
                var children = units.Where(c => c.ParentId == parent.Id).Select(RowOf).ToList();
                var members = Matches(head) ? children : children.Where(Matches).ToList();
                if (Matches(head) || members.Count > 0)
                {
                    groups.Add(new Group(head.Name, head, members.OrderBy(r => r.Name, StringComparer.CurrentCulture).ToList()));
                }
            }

            var (fromFile, blockErrors, fileErrors) = ReadFile(units.Select(u => u.Code).ToHashSet(StringComparer.Ordinal), kinds);
            return new View(groups, units.Count, fromFile, blockErrors, fileErrors,
                kinds.Select(k => (k.Key, k.Value)).OrderBy(k => k.Key, StringComparer.Ordinal).ToList(),
                units.Where(u => u.IsValidOn(today)).Select(u => (u.Code, english ? u.NameEn : u.NameVi)).ToList(), today);
        }

        public async ValueTask<Mediator.Unit> Handle(Add command, CancellationToken cancellationToken)
        {
            var who = Administrator(command.User);
            await successions.Create(who, new NewUnit(command.Code, command.NameVi, command.NameEn, command.Kind, command.Parent), command.ValidFrom ?? clock.Today,
                new HashSet<string>(StringComparer.Ordinal), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return Mediator.Unit.Value;
        }

        public async ValueTask<Mediator.Unit> Handle(Rename command, CancellationToken cancellationToken)
        {
            var who = Administrator(command.User);
            var unit = await successions.Find(command.Code, command.User, cancellationToken);
            var old = $"{unit.NameVi} / {unit.NameEn}";
            unit.Rename(command.NameVi, command.NameEn);
            audit.Write(who, AuditActions.UnitRenamed, $"unit:{unit.Code}", old, $"{unit.NameVi} / {unit.NameEn}", Reason(command.Reason), unit.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Mediator.Unit.Value;
        }

        public async ValueTask<Mediator.Unit> Handle(End command, CancellationToken cancellationToken)
        {
            var who = Administrator(command.User);
            var unit = await successions.Find(command.Code, command.User, cancellationToken);
            var lastDay = command.LastDay ?? throw new DomainException("Units.DateRequired");
            // A month after the last day that the unit has already begun keeps it: its figures are not orphaned.
            await successions.RequireNoLaterMonths(unit, lastDay, cancellationToken);

            var old = unit.ValidTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            unit.End(lastDay);
            audit.Write(who, AuditActions.UnitEnded, $"unit:{unit.Code}", old, lastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Reason(command.Reason), unit.Id);
            await db.SaveChangesAsync(cancellationToken);
            return Mediator.Unit.Value;
        }

        public async ValueTask<int> Handle(ImportFromFile command, CancellationToken cancellationToken)
        {
            var who = Administrator(command.User);
            var file = OrganisationLoader.LoadFile(options.Value.UnitsPath, catalog.Campaigns).Value ?? throw new DomainException("Units.FileBroken");
            var existing = await db.Units.ToDictionaryAsync(u => u.Code, cancellationToken);
            var kinds = await db.UnitKinds.ToDictionaryAsync(k => k.Code, cancellationToken);
            var wanted = command.Codes.Take(1000).ToHashSet(StringComparer.Ordinal);
            var added = new List<Domain.Unit>();
            foreach (var u in file.Units.Where(u => wanted.Contains(u.Code) && !existing.ContainsKey(u.Code)))
            {
                var kind = kinds.GetValueOrDefault(u.Kind) ?? throw new DomainException("Units.NoKind");
                var unit = Domain.Unit.Create(u.Code, u.Name.Vi, u.Name.En, kind, u.ValidFrom, u.ValidTo);
                existing[u.Code] = unit;
                added.Add(unit);
                db.Units.Add(unit);
            }

            if (added.Count == 0)
            {
                throw new DomainException("Units.NothingToImport");
            }

            foreach (var unit in added)
            {
                if (file.FindUnit(unit.Code)!.Parent is { } parent)
                {
                    unit.PlaceUnder(existing.GetValueOrDefault(parent) ?? throw new DomainException("Units.NoParent", parent));
                }
            }

            audit.Write(who, AuditActions.UnitImported, "units", null, string.Join(", ", added.Select(u => u.Code)), $"imported from {Path.GetFileName(options.Value.UnitsPath)}");
            await db.SaveChangesAsync(cancellationToken);
            return added.Count;
        }

        private (IReadOnlyList<Missing>, IReadOnlyList<BlockError>, IReadOnlyList<string>) ReadFile(HashSet<string> codes, Dictionary<string, string> kinds)
        {
            var loaded = OrganisationLoader.LoadFile(options.Value.UnitsPath, catalog.Campaigns);
            if (loaded.Value is not { } file)
            {
                // Printed as `emulation validate` prints them.
                return ([], [], loaded.Errors.Select(e => e.ToString()).ToList());
            }

            var english = CultureText.IsEnglish;
            var missing = file.Units.Where(u => !codes.Contains(u.Code))
                .Select(u => new Missing(u.Code, english ? u.Name.En : u.Name.Vi, kinds.GetValueOrDefault(u.Kind, u.Kind), u.Parent)).ToList();
            var errors = file.Blocks.SelectMany(c => c.Value.SelectMany(b => b.Units.Where(code => !codes.Contains(code)).Select(code => new BlockError(c.Key, b.Code, code))))
                .OrderBy(e => e.CampaignId, StringComparer.Ordinal).ThenBy(e => e.Block, StringComparer.Ordinal).ToList();
            return (missing, errors, []);
        }

        /// <summary>
        /// A name without its marks, lower case, đ as d, so "quon long" finds "Quơn Long" (the vi-VN
        /// collation keeps ơ, ư, ă, â, ê, ô and đ as letters of their own, so ignoring non-spacing marks is not enough).
        /// </summary>
        private static string Fold(string text)
        {
            var decomposed = text.Normalize(System.Text.NormalizationForm.FormD);
            var builder = new System.Text.StringBuilder(decomposed.Length);
            foreach (var c in decomposed)
            {
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                {
                    builder.Append(c is 'đ' or 'Đ' ? 'd' : char.ToLowerInvariant(c));
                }
            }

            return builder.ToString();
        }

        private static string? Reason(string? reason)
        {
            var clean = reason?.Trim();
            return clean is { Length: > MaxReasonLength } ? throw new DomainException("Units.ReasonTooLong", MaxReasonLength) : clean is { Length: > 0 } ? clean : null;
        }

        private static string Administrator(ClaimsPrincipal user) =>
            user.IsInRole(Roles.Administrator) && user.Identity?.Name is { } name ? name : throw new ForbiddenException();

    }
}
