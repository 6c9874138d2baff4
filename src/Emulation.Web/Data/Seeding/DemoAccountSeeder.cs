using System.Security.Claims;
using Emulation.Web.Infrastructure;
using Emulation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Data.Seeding;

/// <summary>
/// Demo mode: creates the demo accounts (<see cref="DemoAccounts"/>). Outside demo mode: locks for
/// good every demo account that still has the published demo password.
/// </summary>
public sealed partial class DemoAccountSeeder(UserManager<IdentityUser> users, AuditLog audit, EmulationDb db, ILogger<DemoAccountSeeder> logger)
{
    internal async Task Seed()
    {
        var created = 0;
        foreach (var account in DemoAccounts.All)
        {
            if (await users.FindByNameAsync(account.UserName) is { } existing)
            {
                // Demo accounts of an earlier version get their profile.
                if (!await db.UserProfiles.AnyAsync(p => p.UserId == existing.Id))
                {
                    db.UserProfiles.Add(UserProfile.Create(existing.Id, account.DisplayName, account.Position, mustChangePassword: false));
                    await db.SaveChangesAsync();
                }

                continue;
            }

            // The published demo password is shorter than the rules ask of real ones: it is set
            // without the password validators, for demo accounts only.
            var user = new IdentityUser(account.UserName);
            user.PasswordHash = users.PasswordHasher.HashPassword(user, DemoAccounts.Password);
            Check(account, await users.CreateAsync(user));
            db.UserProfiles.Add(UserProfile.Create(user.Id, account.DisplayName, account.Position, mustChangePassword: false));
            await db.SaveChangesAsync();
            Check(account, await users.AddToRoleAsync(user, account.Role));
            if (account.Unit is { } unit)
            {
                Check(account, await users.AddClaimAsync(user, new Claim(EmulationClaims.Unit, unit)));
            }

            created++;
        }

        if (created > 0)
        {
            LogSeeded(logger, created);
        }
    }

    /// <summary>
    /// Outside demo mode no account may have a known password: demo accounts left from an earlier
    /// demo run that still have the demo password are locked for good.
    /// </summary>
    internal async Task LockLeftovers()
    {
        foreach (var account in DemoAccounts.All)
        {
            if (await users.FindByNameAsync(account.UserName) is not { } user
                || await users.IsLockedOutAsync(user) && user.LockoutEnd == DateTimeOffset.MaxValue
                || !await users.CheckPasswordAsync(user, DemoAccounts.Password))
            {
                continue;
            }

            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            audit.Write(StartupTasks.System, AuditActions.DemoAccountLocked, $"user:{account.UserName}", null, "locked", "demo account with the published password outside demo mode");
            LogLocked(logger, account.UserName);
        }

        await db.SaveChangesAsync();
    }

    private static void Check(DemoAccounts.Account account, IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new StartupException($"Demo account {account.UserName} could not be created:", result.Errors.Select(e => e.Description).ToList());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo account {UserName} still had the published demo password outside demo mode and is now locked.")]
    private static partial void LogLocked(ILogger logger, string userName);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode: {Count} demo account(s) created with the published demo password. Never run demo mode with real data.")]
    private static partial void LogSeeded(ILogger logger, int count);
}
