using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Infrastructure.Notifications;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Emulation.Web.Tests.AssessmentSupport;

namespace Emulation.Web.Tests;

/// <summary>
/// Two servers on one database and one shared data folder, as behind a reverse proxy: what a user
/// starts on one is honoured by the other, and background work is done once. (On SQLite the two
/// share the file; the same tests run on PostgreSQL with EMULATION_TEST_DATABASE=PostgreSQL.)
/// </summary>
public sealed class SharedServersTests
{
    [Fact]
    public async Task A_session_and_a_form_token_from_one_server_are_accepted_by_the_other()
    {
        using var first = new EmulationFactory();
        using var second = first.SecondServer();
        var cookies = new CookieContainer();
        using var onFirst = Client(first, cookies);
        using var onSecond = Client(second, cookies);

        Assert.Equal(HttpStatusCode.Redirect, (await onFirst.LogIn("chogao", DemoAccounts.Password)).StatusCode);
        var form = await onFirst.MonthForm("CHOGAO", 1);
        var fields = Forms.Fields(form);
        fields.Set("Entries[0].Note", "lưu ở máy chủ thứ hai");

        var page = await onSecond.GetAsync(new Uri(Url("CHOGAO", 1), UriKind.Relative));
        var saved = await onSecond.Post(Url("CHOGAO", 1, "Save"), fields);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        saved.Redirected("/Assessments/CHOGAO/1");
        Assert.Equal("lưu ở máy chủ thứ hai", (await second.Stored("CHOGAO", 1))!.Entries.Single(e => e.Note is not null).Note);
    }

    [Fact]
    public async Task A_draft_saved_on_one_server_refuses_a_stale_form_posted_to_the_other()
    {
        using var first = new EmulationFactory();
        using var second = first.SecondServer();
        var head = await first.LoggedIn("chogao");
        var staff = await second.LoggedIn("chogao.staff");
        var month = first.Month("district", 1);
        var headFields = Forms.Fields(await head.MonthForm("CHOGAO", 1));
        var staffFields = Forms.Fields(await staff.MonthForm("CHOGAO", 1));
        headFields.Set("Entries[0].Note", "bản của thủ trưởng");
        staffFields.Set("Entries[0].Note", "bản của cán bộ");

        (await head.Post(Url("CHOGAO", 1, "Save"), headFields)).Redirected("/Assessments/CHOGAO/1");
        var stale = await staff.Post(Url("CHOGAO", 1, "Save"), staffFields);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await stale.ReadDocument();
        Assert.Contains("Người khác vừa thay đổi", page.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("bản của cán bộ", page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Entries[0].Note']")!.Value);
        Assert.Equal("bản của thủ trưởng", (await second.Stored("CHOGAO", 1))!.EntryFor(month.DueLeaves[0].Code)!.Note);
    }

    [Fact]
    public async Task A_reminder_goes_out_once_when_both_servers_run_their_reminders()
    {
        using var first = new EmulationFactory();
        using var second = first.SecondServer();
        _ = first.Server;
        _ = second.Server;
        first.Time.Advance(TimeSpan.FromDays(4));
        second.Time.Advance(TimeSpan.FromDays(4));

        var sent = await Task.WhenAll(
            first.Services.GetRequiredService<ReminderService>().RunIfHolder(CancellationToken.None),
            second.Services.GetRequiredService<ReminderService>().RunIfHolder(CancellationToken.None));

        Assert.Contains(0, sent);
        var due = await first.WithDb(db => db.Notifications.AsNoTracking().Where(n => n.Kind == NoticeKind.DueSoon).Select(n => n.Key).ToListAsync());
        var members = await first.WithDb(db => db.BlockMemberships.CountAsync(m => m.CampaignId == CampaignId));
        Assert.Equal(members, due.Count);
        Assert.Equal(due.Count, due.Distinct().Count());
        Assert.Equal(members, await first.WithDb(db => db.OutboxMessages.CountAsync(m => m.Notification!.Kind == NoticeKind.DueSoon)));
    }

    [Fact]
    public async Task A_lease_is_held_by_one_server_until_it_runs_out()
    {
        using var factory = new EmulationFactory();
        var leases = factory.Services.GetRequiredService<Leases>();
        var now = DateTime.UtcNow;

        var taken = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            leases.TryTake("test", now, TimeSpan.FromMinutes(2), $"server-{i}", CancellationToken.None)));

        Assert.Single(taken, t => t);
        var holder = $"server-{Array.IndexOf(taken, true)}";
        Assert.True(await leases.TryTake("test", now.AddMinutes(1), TimeSpan.FromMinutes(2), holder, CancellationToken.None));
        Assert.False(await leases.TryTake("test", now.AddMinutes(2), TimeSpan.FromMinutes(2), "another", CancellationToken.None));
        Assert.True(await leases.TryTake("test", now.AddMinutes(3), TimeSpan.FromMinutes(2), "another", CancellationToken.None));
    }

    [Fact]
    public async Task Two_servers_starting_together_on_an_empty_database_migrate_and_seed_once()
    {
        var connectionString = TestDatabase.IsPostgreSql
            ? TestDatabase.CreatePostgreSqlDatabase(migrated: false)
            : $"Data Source={Path.Combine(TestFolders.Create("empty"), "emulation.db")}";
        using var first = new OnDatabase(connectionString);
        using var second = new OnDatabase(connectionString);

        await Task.WhenAll(Task.Run(() => first.Server), Task.Run(() => second.Server));

        var migrations = await first.WithDb(async db => (await db.Database.GetAppliedMigrationsAsync()).ToList());
        Assert.Equal(await first.WithDb(db => Task.FromResult(db.Database.GetMigrations().ToList())), migrations);
        Assert.Equal(1, await second.WithDb(db => db.Campaigns.CountAsync()));
        Assert.Equal(61, await second.WithDb(db => db.Units.CountAsync()));
        Assert.Equal(1, await second.WithDb(db => db.Users.CountAsync(u => u.UserName == "noivu")));
        first.Dispose();
        second.Dispose();
        if (TestDatabase.IsPostgreSql)
        {
            TestDatabase.DropPostgreSqlDatabase(connectionString);
        }
    }

    [Fact]
    public async Task A_database_migrated_by_a_newer_version_is_refused_at_start_and_nothing_is_written()
    {
        using var factory = new EmulationFactory();
        await using (var db = DatabaseSetup.Open(TestDatabase.Provider, factory.ConnectionString))
        {
            await db.Database.ExecuteSqlRawAsync("""INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('29991231000000_FromTheFuture', '99.0.0')""");
        }

        var refused = StartupFailure(factory);

        Assert.Contains("29991231000000_FromTheFuture", refused.Message, StringComparison.Ordinal);
        Assert.Contains("newer version", refused.Message, StringComparison.Ordinal);
        Assert.Contains("phiên bản mới hơn", refused.Message, StringComparison.Ordinal);
        await using (var db = DatabaseSetup.Open(TestDatabase.Provider, factory.ConnectionString))
        {
            Assert.Equal(0, await db.Campaigns.CountAsync());
            Assert.Equal(0, await db.Users.CountAsync());
        }
    }

    [Fact]
    public async Task A_database_holding_another_applications_tables_is_refused_at_start()
    {
        var connectionString = TestDatabase.IsPostgreSql
            ? TestDatabase.CreatePostgreSqlDatabase(migrated: false)
            : $"Data Source={Path.Combine(TestFolders.Create("foreign"), "other.db")}";
        await using (var db = DatabaseSetup.Open(TestDatabase.Provider, connectionString))
        {
            await db.Database.ExecuteSqlRawAsync("""CREATE TABLE "Orders" ("Id" integer PRIMARY KEY)""");
        }

        using (var factory = new OnDatabase(connectionString))
        {
            var refused = StartupFailure(factory);
            Assert.Contains("Orders", refused.Message, StringComparison.Ordinal);
            Assert.Contains("not this application's", refused.Message, StringComparison.Ordinal);
        }

        await using (var db = DatabaseSetup.Open(TestDatabase.Provider, connectionString))
        {
            Assert.Empty(await db.Database.GetAppliedMigrationsAsync());
        }
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Database=emulation;Username=postgres;Timeout=3", "cannot be used")]
    [InlineData("Host=127.0.0.1;Port=notaport;Database=emulation", "malformed")]
    [InlineData("", "ConnectionStrings:Emulation must give")]
    public void A_wrong_or_unreachable_postgresql_is_a_clear_startup_error(string connectionString, string expected)
    {
        using var factory = new OnDatabase(connectionString, DatabaseProvider.PostgreSQL);

        var refused = StartupFailure(factory);

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:Emulation", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_database_provider_is_refused()
    {
        using var factory = new OnDatabase("Data Source=x.db", null, "Oracle");

        var refused = StartupFailure(factory);

        Assert.Contains("Emulation:Database must be Sqlite or PostgreSQL", refused.Message, StringComparison.Ordinal);
    }

    private static HttpClient Client(EmulationFactory factory, CookieContainer cookies) =>
        new(new CookieContainerHandler(cookies) { InnerHandler = factory.Server.CreateHandler() }) { BaseAddress = new Uri("http://localhost") };

    private static StartupException StartupFailure(WebApplicationFactory<Program> factory)
    {
        var thrown = Assert.ThrowsAny<Exception>(() => factory.Server);
        for (Exception? e = thrown; e is not null; e = e.InnerException)
        {
            if (e is StartupException startup)
            {
                return startup;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.OfType<StartupException>().FirstOrDefault() is { } inner)
            {
                return inner;
            }
        }

        throw new Xunit.Sdk.XunitException($"Expected a StartupException, got {thrown}");
    }

    /// <summary>The application on a given database (the factory's own one is left unused).</summary>
    private sealed class OnDatabase(string connectionString, DatabaseProvider? provider = null, string? providerText = null) : EmulationFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Emulation:Database", providerText ?? (provider ?? TestDatabase.Provider).ToString());
            builder.UseSetting("ConnectionStrings:Emulation", connectionString);
        }
    }
}
