using System.Security.Claims;
using Emulation.Core.Campaigns;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Assessments;

/// <summary>A unit's month as every page of the feature needs it: who, which campaign month, and the submission if any.</summary>
public sealed record UnitMonth(UnitResource Unit, string UnitName, string? Block, MonthFramework Month, Submission? Submission);

/// <summary>
/// Loads a unit's month for a user, checking on the server that the user may do the operation on
/// that unit: another unit's month, a unit outside the campaign's blocks or a month outside the
/// campaign is a 404, whoever asks.
/// </summary>
public sealed class UnitMonths(EmulationDb db, CampaignCatalog catalog, BusinessClock clock, UnitAccess access)
{
    /// <summary>The campaign the pages show: the one running on the business date.</summary>
    public Campaign Campaign => catalog.Current(clock.Today) ?? throw new NotFoundException();

    public async Task<UnitMonth> Load(ClaimsPrincipal user, string? unitCode, int month, OperationAuthorizationRequirement operation, bool forUpdate, CancellationToken ct)
    {
        var unit = await access.Require(user, unitCode, operation, ct);
        var campaign = Campaign;
        if (!campaign.HasMonth(month) || campaign.FrameworkFor(unit.KindCode) is null)
        {
            throw new NotFoundException();
        }

        var membership = await db.BlockMemberships.Where(m => m.UnitId == unit.Id && m.CampaignId == campaign.Id)
            .Select(m => new { m.Block!.Code, Name = CultureText.IsEnglish ? m.Unit!.NameEn : m.Unit!.NameVi })
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException();

        var query = db.Submissions.Where(s => s.CampaignId == campaign.Id && s.UnitId == unit.Id && s.Month == month)
            .Include(s => s.Entries).Include(s => s.Files).Include(s => s.References).Include(s => s.Disputes)
            .AsSplitQuery();
        var submission = forUpdate ? await query.SingleOrDefaultAsync(ct) : await query.AsNoTracking().SingleOrDefaultAsync(ct);
        return new UnitMonth(unit, membership.Name, membership.Code, MonthFramework.For(campaign, unit.KindCode, month), submission);
    }

    /// <summary>The month's submission for an update: the stored one, or a new one not started yet (added to the unit of work).</summary>
    public async Task<Submission> ForUpdate(UnitMonth loaded, CancellationToken ct)
    {
        if (loaded.Submission is { } existing)
        {
            return existing;
        }

        var unit = await db.Units.SingleAsync(u => u.Id == loaded.Unit.Id, ct);
        var created = Submission.Start(unit, loaded.Month, clock.UtcNow);
        db.Submissions.Add(created);
        return created;
    }

    /// <summary>
    /// Saves the unit of work; a concurrent change (the version moved, or two first saves of the
    /// same month) is refused with the conflict message, nothing half-saved.
    /// </summary>
    public async Task Save(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException("Concurrency.Conflict");
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // A unique index: someone else started the same month at the same moment.
            throw new DomainException("Concurrency.Conflict");
        }
    }
}
