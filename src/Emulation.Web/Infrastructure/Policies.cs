using Microsoft.AspNetCore.Authorization;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// One policy per feature area. Pages are protected by folder in <see cref="AddEmulationPages"/>,
/// and the navigation asks the same policies, so a link is shown exactly when it can be followed.
/// </summary>
public static class Policies
{
    public const string Assessments = nameof(Assessments);
    public const string Verification = nameof(Verification);
    public const string Rankings = nameof(Rankings);
    public const string Awards = nameof(Awards);
    public const string Exports = nameof(Exports);
    public const string Admin = nameof(Admin);
    public const string Audit = nameof(Audit);

    /// <summary>The heat map of every unit's months and the charts of any unit.</summary>
    public const string HeatMap = nameof(HeatMap);

    public static void Configure(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Assessments, p => p.RequireRole(Roles.UnitHead, Roles.UnitStaff, Roles.Verifier, Roles.Administrator));
        // Administrators read every verification page; only verifiers act there (each handler checks).
        options.AddPolicy(Verification, p => p.RequireRole(Roles.Verifier, Roles.Administrator));
        options.AddPolicy(Rankings, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Awards, p => p.RequireRole(Roles.CommitteeChair, Roles.CommitteeMember, Roles.Verifier, Roles.Administrator));
        options.AddPolicy(Exports, p => p.RequireRole(Roles.Verifier, Roles.Administrator));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(Audit, p => p.RequireRole(Roles.Administrator, Roles.Verifier));
        options.AddPolicy(HeatMap, p => p.RequireRole(Roles.Verifier, Roles.Administrator, Roles.CommitteeChair, Roles.CommitteeMember));
        // Everything not named otherwise needs a signed-in user.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    /// <summary>Razor Pages with the feature folders bound to their policies.</summary>
    public static IMvcBuilder AddEmulationPages(this IServiceCollection services) =>
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Assessments", Assessments);
            options.Conventions.AuthorizeFolder("/Verification", Verification);
            options.Conventions.AuthorizeFolder("/Rankings", Rankings);
            options.Conventions.AuthorizeFolder("/Rankings/Export", Exports);
            options.Conventions.AuthorizeFolder("/Awards", Awards);
            options.Conventions.AuthorizeFolder("/Admin", Admin);
            options.Conventions.AuthorizeFolder("/Audit", Audit);
            options.Conventions.AuthorizePage("/Charts/HeatMap", HeatMap);
            options.Conventions.AllowAnonymousToFolder("/Public");
            options.Conventions.AllowAnonymousToPage("/Account/Login");
            options.Conventions.AllowAnonymousToPage("/Account/AccessDenied");
            options.Conventions.AllowAnonymousToPage("/Error");
            options.Conventions.AllowAnonymousToPage("/Language");
            options.Conventions.AllowAnonymousToPage("/Setup/Index");
        });
}
