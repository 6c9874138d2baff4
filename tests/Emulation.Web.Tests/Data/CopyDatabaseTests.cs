using System.Security.Cryptography;
using System.Text;
using Emulation.Core.Campaigns;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Rankings;
using Emulation.Web.Pages.Rankings.Export;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Caching.Memory;

namespace Emulation.Web.Tests;

/// <summary>
/// <c>copy-database</c>: the demo year on SQLite moved into a PostgreSQL database that does not exist
/// yet, with the same rows and the same published standings; and what it refuses, writing nothing.
/// The PostgreSQL tests run whichever engine the suite runs on (TestDatabase starts a server).
/// </summary>
public sealed class CopyDatabaseTests(CopyDatabaseTests.SqliteHistoryFactory factory) : IClassFixture<CopyDatabaseTests.SqliteHistoryFactory>
{
    [PostgreSqlFact]
    public async Task The_demo_year_copied_into_a_new_PostgreSQL_database_has_the_same_rows_and_standings()
    {
        _ = await factory.LoggedIn("noivu");
        var target = TestDatabase.ForDatabase("emulation_copy_" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var output = new StringWriter();
            var code = await CopyDatabaseCommand.Run(factory.DatabasePath, target, output);

            Assert.True(code == 0, output.ToString());
            Assert.Contains("đã sao chép và kiểm tra (copied and verified)", output.ToString(), StringComparison.Ordinal);
            await using var source = DatabaseSetup.Open(DatabaseProvider.Sqlite, $"Data Source={factory.DatabasePath};Mode=ReadOnly");
            await using var copied = DatabaseSetup.Open(DatabaseProvider.PostgreSQL, target);
            foreach (var table in source.Model.GetRelationalModel().Tables)
            {
                Assert.Equal((table.Name, await Count(source, table.Name)), (table.Name, await Count(copied, table.Name)));
            }

            var standings = await Standings(source);
            Assert.NotEmpty(standings);
            Assert.Equal(standings, await Standings(copied));
            Assert.True(await copied.UserSessions.AnyAsync());
            Assert.True(await copied.EvidenceReferences.AnyAsync());
            Assert.True(await copied.AuditEntries.AnyAsync());
            Assert.Equal(await source.AuditEntries.MaxAsync(a => a.Id), await copied.AuditEntries.MaxAsync(a => a.Id));
            Assert.Equal(await source.Users.Select(u => u.UserName).OrderBy(u => u).ToListAsync(), await copied.Users.Select(u => u.UserName).OrderBy(u => u).ToListAsync());
            Assert.Equal(
                await source.Submissions.OrderBy(s => s.Id).Select(s => new { s.Id, s.Status, s.Version, s.LastSubmittedAtUtc, s.UpdatedAtUtc }).ToListAsync(),
                await copied.Submissions.OrderBy(s => s.Id).Select(s => new { s.Id, s.Status, s.Version, s.LastSubmittedAtUtc, s.UpdatedAtUtc }).ToListAsync());

            // The identity sequences continue after the copied ids: a new audit line takes the next one.
            copied.AuditEntries.Add(AuditEntry.Create(DateTime.UtcNow, "test", AuditActions.BackupRestored, "copy", null, null, null));
            await copied.SaveChangesAsync();
            Assert.Equal(await source.AuditEntries.MaxAsync(a => a.Id) + 1, await copied.AuditEntries.MaxAsync(a => a.Id));
        }
        finally
        {
            TestDatabase.DropPostgreSqlDatabase(target);
        }
    }

    [PostgreSqlFact]
    public async Task A_target_that_holds_data_is_refused_and_left_as_it_was()
    {
        _ = factory.Server;
        var target = TestDatabase.CreatePostgreSqlDatabase();
        try
        {
            TestDatabase.Execute(target, """INSERT INTO "AspNetRoles" ("Id", "Name", "NormalizedName") VALUES ('r', 'Existing', 'EXISTING')""");
            var output = new StringWriter();

            var code = await CopyDatabaseCommand.Run(factory.DatabasePath, target, output);

            Assert.Equal(2, code);
            Assert.Contains("đã có dữ liệu", output.ToString(), StringComparison.Ordinal);
            Assert.Contains("already holds data", output.ToString(), StringComparison.Ordinal);
            await using var db = DatabaseSetup.Open(DatabaseProvider.PostgreSQL, target);
            Assert.Equal(["Existing"], await db.Roles.Select(r => r.Name!).ToListAsync());
            Assert.False(await db.Users.AnyAsync());
            Assert.False(await db.AuditEntries.AnyAsync());
        }
        finally
        {
            TestDatabase.DropPostgreSqlDatabase(target);
        }
    }

    [Fact]
    public async Task A_file_that_is_not_SQLite_is_refused()
    {
        var file = Path.Combine(TestFolders.Create("copy"), "notes.db");
        await File.WriteAllTextAsync(file, "Đây không phải cơ sở dữ liệu. This is not a database, just a long enough text.");
        var output = new StringWriter();

        // The target is unreachable: the refusal comes before anything tries to reach it.
        var code = await CopyDatabaseCommand.Run(file, "Host=127.0.0.1;Port=1;Database=never", output);

        Assert.Equal(2, code);
        Assert.Contains("is not an SQLite file", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("không phải tệp SQLite", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_refused()
    {
        var output = new StringWriter();

        var code = await CopyDatabaseCommand.Run(Path.Combine(TestFolders.Create("copy"), "absent.db"), "Host=127.0.0.1;Port=1;Database=never", output);

        Assert.Equal(2, code);
        Assert.Contains("There is no database file", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_SQLite_file_of_another_application_is_refused_and_not_written()
    {
        var file = Path.Combine(TestFolders.Create("copy"), "other.db");
        await using (var connection = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE Customers (Id INTEGER PRIMARY KEY, Name TEXT); INSERT INTO Customers (Name) VALUES ('An');";
            await command.ExecuteNonQueryAsync();
        }

        var before = await File.ReadAllBytesAsync(file);
        var output = new StringWriter();

        var code = await CopyDatabaseCommand.Run(file, "Host=127.0.0.1;Port=1;Database=never", output);

        Assert.Equal(2, code);
        Assert.Contains("is not this application's database", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("không phải cơ sở dữ liệu của ứng dụng này", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(SHA256.HashData(before), SHA256.HashData(await File.ReadAllBytesAsync(file)));
    }

    [Fact]
    public async Task A_database_behind_this_version_is_refused_and_not_upgraded()
    {
        var file = Path.Combine(TestFolders.Create("copy"), "old.db");
        string first;
        await using (var db = DatabaseSetup.Open(DatabaseProvider.Sqlite, $"Data Source={file}"))
        {
            first = db.Database.GetMigrations().First();
            await db.GetService<IMigrator>().MigrateAsync(first);
        }

        var output = new StringWriter();

        var code = await CopyDatabaseCommand.Run(file, "Host=127.0.0.1;Port=1;Database=never", output);

        Assert.Equal(2, code);
        Assert.Contains("start the application on it once to upgrade it", output.ToString(), StringComparison.Ordinal);
        await using var after = DatabaseSetup.Open(DatabaseProvider.Sqlite, $"Data Source={file};Mode=ReadOnly");
        Assert.Equal([first], await after.Database.GetAppliedMigrationsAsync());
    }

    private static async Task<long> Count(EmulationDb db, string table)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every campaign's published months, as the standings export's JSON.</summary>
    private static async Task<Dictionary<string, string>> Standings(EmulationDb db)
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var results = new PublishedResults(db, cache);
        var standings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var stored in await db.Campaigns.AsNoTracking().ToListAsync())
        {
            var campaign = CampaignLoader.Load(stored.Json, stored.Id).Value!;
            var year = await results.Year(campaign, CancellationToken.None);
            foreach (var month in year.PublishedMonths)
            {
                standings[$"{campaign.Id}/{month}"] = Encoding.UTF8.GetString(StandingsModel.Handler.Json(year, month));
            }
        }

        return standings;
    }

    /// <summary>The demo year on SQLite, whichever engine the suite runs on: the source to copy.</summary>
    public sealed class SqliteHistoryFactory : EmulationFactory
    {
        public SqliteHistoryFactory()
            : base(DatabaseProvider.Sqlite)
        {
        }

        public override bool DemoHistory => true;
    }
}
