using Emulation.Web.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Emulation.Browser.Tests;

/// <summary>
/// The application on a real port (Kestrel) and Debian's Chromium driven by Playwright. No
/// browser is ever downloaded: Playwright launches /usr/bin/chromium.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";

    private IPlaywright? playwright;

    public BrowserFixture()
        : this(new EmulationFactory())
    {
    }

    protected BrowserFixture(EmulationFactory app)
    {
        App = app;
    }

    public EmulationFactory App { get; }

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>
    /// Without Chromium the tests skip on a developer's machine; under CI (CI set) they run and
    /// fail, so a missing browser never passes unnoticed.
    /// </summary>
    public static bool Available => File.Exists(Chromium) || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public async Task InitializeAsync()
    {
        if (!Available)
        {
            return;
        }

        App.UseKestrel(0);
        App.StartServer();
        var address = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal), UriKind.Absolute);

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>A fresh browser context (its own cookies) with a page on the application; a phone's screen when asked.</summary>
    public async Task<IPage> NewPage(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : null,
            IsMobile = phone,
            HasTouch = phone,
        });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }
}

/// <summary>The application with the demo year: January–October verified and published, November open.</summary>
public sealed class DemoYearBrowserFixture() : BrowserFixture(new DemoYearFactory())
{
    private sealed class DemoYearFactory : EmulationFactory
    {
        public override bool DemoHistory => true;
    }
}
