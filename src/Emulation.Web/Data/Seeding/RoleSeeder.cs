using Emulation.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Emulation.Web.Data.Seeding;

/// <summary>Creates the roles of the workflow that do not exist yet.</summary>
public sealed class RoleSeeder(RoleManager<IdentityRole> roles)
{
    internal async Task Seed()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                var result = await roles.CreateAsync(new IdentityRole(role));
                if (!result.Succeeded)
                {
                    throw new StartupException($"Role {role} could not be created:", result.Errors.Select(e => e.Description).ToList());
                }
            }
        }
    }
}
