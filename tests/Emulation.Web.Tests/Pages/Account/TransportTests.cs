using System.Net;
using System.Text;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Emulation.Web.Tests;

/// <summary>The server behind a reverse proxy, as strangers on the provincial network reach it.</summary>
public sealed class TransportTests(TransportTests.ProxiedFactory factory) : IClassFixture<TransportTests.ProxiedFactory>
{
    public const string Proxy = "10.1.2.3";

    public sealed class ProxiedFactory : SecurityFactory
    {
        public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Emulation:KnownProxies:0"] = Proxy,
        };
    }

    [Fact]
    public async Task A_forged_host_header_is_refused_and_never_echoed_into_a_redirect()
    {
        var client = factory.CreateBrowserlikeClient();

        var response = await client.GetAsync(new Uri("http://evil.example/Assessments"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_sign_in_redirect_is_relative()
    {
        var client = factory.CreateBrowserlikeClient();

        var response = await client.GetAsync(new Uri("/Assessments", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public void Kestrel_sends_no_server_header()
    {
        Assert.False(factory.Services.GetRequiredService<IOptions<KestrelServerOptions>>().Value.AddServerHeader);
    }

    [Fact]
    public async Task Cookies_are_secure_when_a_known_proxy_forwards_an_https_request()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var (response, auth) = await client.RawLogIn("chogao", Infrastructure.DemoAccounts.Password,
            (SecurityFactory.Peer, Proxy), ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.9"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.NotNull(auth);
        Assert.Contains("secure", response.SetCookie(".Emulation.Auth")!.Value.Attributes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_else_are_ignored()
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });

        var (response, _) = await client.RawLogIn("tanphuoc", Infrastructure.DemoAccounts.Password,
            (SecurityFactory.Peer, "10.9.9.9"), ("X-Forwarded-Proto", "https"), ("X-Forwarded-For", "203.0.113.9"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("secure", response.SetCookie(".Emulation.Auth")!.Value.Attributes, StringComparison.Ordinal);
    }
}

/// <summary>Requests the server cannot read are refused with the localised error page, never a 500.</summary>
public sealed class MalformedRequestTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    [Fact]
    public async Task Trace_on_a_page_is_405_with_the_localised_page()
    {
        var client = factory.CreateBrowserlikeClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod("TRACE"), "/Account/Login"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("Thao tác không được hỗ trợ", (await response.ReadDocument()).QuerySelector("h1")?.TextContent);
    }

    [Fact]
    public async Task A_form_with_1100_keys_is_400_with_the_localised_page()
    {
        var client = factory.CreateBrowserlikeClient();
        var fields = Enumerable.Range(0, 1100).Select(i => new KeyValuePair<string, string>($"k{i}", "v"));

        var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(fields));

        await AssertBadRequest(response);
    }

    [Fact]
    public async Task A_10_MB_field_is_400_with_the_localised_page()
    {
        var client = factory.CreateBrowserlikeClient();
        var fields = new Dictionary<string, string> { ["Input.UserName"] = new string('a', 10 * 1024 * 1024) };

        var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), new FormUrlEncodedContent(fields));

        await AssertBadRequest(response);
    }

    [Fact]
    public async Task A_broken_multipart_body_is_400_with_the_localised_page()
    {
        var client = factory.CreateBrowserlikeClient();
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nvalue-without-end"));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b");

        var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), content);

        await AssertBadRequest(response);
    }

    private static async Task AssertBadRequest(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Yêu cầu không hợp lệ", (await response.ReadDocument()).QuerySelector("h1")?.TextContent);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }
}
