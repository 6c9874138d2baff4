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

    /// <summary>
    /// The fields a browser would send for <paramref name="form"/>: inputs (checked radios and
    /// checkboxes only, files left out), text areas and selected options, in document order.
    /// </summary>
    public static List<KeyValuePair<string, string>> Fields(IHtmlFormElement form)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when input.Name is { Length: > 0 } name:
                    if (input.Type is "file" or "submit" or "button" || (input.Type is "radio" or "checkbox" && !input.IsChecked))
                    {
                        continue;
                    }

                    fields.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area when area.Name is { Length: > 0 } name:
                    fields.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select when select.Name is { Length: > 0 } name:
                    fields.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
            }
        }

        return fields;
    }

    /// <summary>Sets a field (replacing every value of that name) or adds it.</summary>
    public static void Set(this List<KeyValuePair<string, string>> fields, string name, string value)
    {
        var at = fields.FindIndex(f => f.Key == name);
        fields.RemoveAll(f => f.Key == name);
        fields.Insert(at < 0 ? fields.Count : at, new(name, value));
    }

    /// <summary>Posts fields (and files, as multipart) to a URL, the way a browser sends a form.</summary>
    public static Task<HttpResponseMessage> Post(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields,
        IEnumerable<(string Field, string FileName, byte[] Content)>? files = null)
    {
        HttpContent content;
        if (files is null)
        {
            content = new FormUrlEncodedContent(fields);
        }
        else
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (key, value) in fields)
            {
                multipart.Add(new StringContent(value), key);
            }

            foreach (var (field, fileName, bytes) in files)
            {
                multipart.Add(new ByteArrayContent(bytes), field, fileName);
            }

            content = multipart;
        }

        return client.PostAsync(new Uri(url, UriKind.Relative), content);
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
