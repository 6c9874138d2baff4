namespace Emulation.Web.Infrastructure;

/// <summary>The demo accounts (demo mode only), all with <see cref="Password"/>.</summary>
public static class DemoAccounts
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
}
