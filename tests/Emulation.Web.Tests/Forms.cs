using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Emulation.Web.Tests;

/// <summary>Reads pages with AngleSharp and posts their forms like a browser: antiforgery token included.</summary>
internal static class Forms
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocument(this HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadDocument();
    }

    public static async Task<IHtmlDocument> ReadDocument(this HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    /// <summary>Fills and posts the form found by the CSS <paramref name="formSelector"/> on the page at <paramref name="url"/>.</summary>
    public static async Task<HttpResponseMessage> PostForm(this HttpClient client, string url, string formSelector, IReadOnlyDictionary<string, string> values)
    {
        var page = await client.GetDocument(url);
        var form = (IHtmlFormElement)page.QuerySelectorAll(formSelector).Single();
        var fields = new Dictionary<string, string>();
        foreach (var input in form.Elements.OfType<IHtmlInputElement>().Where(i => i.Name is not null))
        {
            fields[input.Name!] = input.Value;
        }

        Assert.True(fields.ContainsKey("__RequestVerificationToken"), "The form carries an antiforgery token.");
        foreach (var (key, value) in values)
        {
            fields[key] = value;
        }

        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        return await client.PostAsync(new Uri(action, UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    public static Task<HttpResponseMessage> LogIn(this HttpClient client, string userName, string password) =>
        client.PostForm("/Account/Login", "main form", new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    public static async Task<HttpClient> LoggedIn(this EmulationFactory factory, string userName)
    {
        var client = factory.CreateBrowserlikeClient();
        var response = await client.LogIn(userName, Infrastructure.DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
