using System.Globalization;
using System.Net;
using System.Text;

namespace Emulation.Load;

/// <summary>
/// The burst's unit accounts, made the way a province makes them: the administrator imports a CSV on
/// /Admin/Users/Import (one UnitHead per synthetic unit), then each person signs in once with the
/// one-time password handed over and changes it, as the application requires.
/// </summary>
public static class Accounts
{
    /// <summary>The password every burst account is given at its first sign-in.</summary>
    public const string Password = "gio cao diem nop bao cao 2017";

    public const string DemoPassword = "Demo@2017";

    public static async Task Create(Uri baseUrl, int count, TextWriter? log, CancellationToken ct)
    {
        using var admin = new Browser(baseUrl, TimeSpan.FromMinutes(5));
        await admin.SignIn("admin", DemoPassword, ct);
        var page = await admin.Get("/Admin/Users/Import", ct);
        page.Require(HttpStatusCode.OK, "the import page");
        var csv = new StringBuilder("user_name,display_name,position,unit,role,phone,email\n");
        for (var i = 1; i <= count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{UnitsFile.UserName(i)},Người thử tải {i:000},Chánh Văn phòng,{UnitsFile.Code(i)},UnitHead,,\n");
        }

        var sheet = await admin.Post("/Admin/Users/Import?handler=Create",
            [Browser.Token(page.Body), new("Csv", csv.ToString()), new("Reason", "tài khoản thử tải giờ cao điểm"), new("confirm", "true")], ct);
        sheet.Require(HttpStatusCode.OK, "importing the accounts");
        var document = Browser.Parse(sheet.Body);
        var rows = document.QuerySelectorAll("table.sheet tbody tr")
            .Select(r => (User: r.QuerySelector(".user-name")?.TextContent.Trim() ?? "", Password: r.QuerySelector(".one-time-password")?.TextContent.Trim() ?? ""))
            .ToList();
        if (rows.Count != count)
        {
            var errors = string.Join("; ", document.QuerySelectorAll(".flash-error, .line-errors li").Take(5).Select(e => e.TextContent.Trim()));
            throw new LoadException($"the import created {rows.Count} of {count} accounts: {errors}");
        }

        log?.WriteLine($"  {count} accounts imported; each signs in once and changes its one-time password…");
        using var gate = new SemaphoreSlim(4);
        await Task.WhenAll(rows.Select(async row =>
        {
            await gate.WaitAsync(ct);
            try
            {
                using var person = new Browser(baseUrl, TimeSpan.FromMinutes(2));
                var signedIn = await person.SignIn(row.User, row.Password, ct);
                var change = await person.Get("/Account/ChangePassword", ct);
                change.Require(HttpStatusCode.OK, "the password change page");
                var changed = await person.Post("/Account/ChangePassword",
                    [Browser.Token(change.Body), new("Input.CurrentPassword", row.Password), new("Input.NewPassword", Password), new("Input.ConfirmPassword", Password)], ct);
                changed.Require(HttpStatusCode.Redirect, $"changing {row.User}'s password");
                _ = signedIn;
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
