using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

public sealed class StartupTests
{
    private const string CampaignId = "tien-giang-2017";
    private static readonly string CampaignFile = CampaignId + ".json";

    [Fact]
    public async Task Migrations_apply_on_an_empty_data_folder_that_does_not_exist_yet()
    {
        var data = Path.Combine(TestFolders.Create("empty"), "not-yet", "data");
        using var factory = new ConfiguredFactory(b => b
            .UseSetting("Emulation:DataDirectory", data)
            .UseSetting("Emulation:Demo", "true")
            .UseSetting("Emulation:DemoHistory", "false")
            .UseSetting("Emulation:CriteriaDirectory", TestFolders.ShippedCriteria)
            .UseSetting("Emulation:UnitsFile", Path.Combine(TestFolders.ShippedCriteria, "units", "tien-giang.json")));

        var health = await factory.CreateClient().GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(File.Exists(Path.Combine(data, "emulation.db")));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EmulationDb>();
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        Assert.Equal("wal", await ScalarText(db, "PRAGMA journal_mode;"));
    }

    [Fact]
    public void The_migrations_cover_the_whole_model()
    {
        using var factory = new EmulationFactory();
        using var scope = factory.Services.CreateScope();

        Assert.False(scope.ServiceProvider.GetRequiredService<EmulationDb>().Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task Start_stores_the_campaign_and_seeds_units_and_blocks_from_the_units_file()
    {
        using var factory = new EmulationFactory();

        _ = factory.Server;

        var stored = await factory.WithDb(db => db.Campaigns.SingleAsync(c => c.Id == CampaignId));
        var catalog = factory.Services.GetRequiredService<CampaignCatalog>();
        Assert.Equal(catalog.Find(CampaignId)!.Fingerprint, stored.Fingerprint);
        Assert.False(string.IsNullOrWhiteSpace(stored.Json));
        var codes = await factory.WithDb(db => db.Units.Select(u => u.Code).ToListAsync());
        Assert.Superset(new HashSet<string> { "STP", "CHOGAO", "TANPHUOC", "SNV" }, codes.ToHashSet());
        var chogaoBlock = await factory.WithDb(db => db.BlockMemberships
            .Where(m => m.CampaignId == CampaignId && m.Unit!.Code == "CHOGAO").Select(m => m.Block!.Code).SingleOrDefaultAsync());
        Assert.NotNull(chogaoBlock);
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.CampaignStored && a.Entity == "campaign:" + CampaignId)));
    }

    [Fact]
    public void A_broken_campaign_file_stops_the_start_with_its_errors_listed()
    {
        var criteria = TestFolders.CopyOfCriteria();
        var path = Path.Combine(criteria, CampaignFile);
        var campaign = ReadJson(path);
        campaign["months"] = new JsonArray(1, 13);
        File.WriteAllText(path, campaign.ToJsonString());
        using var factory = new CriteriaFactory(criteria);

        var refused = StartupFailure(factory);

        Assert.Contains("campaign file is broken", refused.Message, StringComparison.Ordinal);
        var problem = Assert.Single(refused.Problems, p => p.Contains("$.months", StringComparison.Ordinal));
        Assert.StartsWith(path + ":", problem, StringComparison.Ordinal);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_broken_units_file_stops_the_start_with_its_errors_listed()
    {
        var criteria = TestFolders.CopyOfCriteria();
        var path = Path.Combine(criteria, "units", "tien-giang.json");
        var units = ReadJson(path);
        units["units"]![0]!["kind"] = "no-such-kind";
        File.WriteAllText(path, units.ToJsonString());
        using var factory = new CriteriaFactory(criteria);

        var refused = StartupFailure(factory);

        Assert.Contains(refused.Problems, p => p.StartsWith(path + ":$.units[0].kind", StringComparison.Ordinal));
    }

    [SqliteFact]
    public async Task A_changed_campaign_that_has_submissions_is_refused_at_start_with_the_reason()
    {
        var criteria = TestFolders.CopyOfCriteria();
        string database;
        using (var first = new CriteriaFactory(criteria))
        {
            database = first.DatabasePath;
            await first.WithDb(async db =>
            {
                var unit = await db.Units.SingleAsync(u => u.Code == "CHOGAO");
                var campaign = first.Services.GetRequiredService<CampaignCatalog>().Find(CampaignId)!;
                var month = MonthFramework.For(campaign, unit.KindCode, 1);
                var submission = Submission.Start(unit, month, DateTime.UtcNow);
                submission.SaveDraft(month, [], "chogao", DateTime.UtcNow);
                db.Submissions.Add(submission);
                return await db.SaveChangesAsync();
            });
        }

        ChangeTitle(Path.Combine(criteria, CampaignFile));
        using var second = new CriteriaFactory(criteria, database);

        var refused = StartupFailure(second);

        Assert.Contains(CampaignId, refused.Message, StringComparison.Ordinal);
        Assert.Contains("already has submissions", refused.Message, StringComparison.Ordinal);
    }

    [SqliteFact]
    public async Task A_changed_campaign_without_submissions_replaces_the_stored_one()
    {
        var criteria = TestFolders.CopyOfCriteria();
        string database;
        string before;
        using (var first = new CriteriaFactory(criteria))
        {
            database = first.DatabasePath;
            before = await first.WithDb(db => db.Campaigns.Where(c => c.Id == CampaignId).Select(c => c.Fingerprint).SingleAsync());
        }

        ChangeTitle(Path.Combine(criteria, CampaignFile));
        using var second = new CriteriaFactory(criteria, database);
        _ = second.Server;

        var stored = await second.WithDb(db => db.Campaigns.SingleAsync(c => c.Id == CampaignId));
        Assert.NotEqual(before, stored.Fingerprint);
        Assert.EndsWith("(changed)", stored.TitleVi, StringComparison.Ordinal);
        Assert.True(await second.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.CampaignReplaced && a.OldValue == before)));
    }

    [SqliteFact]
    public async Task Demo_accounts_left_from_a_demo_run_are_locked_once_demo_mode_is_off()
    {
        string database;
        using (var demo = new CriteriaFactory(TestFolders.ShippedCriteria))
        {
            database = demo.DatabasePath;
            Assert.Equal(HttpStatusCode.Redirect, (await demo.CreateBrowserlikeClient().LogIn("chogao", DemoAccounts.Password)).StatusCode);
        }

        using var production = new CriteriaFactory(TestFolders.ShippedCriteria, database, demo: false);
        var client = production.CreateBrowserlikeClient();

        // The locked demo admin is no administrator: the first start asks for one.
        var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal("/Setup", home.Headers.Location?.OriginalString);
        await client.PostForm("/Setup", "main form", new Dictionary<string, string>
        {
            ["Input.Code"] = production.SetupCode(),
            ["Input.DisplayName"] = "Quản trị",
            ["Input.UserName"] = "quantri",
            ["Input.Password"] = "Chosen#Password9",
            ["Input.ConfirmPassword"] = "Chosen#Password9",
        });
        var response = await client.LogIn("chogao", DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await production.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.DemoAccountLocked && a.Entity == "user:chogao")));
    }

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

    private static JsonNode ReadJson(string path) =>
        JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;

    private static void ChangeTitle(string path)
    {
        var campaign = ReadJson(path);
        campaign["title"]!["vi"] = campaign["title"]!["vi"]!.GetValue<string>() + " (changed)";
        File.WriteAllText(path, campaign.ToJsonString());
    }

    private static async Task<string?> ScalarText(EmulationDb db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    /// <summary>The application on a criteria folder of the test's own, and optionally a database left by an earlier start.</summary>
    private sealed class CriteriaFactory : EmulationFactory
    {
        private readonly string criteria;
        private readonly bool demo;

        public CriteriaFactory(string criteria, string? database = null, bool demo = true)
        {
            this.criteria = criteria;
            this.demo = demo;
            if (database is not null)
            {
                SqliteConnection.ClearAllPools();
                File.Copy(database, DatabasePath, overwrite: true);
            }
        }

        public override string CriteriaDirectory => criteria;

        public override bool Demo => demo;
    }

    private sealed class ConfiguredFactory(Action<IWebHostBuilder> configure) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            configure(builder);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            SqliteConnection.ClearAllPools();
        }
    }
}

public sealed class DataFolderTests
{
    [Fact]
    public void A_data_folder_that_cannot_be_created_is_a_clear_startup_error()
    {
        // A file where the folder should be: refused even for root, who may write anywhere else.
        var blocked = Path.Combine(TestFolders.Create("blocked"), "data");
        File.WriteAllText(blocked, "a file, not a folder");
        using var factory = new BlockedFactory(blocked);

        var thrown = Assert.ThrowsAny<Exception>(() => factory.Server);

        var refused = Assert.IsType<StartupException>(thrown);
        Assert.Contains(blocked, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Emulation:DataDirectory", refused.Message, StringComparison.Ordinal);
    }

    private sealed class BlockedFactory(string data) : EmulationFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Emulation:DataDirectory", data);
        }
    }
}
