using System.Net;
using System.Xml.Linq;

namespace Emulation.Web.Tests;

public sealed class LocalizationTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    [Fact]
    public async Task Pages_are_in_Vietnamese_by_default_whatever_the_browser_asks()
    {
        var client = factory.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-US");

        var page = await client.GetDocument("/Account/Login");

        Assert.Equal("vi", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Đăng nhập", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("Tên đăng nhập", page.QuerySelector("label[for='Input_UserName']")!.TextContent);
    }

    [Fact]
    public async Task The_language_switch_turns_the_pages_into_English_and_back()
    {
        var client = factory.CreateBrowserlikeClient();

        var switched = await client.PostForm("/Account/Login", "#language-switch", new Dictionary<string, string> { ["culture"] = "en-US", ["returnUrl"] = "/Account/Login" });

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/Account/Login", switched.Headers.Location!.OriginalString);
        var english = await client.GetDocument("/Account/Login");
        Assert.Equal("en", english.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Sign in", english.QuerySelector("h1")!.TextContent);

        await client.PostForm("/Account/Login", "#language-switch", new Dictionary<string, string> { ["culture"] = "vi-VN" });
        var vietnamese = await client.GetDocument("/Account/Login");
        Assert.Equal("Đăng nhập", vietnamese.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Dates_are_shown_the_Vietnamese_way()
    {
        var client = await factory.LoggedIn("chogao");

        var home = await client.GetDocument("/");

        var businessDate = home.QuerySelector("footer time")!;
        Assert.Equal("2017-11-28", businessDate.GetAttribute("datetime"));
        Assert.Equal("28/11/2017", businessDate.TextContent);
    }

    [Fact]
    public void Both_resource_files_hold_the_same_keys_and_no_empty_text()
    {
        var folder = Path.Combine(RepositoryRoot(), "src", "Emulation.Web", "Resources");
        var vietnamese = Strings(Path.Combine(folder, "SharedResource.resx"));
        var english = Strings(Path.Combine(folder, "SharedResource.en.resx"));

        Assert.Equal(vietnamese.Keys.Order(), english.Keys.Order());
        Assert.DoesNotContain(vietnamese.Concat(english), pair => string.IsNullOrWhiteSpace(pair.Value));
    }

    private static Dictionary<string, string> Strings(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Emulation.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The repository root (Emulation.sln) was not found above the test folder.");
    }
}
