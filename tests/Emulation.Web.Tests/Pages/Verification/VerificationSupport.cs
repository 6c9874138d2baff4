using AngleSharp.Html.Dom;
using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests.Verification;

/// <summary>What the verification tests share: the pages' forms, the antiforgery token, stored states.</summary>
internal static class VerificationSupport
{
    public static IHtmlFormElement Form(this IHtmlDocument page, string selector) =>
        page.QuerySelector(selector) as IHtmlFormElement ?? throw new Xunit.Sdk.XunitException($"No form {selector} on the page.");

    /// <summary>Where a form posts (its action, HTML-decoded), or the page's own address.</summary>
    public static string Action(this IHtmlFormElement form, string page) =>
        form.GetAttribute("action") is { Length: > 0 } action ? action : page;

    /// <summary>The page's antiforgery token (every form of a page carries the same one): for posting a form the page does not show.</summary>
    public static string Token(this IHtmlDocument page) =>
        page.QuerySelector("input[name='__RequestVerificationToken']")!.GetAttribute("value")!;

    /// <summary>An element's text with its white space squeezed, as a reader sees it.</summary>
    public static string Text(this AngleSharp.Dom.IElement element) =>
        System.Text.RegularExpressions.Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    /// <summary>The form errors the page shows.</summary>
    public static string Errors(this IHtmlDocument page) => page.QuerySelector(".errors")?.TextContent ?? "";

    public static async Task<Dictionary<string, Submission>> MonthOf(this EmulationFactory factory, int month) =>
        await factory.WithDb(db => db.Submissions.AsNoTracking().Include(s => s.Unit).Include(s => s.Entries).Include(s => s.Disputes).AsSplitQuery()
            .Where(s => s.CampaignId == AssessmentSupport.CampaignId && s.Month == month)
            .ToDictionaryAsync(s => s.UnitCode, StringComparer.Ordinal));

    public static async Task<List<Publication>> Publications(this EmulationFactory factory, int month) =>
        await factory.WithDb(db => db.Publications.AsNoTracking().Include(p => p.Units)
            .Where(p => p.CampaignId == AssessmentSupport.CampaignId && p.Month == month)
            .OrderBy(p => p.Number).ToListAsync());
}

/// <summary>The application with the demo year written (January–October verified, November mixed): seeded once per test class.</summary>
public sealed class HistoryFactory : EmulationFactory
{
    public override bool DemoHistory => true;
}
