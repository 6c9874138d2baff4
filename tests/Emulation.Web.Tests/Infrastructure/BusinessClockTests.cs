using Microsoft.AspNetCore.Hosting;
using Emulation.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

public sealed class BusinessClockTests
{
    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Today_is_the_Vietnam_date_not_the_UTC_date()
    {
        var clock = new BusinessClock(new ManualTime(new DateTimeOffset(2026, 11, 26, 18, 30, 0, TimeSpan.Zero)));

        Assert.Equal(new DateOnly(2026, 11, 27), clock.Today);
        Assert.Equal(new DateTime(2026, 11, 26, 18, 30, 0, DateTimeKind.Utc), clock.UtcNow);
        Assert.Equal(DateTimeKind.Utc, clock.UtcNow.Kind);
    }

    [Fact]
    public void A_demo_clock_starts_on_the_demo_date_and_keeps_running()
    {
        var time = new ManualTime(new DateTimeOffset(2026, 11, 26, 2, 0, 0, TimeSpan.Zero));
        var clock = new BusinessClock(time, new DateOnly(2017, 11, 28));

        Assert.Equal(new DateOnly(2017, 11, 28), clock.Today);
        Assert.Equal(new DateTime(2017, 11, 28, 9, 0, 0), clock.VietnamNow);

        time.Now = time.Now.AddHours(16);

        Assert.Equal(new DateOnly(2017, 11, 29), clock.Today);
        Assert.Equal(new DateTime(2017, 11, 28, 18, 0, 0, DateTimeKind.Utc), clock.UtcNow);
    }

    [Fact]
    public void Demo_mode_puts_the_application_clock_inside_the_2017_campaign()
    {
        using var factory = new EmulationFactory();

        var clock = factory.Services.GetRequiredService<BusinessClock>();

        Assert.Equal(new DateOnly(2017, 11, 28), clock.Today);
    }

    [Fact]
    public void Outside_demo_mode_the_clock_is_the_real_one()
    {
        using var factory = new SetupTests.ProductionFactory();

        var clock = factory.Services.GetRequiredService<BusinessClock>();

        Assert.Equal(TimeSpan.Zero, clock.Offset);
        Assert.Equal(factory.Time.GetUtcNow().UtcDateTime, clock.UtcNow);
    }

    [Fact]
    public void The_business_clock_moves_with_the_registered_time_provider()
    {
        using var factory = new EmulationFactory();
        var clock = factory.Services.GetRequiredService<BusinessClock>();
        Assert.Equal(new DateTime(2017, 11, 28, 10, 0, 0), clock.VietnamNow);

        factory.Time.Advance(TimeSpan.FromDays(8));

        Assert.Equal(new DateOnly(2017, 12, 6), clock.Today);
    }
}

public sealed class DemoDefaultTests
{
    [Theory]
    [InlineData("Development", true)]
    [InlineData("Production", false)]
    public void Demo_mode_is_on_by_default_in_Development_only(string environment, bool demo)
    {
        using var factory = new EnvironmentFactory(environment);

        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmulationOptions>>().Value;

        Assert.Equal(demo, options.Demo);
        Assert.Equal(demo, factory.Services.GetRequiredService<BusinessClock>().Today == new DateOnly(2017, 11, 28));
    }

    private sealed class EnvironmentFactory(string environment) : Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>
    {
        private readonly string folder = TestFolders.Create("env");

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Emulation:DataDirectory", folder);
            builder.UseSetting("Emulation:CriteriaDirectory", TestFolders.ShippedCriteria);
            builder.UseSetting("Emulation:UnitsFile", Path.Combine(TestFolders.ShippedCriteria, "units", "tien-giang.json"));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
    }
}
