using System.Security.Claims;
using Emulation.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Infrastructure;

/// <summary>A unit as a resource to authorize against: "a person of unit U".</summary>
public sealed record UnitResource(int Id, string Code, string KindCode);

/// <summary>What a person may do with a unit's self-assessments (the rights table of criteria/README.md).</summary>
public static class UnitOperations
{
    /// <summary>Read the unit's drafts, notes and evidence: the unit's people, verifiers, administrators.</summary>
    public static readonly OperationAuthorizationRequirement Read = new() { Name = nameof(Read) };

    /// <summary>Edit a draft, attach evidence, lodge a dispute: the unit's head and staff.</summary>
    public static readonly OperationAuthorizationRequirement Edit = new() { Name = nameof(Edit) };

    /// <summary>Submit: the unit's head, or staff the head delegated.</summary>
    public static readonly OperationAuthorizationRequirement Submit = new() { Name = nameof(Submit) };

    /// <summary>Delegate submitting to staff: the unit's head.</summary>
    public static readonly OperationAuthorizationRequirement Delegate = new() { Name = nameof(Delegate) };
}

/// <summary>
/// The one authorization handler for every unit page and handler. Belonging to a unit (the
/// <c>unit</c> claim) gives rights over it only through the unit roles: a committee member of
/// Sở Tư pháp reads nothing of Sở Tư pháp's drafts.
/// </summary>
public sealed class UnitAccessHandler(EmulationDb db) : AuthorizationHandler<OperationAuthorizationRequirement, UnitResource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationAuthorizationRequirement requirement, UnitResource resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(requirement);
        ArgumentNullException.ThrowIfNull(resource);
        var user = context.User;
        var head = user.IsInRole(Roles.UnitHead) && user.BelongsTo(resource);
        var staff = user.IsInRole(Roles.UnitStaff) && user.BelongsTo(resource);
        var allowed = requirement.Name switch
        {
            nameof(UnitOperations.Read) => head || staff || user.IsInRole(Roles.Verifier) || user.IsInRole(Roles.Administrator),
            nameof(UnitOperations.Edit) => head || staff,
            nameof(UnitOperations.Delegate) => head,
            nameof(UnitOperations.Submit) => head || (staff && await IsDelegated(user, resource)),
            _ => false,
        };
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }

    private async Task<bool> IsDelegated(ClaimsPrincipal user, UnitResource unit)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        return userId is not null && await db.SubmitDelegations.AnyAsync(d => d.UnitId == unit.Id && d.UserId == userId);
    }
}

/// <summary>
/// Loads a unit by code and checks the user may act on it. A unit that does not exist and a unit
/// the user may not touch look the same from outside — 404 — and the refusal is logged.
/// </summary>
public sealed partial class UnitAccess(EmulationDb db, IAuthorizationService authorization, ILogger<UnitAccess> logger)
{
    /// <exception cref="NotFoundException">No such unit, or the user may not do <paramref name="operation"/> on it.</exception>
    public async Task<UnitResource> Require(ClaimsPrincipal user, string? unitCode, OperationAuthorizationRequirement operation, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(operation);
        var unit = string.IsNullOrEmpty(unitCode) || unitCode.Length > 32
            ? null
            : await db.Units.Where(u => u.Code == unitCode).Select(u => new UnitResource(u.Id, u.Code, u.KindCode)).SingleOrDefaultAsync(ct);
        if (unit is null || !await May(user, unit, operation))
        {
            LogRefused(logger, user.Identity?.Name ?? "-", unitCode ?? "-", operation.Name);
            throw new NotFoundException();
        }

        return unit;
    }

    public async Task<bool> May(ClaimsPrincipal user, UnitResource unit, OperationAuthorizationRequirement operation) =>
        (await authorization.AuthorizeAsync(user, unit, operation)).Succeeded;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused: {User} may not {Operation} unit {Unit} (answered 404).")]
    private static partial void LogRefused(ILogger logger, string user, string unit, string operation);
}

/// <summary>Something the user asked for does not exist for them: answered 404, never 500.</summary>
public sealed class NotFoundException() : Exception("Not found.");

/// <summary>
/// The user may read this but not do it (an administrator on a verifier's action): answered 403.
/// Unlike <see cref="NotFoundException"/> nothing is hidden, the page was already readable.
/// </summary>
public sealed class ForbiddenException() : Exception("Forbidden.");

internal static class UnitClaims
{
    public static bool BelongsTo(this ClaimsPrincipal user, UnitResource unit) =>
        string.Equals(user.UnitCode(), unit.Code, StringComparison.Ordinal);
}
