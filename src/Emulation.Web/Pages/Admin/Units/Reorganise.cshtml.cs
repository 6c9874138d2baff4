using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Admin.Units;

/// <summary>
/// Merge several units into one (a new unit or one valid on the date) and split one unit into
/// several new ones, from a date (Administrators only). The predecessors end the day before; their
/// submissions, publications and blocks keep them, so past campaigns keep their units, names and scores.
/// </summary>
public sealed class ReorganiseModel(IMediator mediator) : PageModel, IReloadAfterRefusal
{
    public const int SplitRows = 4;
    public const int MaxPredecessors = 50;

    public View Data { get; private set; } = null!;

    /// <summary>The unit whose line led here (preselected in both forms).</summary>
    [BindProperty(SupportsGet = true, Name = "unit")]
    public string? Preselected { get; set; }

    [BindProperty]
    public MergeForm Merge { get; set; } = new();

    [BindProperty]
    public SplitForm Split { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        Merge.Date = Split.Date = Data.SuggestedDate;
        if (Preselected is { Length: > 0 } code)
        {
            Merge.Units = [code];
            Split.Unit = code;
            Merge.Kind = Split.Kind = Data.Units.FirstOrDefault(u => u.Code == code)?.KindCode;
        }
    }

    public async Task ReloadAsync(CancellationToken ct) => Data = await mediator.Send(new Query(), ct);

    public async Task<IActionResult> OnPostMergeAsync(CancellationToken ct)
    {
        var m = Merge;
        var into = await mediator.Send(new MergeUnits(User, m.Units, m.Date, m.Into == "existing" ? m.Successor : null,
            m.Into == "existing" ? null : new NewUnit(m.Code, m.NameVi, m.NameEn, m.Kind, m.Parent), m.Reason, m.Confirmed), ct);
        return RedirectToPage("Index", new { done = "Units.Merged", code = into, q = into });
    }

    public async Task<IActionResult> OnPostSplitAsync(CancellationToken ct)
    {
        var s = Split;
        var codes = await mediator.Send(new SplitUnit(User, s.Unit, s.Date, [.. s.New.Take(SplitRows).Select(n => new NewUnit(n.Code, n.NameVi, n.NameEn, s.Kind, s.Parent))], s.Reason, s.Confirmed), ct);
        return RedirectToPage("Index", new { done = "Units.SplitDone", code = s.Unit, q = s.Unit });
    }

    public sealed class MergeForm
    {
        public List<string> Units { get; set; } = [];
        public DateOnly? Date { get; set; }

        /// <summary>"new" (a unit created by the merge) or "existing".</summary>
        public string Into { get; set; } = "new";

        public string? Successor { get; set; }
        public string? Code { get; set; }
        public string? NameVi { get; set; }
        public string? NameEn { get; set; }
        public string? Kind { get; set; }
        public string? Parent { get; set; }
        public string? Reason { get; set; }
        public bool Confirmed { get; set; }
    }

    public sealed class SplitForm
    {
        public string? Unit { get; set; }
        public DateOnly? Date { get; set; }
        public List<SplitRow> New { get; set; } = [.. Enumerable.Range(0, SplitRows).Select(_ => new SplitRow())];
        public string? Kind { get; set; }
        public string? Parent { get; set; }
        public string? Reason { get; set; }
        public bool Confirmed { get; set; }
    }

    public sealed class SplitRow
    {
        public string? Code { get; set; }
        public string? NameVi { get; set; }
        public string? NameEn { get; set; }
    }

    public sealed record UnitChoice(string Code, string Name, string KindCode, string Group, DateOnly? ValidFrom, DateOnly? ValidTo);

    public sealed record View(IReadOnlyList<UnitChoice> Units, IReadOnlyList<(string Code, string Name)> Kinds, DateOnly Today, DateOnly SuggestedDate);

    public sealed record Query : IRequest<View>;

    /// <summary>Merges <paramref name="Predecessors"/> (two or more) into <paramref name="Existing"/> or a <paramref name="New"/> unit; returns the successor's code.</summary>
    public sealed record MergeUnits(ClaimsPrincipal User, IReadOnlyList<string> Predecessors, DateOnly? From, string? Existing, NewUnit? New, string? Reason, bool Confirmed) : IRequest<string>;

    /// <summary>Splits <paramref name="Predecessor"/> into the <paramref name="New"/> units (blank rows ignored, one at least); returns their codes.</summary>
    public sealed record SplitUnit(ClaimsPrincipal User, string? Predecessor, DateOnly? From, IReadOnlyList<NewUnit> New, string? Reason, bool Confirmed) : IRequest<IReadOnlyList<string>>;

    public sealed class Handler(EmulationDb db, BusinessClock clock, Successions successions)
        : IRequestHandler<Query, View>, IRequestHandler<MergeUnits, string>, IRequestHandler<SplitUnit, IReadOnlyList<string>>
    {
        public async ValueTask<View> Handle(Query query, CancellationToken cancellationToken)
        {
            var english = CultureText.IsEnglish;
            var units = await db.Units.AsNoTracking()
                .Select(u => new { u.Code, u.NameVi, u.NameEn, u.KindCode, Kind = english ? u.Kind!.NameEn : u.Kind!.NameVi, ParentVi = u.Parent!.NameVi, ParentEn = u.Parent.NameEn, u.ValidFrom, u.ValidTo })
                .ToListAsync(cancellationToken);
            var kinds = await db.UnitKinds.AsNoTracking().OrderBy(k => k.Code).Select(k => new { k.Code, Name = english ? k.NameEn : k.NameVi }).ToListAsync(cancellationToken);
            var choices = units
                .Select(u => new UnitChoice(u.Code, english ? u.NameEn : u.NameVi, u.KindCode, (english ? u.ParentEn : u.ParentVi) ?? u.Kind, u.ValidFrom, u.ValidTo))
                .OrderBy(u => u.Group, StringComparer.CurrentCulture).ThenBy(u => u.Name, StringComparer.CurrentCulture).ToList();
            var today = clock.Today;
            return new View(choices, [.. kinds.Select(k => (k.Code, k.Name))], today, new DateOnly(today.Year, today.Month, 1).AddMonths(1));
        }

        public async ValueTask<string> Handle(MergeUnits command, CancellationToken cancellationToken)
        {
            var who = Administrator(command.User);
            var (from, reason) = Check(command.From, command.Reason, command.Confirmed);
            var codes = command.Predecessors.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
            if (codes.Count < 2)
            {
                throw new DomainException("Succession.MergeNeedsTwo");
            }

            if (codes.Count > MaxPredecessors)
            {
                throw new DomainException("Succession.TooMany", MaxPredecessors);
            }

            var predecessors = new List<Domain.Unit>();
            foreach (var code in codes)
            {
                predecessors.Add(await successions.Find(code, command.User, cancellationToken));
            }

            Domain.Unit successor;
            if (command.Existing is { Length: > 0 } existing)
            {
                successor = await successions.Find(existing, command.User, cancellationToken);
                if (codes.Contains(successor.Code))
                {
                    throw new DomainException("Succession.SameUnit", successor.Code);
                }

                if (!successor.IsValidOn(from))
                {
                    throw new DomainException("Succession.SuccessorNotValid", successor.Code, from.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            else
            {
                successor = await successions.Create(who, command.New ?? throw new DomainException("Succession.NoSuccessor"), from, new HashSet<string>(StringComparer.Ordinal), cancellationToken);
            }

            await successions.Record(who, SuccessionKind.Merge, predecessors, [successor], from, reason, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return successor.Code;
        }

        public async ValueTask<IReadOnlyList<string>> Handle(SplitUnit command, CancellationToken cancellationToken)
        {
            var who = Administrator(command.User);
            var (from, reason) = Check(command.From, command.Reason, command.Confirmed);
            if (string.IsNullOrWhiteSpace(command.Predecessor))
            {
                throw new DomainException("Succession.ChooseUnit");
            }

            var predecessor = await successions.Find(command.Predecessor, command.User, cancellationToken);
            var rows = command.New.Take(SplitRows).Where(n => !n.IsEmpty).ToList();
            if (rows.Count == 0)
            {
                throw new DomainException("Succession.NoSuccessor");
            }

            var taken = new HashSet<string>(StringComparer.Ordinal);
            var successors = new List<Domain.Unit>();
            foreach (var row in rows)
            {
                successors.Add(await successions.Create(who, row, from, taken, cancellationToken));
            }

            await successions.Record(who, SuccessionKind.Split, [predecessor], successors, from, reason, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return [.. successors.Select(s => s.Code)];
        }

        private static (DateOnly From, string Reason) Check(DateOnly? from, string? reason, bool confirmed)
        {
            var date = from ?? throw new DomainException("Units.DateRequired");
            var clean = UnitSuccession.CheckReason(reason);
            return confirmed ? (date, clean) : throw new DomainException("Succession.ConfirmRequired");
        }

        private static string Administrator(ClaimsPrincipal user) =>
            user.IsInRole(Roles.Administrator) && user.Identity?.Name is { } name ? name : throw new ForbiddenException();
    }
}
