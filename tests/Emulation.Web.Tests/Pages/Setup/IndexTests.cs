using System.Net;
using Emulation.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

/// <summary>Outside demo mode no account has a known password: the first start asks for the administrator's.</summary>
public sealed class SetupTests(SetupTests.ProductionFactory factory) : IClassFixture<SetupTests.ProductionFactory>
{
    public sealed class ProductionFactory : EmulationFactory
    {
        public override bool Demo => false;
    }

    [Fact]
    public async Task The_first_start_sends_every_request_to_setup_then_setup_is_gone()
    {
        var client = factory.CreateBrowserlikeClient();
        Assert.Equal(0, await factory.WithDb(db => db.Users.CountAsync()));
        foreach (var route in new[] { "/", "/Account/Login", "/Admin", "/Public" })
        {
            var redirected = await client.GetAsync(new Uri(route, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
            Assert.Equal("/Setup", redirected.Headers.Location!.OriginalString);
        }

        var created = await client.PostForm("/Setup", "main form", new Dictionary<string, string>
        {
            ["Input.UserName"] = "quantri",
            ["Input.Password"] = "Chosen#Password9",
            ["Input.ConfirmPassword"] = "Chosen#Password9",
        });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/Setup", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.LogIn("quantri", "Chosen#Password9")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/Admin", UriKind.Relative))).StatusCode);
        var demoAdmin = await factory.CreateBrowserlikeClient().LogIn("admin", DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, demoAdmin.StatusCode);
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.AdministratorCreated && a.Who == "quantri")));
    }
}
