using System.Security.Claims;

namespace Emulation.Web.Infrastructure;

/// <summary>The roles of the workflow (criteria/README.md, "Workflow"), as Identity role names.</summary>
public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string Verifier = nameof(Verifier);
    public const string CommitteeChair = nameof(CommitteeChair);
    public const string CommitteeMember = nameof(CommitteeMember);
    public const string UnitHead = nameof(UnitHead);
    public const string UnitStaff = nameof(UnitStaff);

    public static IReadOnlyList<string> All { get; } =
        [Administrator, Verifier, CommitteeChair, CommitteeMember, UnitHead, UnitStaff];
}

/// <summary>Claims the application adds to a user.</summary>
public static class EmulationClaims
{
    /// <summary>The code of the unit a user belongs to (e.g. <c>CHOGAO</c>).</summary>
    public const string Unit = "unit";

    public static string? UnitCode(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(Unit)?.Value;
    }
}
