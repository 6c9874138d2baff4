using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace Emulation.Web.Infrastructure;

/// <summary>The demo accounts (demo mode only), all with <see cref="Password"/>.</summary>
public static partial class DemoAccounts
{
    public const string Password = "Demo@2017";

    public sealed record Account(string UserName, string Role, string? Unit);

    public static IReadOnlyList<Account> All { get; } =
    [
        new("admin", Roles.Administrator, null),
        new("noivu", Roles.Verifier, null),
        new("chutich", Roles.CommitteeChair, null),
        new("hoidong1", Roles.CommitteeMember, "STP"),
        new("hoidong2", Roles.CommitteeMember, null),
        new("hoidong3", Roles.CommitteeMember, null),
        new("hoidong4", Roles.CommitteeMember, null),
        new("stp", Roles.UnitHead, "STP"),
        new("chogao", Roles.UnitHead, "CHOGAO"),
        new("chogao.staff", Roles.UnitStaff, "CHOGAO"),
        new("tanphuoc", Roles.UnitHead, "TANPHUOC"),
    ];

    internal static async Task Seed(IServiceProvider scoped, ILogger logger)
    {
        var users = scoped.GetRequiredService<UserManager<IdentityUser>>();
        var created = 0;
        foreach (var account in All)
        {
            if (await users.FindByNameAsync(account.UserName) is not null)
            {
                continue;
            }

            var user = new IdentityUser(account.UserName);
            Check(account, await users.CreateAsync(user, Password));
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
    internal static async Task LockLeftovers(IServiceProvider scoped, ILogger logger)
    {
        var users = scoped.GetRequiredService<UserManager<IdentityUser>>();
        var audit = scoped.GetRequiredService<AuditLog>();
        var db = scoped.GetRequiredService<Data.EmulationDb>();
        foreach (var account in All)
        {
            if (await users.FindByNameAsync(account.UserName) is not { } user
                || await users.IsLockedOutAsync(user) && user.LockoutEnd == DateTimeOffset.MaxValue
                || !await users.CheckPasswordAsync(user, Password))
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo account {UserName} still had the published demo password outside demo mode and is now locked.")]
    private static partial void LogLocked(ILogger logger, string userName);

    private static void Check(Account account, IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new StartupException($"Demo account {account.UserName} could not be created:", result.Errors.Select(e => e.Description).ToList());
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo mode: {Count} demo account(s) created with the published demo password. Never run demo mode with real data.")]
    private static partial void LogSeeded(ILogger logger, int count);
}
