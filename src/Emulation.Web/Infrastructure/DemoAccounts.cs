namespace Emulation.Web.Infrastructure;

/// <summary>The demo accounts (demo mode only), all with <see cref="Password"/>.</summary>
public static class DemoAccounts
{
    public const string Password = "Demo@2017";

    public sealed record Account(string UserName, string Role, string? Unit, string DisplayName, string Position);

    public static IReadOnlyList<Account> All { get; } =
    [
        new("admin", Roles.Administrator, null, "Lê Minh Quân", "Quản trị hệ thống, Sở Nội vụ"),
        new("noivu", Roles.Verifier, null, "Nguyễn Thị Thu Hà", "Chuyên viên Phòng Cải cách hành chính, Sở Nội vụ"),
        new("chutich", Roles.CommitteeChair, null, "Phạm Văn Hùng", "Phó Chủ tịch UBND tỉnh, Chủ tịch Hội đồng Thi đua – Khen thưởng"),
        new("hoidong1", Roles.CommitteeMember, "STP", "Đỗ Thị Lan", "Giám đốc, thành viên Hội đồng Thi đua – Khen thưởng"),
        new("hoidong2", Roles.CommitteeMember, null, "Võ Thanh Tùng", "Thành viên Hội đồng Thi đua – Khen thưởng"),
        new("hoidong3", Roles.CommitteeMember, null, "Huỳnh Ngọc Mai", "Thành viên Hội đồng Thi đua – Khen thưởng"),
        new("hoidong4", Roles.CommitteeMember, null, "Trương Công Danh", "Thành viên Hội đồng Thi đua – Khen thưởng"),
        new("stp", Roles.UnitHead, "STP", "Lê Văn Bình", "Chánh Văn phòng"),
        new("chogao", Roles.UnitHead, "CHOGAO", "Nguyễn Văn An", "Chánh Văn phòng"),
        new("chogao.staff", Roles.UnitStaff, "CHOGAO", "Trần Thị Bích Ngọc", "Chuyên viên Văn phòng"),
        new("tanphuoc", Roles.UnitHead, "TANPHUOC", "Phan Minh Tâm", "Chánh Văn phòng"),
    ];
}
