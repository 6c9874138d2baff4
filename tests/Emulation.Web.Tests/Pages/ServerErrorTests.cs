using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

public sealed class ServerErrorTests(ServerErrorTests.FailingFactory factory) : IClassFixture<ServerErrorTests.FailingFactory>
{
    /// <summary>The application with one page that fails, as any page might.</summary>
    public sealed class FailingFactory : EmulationFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.Configure<MvcOptions>(o => o.Filters.Add(new FailOnRankings())));
        }
    }

    private sealed class FailOnRankings : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
            context.HttpContext.Request.Path.StartsWithSegments("/Rankings")
                ? throw new InvalidOperationException("Secret internal detail that must not reach the user")
                : next();
    }

    [Fact]
    public async Task A_failing_page_shows_a_localised_error_page_without_the_exception()
    {
        var client = await factory.LoggedIn("chogao");

        var response = await client.GetAsync(new Uri("/Rankings", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        var page = await response.ReadDocument();
        Assert.Equal("Đã xảy ra lỗi", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("Secret internal detail", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
    }
}
