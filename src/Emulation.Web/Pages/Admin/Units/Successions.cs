using System.Globalization;
using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Admin.Units;

/// <summary>A unit created by a form: by itself (add) or as the successor of a merge or a split.</summary>
public sealed record NewUnit(string? Code, string? NameVi, string? NameEn, string? Kind, string? Parent)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Code) && string.IsNullOrWhiteSpace(NameVi) && string.IsNullOrWhiteSpace(NameEn);
}

/// <summary>
/// The rules shared by the units pages: a new unit (code, names, kind, parent valid on its first day),
/// a unit ended on a day (refused when it has begun a later month), and a reorganisation (merge or
/// split from a date: predecessors end the day before, successors start on it, one
/// <see cref="UnitSuccession"/> per pair). Callers save once.
/// </summary>
public sealed partial class Successions(EmulationDb db, AuditLog audit, BusinessClock clock, CampaignCatalog catalog, ILogger<Successions> logger)
{
    /// <summary>Creates and adds a unit valid from <paramref name="from"/>; refuses a bad or existing code, an unknown kind, a parent not valid on that day.</summary>
    public async Task<Domain.Unit> Create(string who, NewUnit form, DateOnly from, ISet<string> alsoTaken, CancellationToken ct)
    {
        var code = (form.Code ?? "").Trim().ToUpperInvariant();
        if (code.Length is 0 or > Domain.Unit.MaxCodeLength || code.AsSpan().IndexOfAnyExcept("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") >= 0)
        {
            throw new DomainException("Units.BadCode", Domain.Unit.MaxCodeLength);
        }

        if (alsoTaken.Contains(code) || await db.Units.AnyAsync(u => u.Code == code, ct))
        {
            throw new DomainException("Units.CodeExists", code);
        }

        var kind = await db.UnitKinds.SingleOrDefaultAsync(k => k.Code == form.Kind, ct) ?? throw new DomainException("Units.NoKind");
        var unit = Domain.Unit.Create(code, Domain.Unit.CheckName(form.NameVi), Domain.Unit.CheckName(form.NameEn), kind, from, null);
        if (!string.IsNullOrEmpty(form.Parent))
        {
            var parent = await db.Units.SingleOrDefaultAsync(u => u.Code == form.Parent, ct) ?? throw new DomainException("Units.NoParent", form.Parent);
            if (!parent.IsValidOn(from))
            {
                throw new DomainException("Units.ParentEnded", parent.Code);
            }

            unit.PlaceUnder(parent);
        }

        alsoTaken.Add(code);
        db.Units.Add(unit);
        audit.Write(who, AuditActions.UnitAdded, $"unit:{code}", null, $"{unit.NameVi} ({kind.Code}{(form.Parent is { Length: > 0 } p ? ", " + p : "")}) from {Iso(from)}", null);
        return unit;
    }

    /// <summary>Refuses to end <paramref name="unit"/> on <paramref name="lastDay"/> when it has already begun a month after that day: its figures keep their unit.</summary>
    public async Task RequireNoLaterMonths(Domain.Unit unit, DateOnly lastDay, CancellationToken ct)
    {
        var months = await db.Submissions.AsNoTracking().Where(s => s.UnitId == unit.Id).Select(s => new { s.CampaignId, s.Month }).ToListAsync(ct);
        if (months.FirstOrDefault(m => catalog.Find(m.CampaignId) is { } c && new DateOnly(c.Year, m.Month, 1) > lastDay) is { } later)
        {
            throw new DomainException("Units.HasLaterMonths", unit.Code, later.Month, catalog.Find(later.CampaignId)!.Year);
        }
    }

    /// <summary>A unit by its code; an unknown code is a forged request (logged, 404).</summary>
    public async Task<Domain.Unit> Find(string? code, ClaimsPrincipal user, CancellationToken ct)
    {
        if (code is { Length: <= Domain.Unit.MaxCodeLength } && await db.Units.SingleOrDefaultAsync(u => u.Code == code, ct) is { } unit)
        {
            return unit;
        }

        LogUnknownUnit(logger, user.Identity?.Name ?? "-", code ?? "");
        throw new NotFoundException();
    }

    /// <summary>
    /// Records that <paramref name="predecessors"/> are succeeded by <paramref name="successors"/> from
    /// <paramref name="from"/>: each predecessor valid on the day before ends then (one whose last day
    /// already is that day, as every unit of the 2025 reorganisation, keeps it), and each pair gets a
    /// <see cref="UnitSuccession"/> and an audit line.
    /// </summary>
    public async Task Record(string who, SuccessionKind kind, IReadOnlyList<Domain.Unit> predecessors, IReadOnlyList<Domain.Unit> successors, DateOnly from, string reason, CancellationToken ct)
    {
        var lastDay = from.AddDays(-1);
        var ids = predecessors.Select(p => p.Id).ToList();
        if (await db.UnitSuccessions.Where(s => ids.Contains(s.PredecessorId)).Select(s => s.Predecessor!.Code).FirstOrDefaultAsync(ct) is { } done)
        {
            throw new DomainException("Succession.AlreadySucceeded", done);
        }

        foreach (var predecessor in predecessors)
        {
            if (!predecessor.IsValidOn(lastDay))
            {
                throw new DomainException("Succession.PredecessorNotValid", predecessor.Code, Day(lastDay));
            }

            if (predecessor.ValidTo != lastDay)
            {
                await RequireNoLaterMonths(predecessor, lastDay, ct);
                predecessor.End(lastDay);
            }
        }

        var now = clock.UtcNow;
        var action = kind == SuccessionKind.Merge ? AuditActions.UnitMerged : AuditActions.UnitSplit;
        foreach (var predecessor in predecessors)
        {
            foreach (var successor in successors)
            {
                db.UnitSuccessions.Add(UnitSuccession.Create(predecessor, successor, from, kind, reason, who, now));
            }

            audit.Write(who, action, $"unit:{predecessor.Code}", predecessor.Code, $"{string.Join(", ", successors.Select(s => s.Code))} from {Iso(from)}", reason, predecessor.Id == 0 ? null : predecessor.Id);
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Day(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{User} asked for unit '{Code}', which does not exist (answered 404).")]
    private static partial void LogUnknownUnit(ILogger logger, string user, string code);
}
