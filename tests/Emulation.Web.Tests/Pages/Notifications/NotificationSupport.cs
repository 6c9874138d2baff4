using AngleSharp.Html.Dom;
using Emulation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Emulation.Web.Tests.AssessmentSupport;

namespace Emulation.Web.Tests;

/// <summary>What the notification tests share: submitting a month as Chợ Gạo's head, and reading the notices page.</summary>
internal static class NotificationSupport
{
    public static async Task SubmitAsChoGao(this EmulationFactory factory, int month)
    {
        var client = await factory.LoggedIn("chogao");
        var framework = factory.Month("district", month);
        var response = await client.Post(Url("CHOGAO", month, "Submit"), AnswerAll(await client.MonthForm("CHOGAO", month), framework));
        response.Redirected($"/Assessments/CHOGAO/{month}");
    }

    /// <summary>The notices page as the person reads it: each notice's text, whether unread, and the address it opens.</summary>
    public static async Task<IReadOnlyList<(string Text, bool Unread, string Href)>> Notices(this HttpClient client)
    {
        var page = await client.GetDocument("/Notifications");
        return [.. page.QuerySelectorAll(".notice-item").Select(li => (
            li.QuerySelector("a")!.TextContent.Trim(),
            li.ClassList.Contains("unread"),
            ((IHtmlAnchorElement)li.QuerySelector("a")!).GetAttribute("href")!))];
    }

    /// <summary>The unread count the header shows on any page, or null when there is no notices link.</summary>
    public static async Task<int?> HeaderCount(this HttpClient client)
    {
        var page = await client.GetDocument("/");
        if (page.QuerySelector(".notices-link") is not { } link)
        {
            return null;
        }

        return link.QuerySelector(".notices-count") is { } count ? int.Parse(count.TextContent, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>Gives demo accounts e-mail addresses (they have none).</summary>
    public static async Task SetEmails(this EmulationFactory factory, params (string User, string Email)[] emails)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var (user, email) in emails)
        {
            var result = await users.SetEmailAsync((await users.FindByNameAsync(user))!, email);
            Assert.True(result.Succeeded);
        }
    }

    public static Task<List<Notification>> NoticesOf(this EmulationFactory factory, string unit, int month) =>
        factory.WithDb(db => db.Notifications.AsNoTracking().Where(n => n.UnitCode == unit && n.Month == month).OrderBy(n => n.Id).ToListAsync());
}
