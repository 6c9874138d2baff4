using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Admin.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

/// <summary>The users' administration: who reaches it, each action and each refusal, by handler and by form.</summary>
public sealed class UsersTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var account in DemoAccounts.All)
        {
            foreach (var url in new[] { "/Admin/Users", "/Admin/Users/Create", "/Admin/Users/Import" })
            {
                data.Add(account.UserName, url);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_administrators_reach_the_users_pages(string userName, string url)
    {
        var client = await factory.LoggedIn(userName);

        var response = await client.GetAsync(new Uri(url, UriKind.Relative));

        if (DemoAccounts.All.Single(a => a.UserName == userName).Role == Roles.Administrator)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/AccessDenied", response.Headers.Location!.PathOnly());
        }
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var response = await factory.CreateBrowserlikeClient().GetAsync(new Uri("/Admin/Users", UriKind.Relative));

        Assert.Equal("/Account/Login", response.Headers.Location!.PathOnly());
    }

    [Fact]
    public async Task The_list_filters_by_search_role_unit_and_state()
    {
        var client = await factory.LoggedIn("admin");

        var byName = await client.GetDocument("/Admin/Users?q=" + Uri.EscapeDataString("Nguyễn Văn An"));
        var heads = await client.GetDocument("/Admin/Users?role=UnitHead");
        var chogao = await client.GetDocument("/Admin/Users?unit=CHOGAO");

        Assert.Equal(["chogao"], Names(byName));
        Assert.Superset(new HashSet<string> { "chogao", "stp", "tanphuoc" }, Names(heads).ToHashSet());
        Assert.DoesNotContain("chogao.staff", Names(heads));
        Assert.DoesNotContain("noivu", Names(heads));
        Assert.Equal(["chogao", "chogao.staff"], Names(chogao).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> Names(IHtmlDocument page) => page.QuerySelectorAll("table.users tbody tr td:first-child a").Select(a => a.TextContent.Trim());

    [Fact]
    public async Task An_administrator_creates_a_unit_head_who_must_change_the_one_time_password()
    {
        var admin = await factory.LoggedIn("admin");
        var page = await admin.GetDocument("/Admin/Users/Create");
        var fields = Forms.Fields((IHtmlFormElement)page.QuerySelector("main form")!);
        fields.Set("Input.UserName", "ubnd.binhninh");
        fields.Set("Input.DisplayName", "Lê Thị Hồng");
        fields.Set("Input.Position", "Chủ tịch UBND xã");
        fields.Set("Input.Roles", Roles.UnitHead);
        fields.Set("Input.Unit", "CG-BINHNINH");
        fields.Set("Input.Reason", "Công văn 12/SNV");

        var response = await admin.Post("/Admin/Users/Create", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var password = (await response.ReadDocument()).QuerySelector(".one-time-password")!.TextContent.Trim();
        Assert.True(password.Length >= PasswordPolicy.MinimumLength);
        var entry = await factory.WithDb(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.UserCreated && a.Entity == "user:ubnd.binhninh"));
        Assert.Equal(("admin", "Công văn 12/SNV"), (entry.Who, entry.Reason));

        var head = factory.CreateBrowserlikeClient();
        var signedIn = await head.LogIn("ubnd.binhninh", password);
        Assert.Equal("/Account/ChangePassword", signedIn.Headers.Location!.OriginalString);
        var elsewhere = await head.GetAsync(new Uri("/Assessments", UriKind.Relative));
        Assert.Equal("/Account/ChangePassword", elsewhere.Headers.Location!.OriginalString);
        var changed = await head.PostForm("/Account/ChangePassword", "main form", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = password,
            ["Input.NewPassword"] = "Cánh đồng Bình Ninh 2017",
            ["Input.ConfirmPassword"] = "Cánh đồng Bình Ninh 2017",
        });
        Assert.Equal("/", changed.Headers.Location!.OriginalString);
        var home = await head.GetDocument("/");
        Assert.Contains("Lê Thị Hồng — Chủ tịch UBND xã, UBND xã Bình Ninh", home.QuerySelector(".who")!.TextContent.Replace("\n", " ", StringComparison.Ordinal).Trim(), StringComparison.Ordinal);
        Assert.Contains("Lê Thị Hồng", home.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_clear_messages_and_nothing_is_created()
    {
        await factory.WithDb(async db =>
        {
            if (!await db.Units.AnyAsync(u => u.Code == "OLDXA"))
            {
                var kind = await db.UnitKinds.FirstAsync();
                db.Units.Add(Unit.Create("OLDXA", "UBND xã Cũ", "Old commune", kind, null, new DateOnly(2016, 12, 31)));
                await db.SaveChangesAsync();
            }

            return 0;
        });

        async Task<IReadOnlyList<string>> Refusals(UserForm form) =>
            (await factory.SendAsync(new CreateModel.Command("admin", form, null))).Errors.Select(e => e.Key).ToList();

        Assert.Equal(["Identity.DuplicateUserName"], await Refusals(new("chogao", "X", null, null, null, [Roles.UnitHead], "CHOGAO")));
        Assert.Equal(["Users.UnitUnknown"], await Refusals(new("ubnd.none", "X", null, null, null, [Roles.UnitHead], "NOWHERE")));
        Assert.Equal(["Users.UnitEnded"], await Refusals(new("ubnd.old", "X", null, null, null, [Roles.UnitHead], "OLDXA")));
        Assert.Equal(["Users.RoleUnknown"], await Refusals(new("ubnd.god", "X", null, null, null, ["God"], null)));
        Assert.Equal(["Users.UnitRequired"], await Refusals(new("ubnd.nounit", "X", null, null, null, [Roles.UnitStaff], null)));
        Assert.Equal(["Users.UserNameInvalid"], await Refusals(new("Nguyễn A", "X", null, null, null, [Roles.Verifier], null)));
        Assert.False(await factory.WithDb(db => db.Users.AnyAsync(u => u.UserName!.StartsWith("ubnd.") && u.UserName != "ubnd.binhninh")));
    }

    [Fact]
    public async Task A_refused_create_form_keeps_what_was_typed_and_says_why_in_Vietnamese()
    {
        var admin = await factory.LoggedIn("admin");

        var response = await admin.PostForm("/Admin/Users/Create", "main form", new Dictionary<string, string>
        {
            ["Input.UserName"] = "stp",
            ["Input.DisplayName"] = "Trùng Tên",
            ["Input.Roles"] = Roles.UnitStaff,
            ["Input.Unit"] = "STP",
        });

        var page = await response.ReadDocument();
        Assert.Equal("Tên đăng nhập \"stp\" đã có người dùng.", page.QuerySelector(".errors li")?.TextContent.Trim());
        Assert.Equal("Trùng Tên", page.QuerySelector<IHtmlInputElement>("input[name='Input.DisplayName']")!.Value);
    }

    private async Task<string> Create(string userName, string role = Roles.UnitStaff, string? unit = "TANPHUOC")
    {
        var outcome = await factory.SendAsync(new CreateModel.Command("admin", new(userName, "Người " + userName, "Chuyên viên", null, null, [role], role == Roles.Administrator ? null : unit), "test"));
        Assert.Empty(outcome.Errors);
        return outcome.Created!.Password;
    }

    private Task<string> IdOf(string userName) => factory.WithDb(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private static async Task<HttpResponseMessage> PostAction(HttpClient admin, string id, string formId, Dictionary<string, string> values)
    {
        var page = await admin.GetDocument($"/Admin/Users/Edit/{id}");
        var form = (IHtmlFormElement)page.QuerySelector($"form#{formId}")!;
        var fields = Forms.Fields(form);
        foreach (var (key, value) in values)
        {
            fields.Set(key, value);
        }

        return await admin.Post(form.GetAttribute("action")!, fields);
    }

    [Fact]
    public async Task Disabling_a_user_ends_their_sessions_and_refuses_their_sign_in()
    {
        var password = await Create("tp.disable");
        var user = factory.CreateBrowserlikeClient();
        var (_, cookie) = await factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).RawLogIn("tp.disable", password);
        var admin = await factory.LoggedIn("admin");
        var id = await IdOf("tp.disable");

        var unconfirmed = await PostAction(admin, id, "disable", new() { ["Input.Reason"] = "Nghỉ hưu" });
        Assert.Equal("Hãy đánh dấu ô xác nhận trước khi thực hiện.", (await unconfirmed.ReadDocument()).QuerySelector(".errors li")?.TextContent.Trim());

        var response = await PostAction(admin, id, "disable", new() { ["Input.Reason"] = "Nghỉ hưu", ["confirm"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var old = new HttpRequestMessage(HttpMethod.Get, "/");
        old.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(old)).StatusCode);
        var again = await user.LogIn("tp.disable", password);
        Assert.Equal("Tên đăng nhập hoặc mật khẩu không đúng.", (await again.ReadDocument()).QuerySelector(".errors li")?.TextContent.Trim());
        var entry = await factory.WithDb(db => db.AuditEntries.SingleAsync(a => a.Action == AuditActions.UserDisabled && a.Entity == "user:tp.disable"));
        Assert.Equal(("admin", "Nghỉ hưu"), (entry.Who, entry.Reason));
        Assert.True(await factory.WithDb(db => db.Users.AnyAsync(u => u.UserName == "tp.disable")));

        var reset = await Assert.ThrowsAsync<DomainException>(async () =>
            await factory.SendAsync(new EditModel.Command(await factory.UserAsync("admin"), id, "", EditModel.Action.Reset, null, "quên mật khẩu", null)));
        Assert.Equal("Users.Disabled", reset.Key);

        await factory.SendAsync(new EditModel.Command(await factory.UserAsync("admin"), id, "", EditModel.Action.Enable, null, "trở lại", null));
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserlikeClient().LogIn("tp.disable", password)).StatusCode);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_themselves_nor_drop_their_own_administrator_role()
    {
        var admin = await factory.UserAsync("admin");
        var id = await IdOf("admin");

        var disable = await Assert.ThrowsAsync<DomainException>(async () =>
            await factory.SendAsync(new EditModel.Command(admin, id, "", EditModel.Action.Disable, null, "thử", null)));
        var stamp = await factory.WithDb(db => db.Users.Where(u => u.Id == id).Select(u => u.ConcurrencyStamp!).SingleAsync());
        var drop = await Assert.ThrowsAsync<DomainException>(async () =>
            await factory.SendAsync(new EditModel.Command(admin, id, stamp, EditModel.Action.Save,
                new UserForm("admin", "Lê Minh Quân", null, null, null, [Roles.Verifier], null), "thử", null)));

        Assert.Equal("Users.DisableSelf", disable.Key);
        Assert.Equal("Users.OwnAdministrator", drop.Key);
        Assert.True(await factory.WithDb(db => db.UserRoles.AnyAsync(r => r.UserId == id)));
    }

    [Fact]
    public async Task The_own_role_refusal_reaches_the_form_in_Vietnamese()
    {
        var admin = await factory.LoggedIn("admin");
        var id = await IdOf("admin");
        var page = await admin.GetDocument($"/Admin/Users/Edit/{id}");
        var form = (IHtmlFormElement)page.QuerySelector("form#details")!;
        var fields = Forms.Fields(form);
        fields.RemoveAll(f => f.Key == "Input.Roles");
        fields.Add(new("Input.Roles", Roles.Verifier));

        var response = await admin.Post(form.GetAttribute("action")!, fields);

        Assert.Equal("Không thể tự bỏ vai trò quản trị của chính mình.", (await response.ReadDocument()).QuerySelector(".errors li")?.TextContent.Trim());
    }

    [Fact]
    public async Task A_role_change_ends_the_user_s_sessions_and_is_audited()
    {
        var password = await Create("tp.role");
        var (_, cookie) = await factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).RawLogIn("tp.role", password);
        var id = await IdOf("tp.role");
        var stamp = await factory.WithDb(db => db.Users.Where(u => u.Id == id).Select(u => u.ConcurrencyStamp!).SingleAsync());

        await factory.SendAsync(new EditModel.Command(await factory.UserAsync("admin"), id, stamp, EditModel.Action.Save,
            new UserForm("tp.role", "Người tp.role", "Phó Chánh Văn phòng", null, null, [Roles.UnitHead], "TANPHUOC"), "bổ nhiệm", null));

        Assert.Equal(0, await factory.WithDb(db => db.UserSessions.CountAsync(s => s.UserId == id && s.EndedAtUtc == null)));
        using var old = new HttpRequestMessage(HttpMethod.Get, "/");
        old.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(old)).StatusCode);
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.UserRolesChanged && a.Entity == "user:tp.role" && a.Reason == "bổ nhiệm")));

        var stale = await Assert.ThrowsAsync<DomainException>(async () => await factory.SendAsync(new EditModel.Command(await factory.UserAsync("admin"), id, stamp, EditModel.Action.Save,
            new UserForm("tp.role", "Khác", null, null, null, [Roles.UnitHead], "TANPHUOC"), null, null)));
        Assert.Equal("Concurrency.Conflict", stale.Key);
    }

    [Fact]
    public async Task A_password_reset_hands_over_a_one_time_password_through_the_form()
    {
        await Create("tp.reset");
        var admin = await factory.LoggedIn("admin");
        var id = await IdOf("tp.reset");

        var response = await PostAction(admin, id, "reset", new() { ["Input.Reason"] = "Quên mật khẩu", ["confirm"] = "true" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var password = (await response.ReadDocument()).QuerySelector(".one-time-password")!.TextContent.Trim();
        var signedIn = await factory.CreateBrowserlikeClient().LogIn("tp.reset", password);
        Assert.Equal("/Account/ChangePassword", signedIn.Headers.Location!.OriginalString);
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.PasswordReset && a.Entity == "user:tp.reset" && a.Reason == "Quên mật khẩu")));
    }

    [Fact]
    public async Task A_locked_account_is_unlocked()
    {
        await Create("tp.locked");
        var id = await IdOf("tp.locked");
        await factory.WithDb(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == id);
            user.LockoutEnabled = true;
            user.LockoutEnd = DateTimeOffset.UtcNow.AddHours(1);
            return await db.SaveChangesAsync();
        });
        var admin = await factory.LoggedIn("admin");
        Assert.Contains("tp.locked", Names(await admin.GetDocument("/Admin/Users?state=locked")));

        var response = await PostAction(admin, id, "unlock", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await factory.WithDb(db => db.Users.Where(u => u.Id == id).Select(u => u.LockoutEnd).SingleAsync()));
    }

    [Fact]
    public async Task An_administrator_sees_a_user_s_sessions_and_ends_them()
    {
        var (_, cookie) = await factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).RawLogIn("hoidong2", DemoAccounts.Password);
        var admin = await factory.LoggedIn("admin");
        var id = await IdOf("hoidong2");
        var page = await admin.GetDocument($"/Admin/Users/Edit/{id}");
        Assert.NotEmpty(page.QuerySelectorAll("input[name='session']"));

        var response = await PostAction(admin, id, "end-sessions", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        using var old = new HttpRequestMessage(HttpMethod.Get, "/");
        old.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(old)).StatusCode);
    }

    [Fact]
    public async Task A_csv_with_a_bad_row_lists_every_error_with_its_line_and_creates_nothing()
    {
        const string csv = "user_name,display_name,position,unit,role,phone,email\n"
            + "xa.binhphan,Trần Văn Bé,Chủ tịch UBND xã,CG-BINHPHAN,UnitHead,,\n"
            + "chogao,Trùng,Chuyên viên,CHOGAO,UnitStaff,,\n"
            + "xa.khong,Không Đơn Vị,,NOWHERE,UnitHead,,\n";
        var admin = await factory.LoggedIn("admin");
        var page = await admin.GetDocument("/Admin/Users/Import");
        var form = (IHtmlFormElement)page.QuerySelector("form#preview")!;
        var fields = Forms.Fields(form);
        fields.Set("Csv", csv);

        var preview = await (await admin.Post(form.GetAttribute("action")!, fields)).ReadDocument();

        var errors = preview.QuerySelectorAll(".line-errors li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["Dòng 3: Tên đăng nhập \"chogao\" đã có người dùng.", "Dòng 4: Đơn vị \"NOWHERE\" không tồn tại."], errors);
        Assert.Null(preview.QuerySelector("form#create-all"));
        var outcome = await factory.SendAsync(new ImportModel.Command("admin", csv, null));
        Assert.Null(outcome.Created);
        Assert.False(await factory.WithDb(db => db.Users.AnyAsync(u => u.UserName == "xa.binhphan")));
    }

    [Fact]
    public async Task A_valid_csv_is_previewed_then_created_at_once_with_a_printable_sheet()
    {
        const string csv = "user_name;display_name;position;unit;role;phone;email\r\n"
            + "xa.anthanhthuy;Võ Thị Cẩm;Chủ tịch UBND xã;CG-ANTHANHTHUY;UnitHead;0273 385 111;\r\n"
            + "xa.ttchogao;\"Phạm Văn Đông; con\";Chủ tịch UBND thị trấn;CG-TTCHOGAO;UnitHead;;dong@example.vn\r\n";
        var admin = await factory.LoggedIn("admin");
        var page = await admin.GetDocument("/Admin/Users/Import");
        var form = (IHtmlFormElement)page.QuerySelector("form#preview")!;
        var fields = Forms.Fields(form);
        fields.Set("Csv", csv);
        var preview = await (await admin.Post(form.GetAttribute("action")!, fields)).ReadDocument();
        var create = (IHtmlFormElement)preview.QuerySelector("form#create-all")!;
        var createFields = Forms.Fields(create);
        createFields.Set("confirm", "true");

        var sheet = await (await admin.Post(create.GetAttribute("action")!, createFields)).ReadDocument();

        var rows = sheet.QuerySelectorAll("table.sheet tbody tr").ToList();
        Assert.Equal(["xa.anthanhthuy", "xa.ttchogao"], rows.Select(r => r.QuerySelector(".user-name")!.TextContent.Trim()));
        var password = rows[1].QuerySelector(".one-time-password")!.TextContent.Trim();
        Assert.Equal("/Account/ChangePassword", (await factory.CreateBrowserlikeClient().LogIn("xa.ttchogao", password)).Headers.Location!.OriginalString);
        Assert.Equal("Phạm Văn Đông; con", await factory.WithDb(db => db.UserProfiles.Where(p => p.UserId == db.Users.Single(u => u.UserName == "xa.ttchogao").Id).Select(p => p.DisplayName).SingleAsync()));
    }
}
