using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Infrastructure.Backups;
using Emulation.Web.Pages.Admin.Backups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

public sealed class BackupsTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    private const string Hash = "ab00000000000000000000000000000000000000000000000000000000000001";

    [SqliteFact]
    public async Task Backup_now_from_the_page_writes_an_archive_that_the_page_lists_and_sends_and_the_audit_records()
    {
        var client = await factory.LoggedIn("admin");
        var page = await client.GetDocument("/Admin/Backups");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("form[action*='handler=Start']")!;

        var response = await client.Post("/Admin/Backups?handler=Start", Forms.Fields(form));

        response.Redirected("/Admin/Backups");
        var job = factory.Services.GetRequiredService<BackupService>().Current!;
        await job.Work;
        var status = await client.GetStringAsync(new Uri("/Admin/Backups?handler=Status", UriKind.Relative));
        Assert.Contains("\"state\":\"Done\"", status, StringComparison.Ordinal);
        page = await client.GetDocument("/Admin/Backups");
        var name = factory.Services.GetRequiredService<BackupService>().Current!.FileName!;
        Assert.StartsWith("manual-2017-11-28-", name, StringComparison.Ordinal);
        Assert.Contains(name, page.QuerySelector("#backup-status")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"table.backups a[href='/Admin/Backups?handler=Download&name={name}']"));

        var download = await client.GetAsync(new Uri($"/Admin/Backups?handler=Download&name={name}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/gzip", download.Content.Headers.ContentType!.MediaType);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x1f, 0x8b], bytes[..2]);
        var actions = await factory.WithDb(db => db.AuditEntries.Where(a => a.Entity == name).Select(a => a.Action + " " + a.Who).ToListAsync());
        Assert.Equal(["backup.created admin", "backup.downloaded admin"], actions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task On_postgresql_the_page_says_to_use_pg_dump_and_makes_no_backup()
    {
        if (!TestDatabase.IsPostgreSql)
        {
            return;
        }

        var client = await factory.LoggedIn("admin");
        var page = await client.GetDocument("/Admin/Backups");

        Assert.Contains("pg_dump", page.QuerySelector("#backup-pg-dump")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Start']"));
        Assert.Null(await factory.Services.GetRequiredService<BackupService>().RunDaily(CancellationToken.None));
        Assert.Null(factory.Services.GetRequiredService<BackupService>().Start("admin"));
    }

    [Theory]
    [InlineData("../emulation.db")]
    [InlineData("manual-none.tar.gz")]
    [InlineData("")]
    public async Task A_name_that_is_not_a_listed_backup_is_not_found(string name)
    {
        var response = await (await factory.LoggedIn("admin")).GetAsync(new Uri($"/Admin/Backups?handler=Download&name={Uri.EscapeDataString(name)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData("noivu")]
    [InlineData("chogao")]
    [InlineData("hoidong1")]
    [InlineData("chutich")]
    public async Task Only_administrators_reach_the_backups(string person)
    {
        var client = await factory.LoggedIn(person);
        foreach (var url in new[] { "/Admin/Backups", "/Admin/Backups?handler=Status", "/Admin/Backups?handler=Download&name=x" })
        {
            var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/Account/AccessDenied", response.Headers.Location!.PathOnly());
        }

        var user = await factory.UserAsync(person);
        await Assert.ThrowsAsync<ForbiddenException>(async () => await factory.SendAsync(new IndexModel.Start(user)));
        await Assert.ThrowsAsync<ForbiddenException>(async () => await factory.SendAsync(new IndexModel.Download(user, "x")));
    }

    [SqliteFact]
    public async Task A_backup_restored_into_a_fresh_folder_by_the_restore_command_starts_with_the_same_data_and_evidence()
    {
        await factory.SubmitAsChoGao(10);
        var evidence = Path.Combine(factory.Folder, "evidence", "ab", Hash);
        Directory.CreateDirectory(Path.GetDirectoryName(evidence)!);
        await File.WriteAllTextAsync(evidence, "minh chứng");
        var backups = factory.Services.GetRequiredService<BackupService>();
        var name = await backups.Create("manual-restore-test.tar.gz", "admin", CancellationToken.None);
        var before = await factory.WithDb(db => db.Submissions.AsNoTracking().Where(s => s.Unit!.Code == "CHOGAO" && s.Month == 10)
            .Select(s => new { s.Status, s.Version, s.FirstSubmittedOn }).SingleAsync());

        var fresh = TestFolders.Create("restored");
        var output = new StringWriter();
        var code = await RestoreCommand.Run(Configuration(fresh), Path.Combine(backups.Folder, name), replace: false, output);

        Assert.Equal(0, code);
        Assert.Contains("Đã khôi phục", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("minh chứng", await File.ReadAllTextAsync(Path.Combine(fresh, "evidence", "ab", Hash)));
        using var restored = new FolderFactory(fresh);
        var after = await restored.WithDb(db => db.Submissions.AsNoTracking().Where(s => s.Unit!.Code == "CHOGAO" && s.Month == 10)
            .Select(s => new { s.Status, s.Version, s.FirstSubmittedOn }).SingleAsync());
        Assert.Equal(before, after);
        Assert.True(await restored.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.BackupRestored && a.Entity == name)));
        var page = await (await restored.LoggedIn("chogao")).GetDocument("/Assessments/CHOGAO/10");
        Assert.NotNull(page.QuerySelector("main"));
    }

    [SqliteFact]
    public async Task The_campaign_and_units_files_activated_on_the_campaigns_page_go_with_the_backup_and_come_back_with_it()
    {
        // Valid copies of the shipped files, as /Admin/Campaigns keeps activated ones in the data folder.
        var campaign = Path.Combine(factory.Folder, "campaigns", "tien-giang-2017.json");
        var units = Path.Combine(factory.Folder, "units.json");
        Directory.CreateDirectory(Path.GetDirectoryName(campaign)!);
        File.Copy(Path.Combine(factory.CriteriaDirectory, "tien-giang-2017.json"), campaign, overwrite: true);
        File.Copy(Path.Combine(factory.CriteriaDirectory, "units", "tien-giang.json"), units, overwrite: true);
        var backups = factory.Services.GetRequiredService<BackupService>();
        var name = await backups.Create("manual-activated-files.tar.gz", "admin", CancellationToken.None);

        var fresh = TestFolders.Create("restored-files");
        Assert.Equal(0, await RestoreCommand.Run(Configuration(fresh), Path.Combine(backups.Folder, name), replace: false, new StringWriter()));

        Assert.Equal(await File.ReadAllBytesAsync(campaign), await File.ReadAllBytesAsync(Path.Combine(fresh, "campaigns", "tien-giang-2017.json")));
        Assert.Equal(await File.ReadAllBytesAsync(units), await File.ReadAllBytesAsync(Path.Combine(fresh, "units.json")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(fresh, "units.json")));
        }
    }

    [SqliteFact]
    public async Task An_archive_naming_a_file_outside_the_data_folder_is_refused_and_nothing_changes()
    {
        var fresh = TestFolders.Create("escape");
        var archive = Path.Combine(fresh, "escape.tar.gz");
        await using (var file = File.Create(archive))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var tar = new TarWriter(gzip))
        {
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "emulation-backup.json") { DataStream = new MemoryStream("{\"Application\":\"Emulation\",\"Format\":1,\"CreatedAtUtc\":\"2017-11-28T03:00:00Z\",\"CreatedBy\":\"admin\",\"EvidenceFiles\":0}"u8.ToArray()) });
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "emulation.db") { DataStream = new MemoryStream("SQLite format 3\0....."u8.ToArray()) });
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "campaigns/../../escaped.json") { DataStream = new MemoryStream("{}"u8.ToArray()) });
        }

        var target = TestFolders.Create("escape-target");
        Assert.Equal(2, await RestoreCommand.Run(Configuration(target), archive, replace: false, new StringWriter()));
        Assert.Empty(Directory.EnumerateFileSystemEntries(target));
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(target)!, "escaped.json")));
    }

    [SqliteFact]
    public async Task A_file_that_is_not_a_backup_is_refused_and_nothing_changes()
    {
        var fresh = TestFolders.Create("refused");
        var text = Path.Combine(fresh, "notes.tar.gz");
        await File.WriteAllTextAsync(text, "not a backup");
        var foreign = Path.Combine(fresh, "foreign.tar.gz");
        await using (var file = File.Create(foreign))
        await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        await using (var tar = new TarWriter(gzip))
        {
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, "emulation.db") { DataStream = new MemoryStream("SQLite format 3\0....."u8.ToArray()) });
        }

        var target = TestFolders.Create("target");
        foreach (var archive in new[] { text, foreign, Path.Combine(fresh, "missing.tar.gz") })
        {
            var output = new StringWriter();
            Assert.Equal(2, await RestoreCommand.Run(Configuration(target), archive, replace: false, output));
            Assert.Empty(Directory.EnumerateFileSystemEntries(target));
        }
    }

    [SqliteFact]
    public async Task A_restore_over_an_existing_database_needs_replace_and_keeps_the_old_one_beside()
    {
        var backups = factory.Services.GetRequiredService<BackupService>();
        var name = await backups.Create("manual-replace-test.tar.gz", "admin", CancellationToken.None);
        var target = TestFolders.Create("existing");
        await File.WriteAllTextAsync(Path.Combine(target, "emulation.db"), "old");

        var refused = new StringWriter();
        Assert.Equal(2, await RestoreCommand.Run(Configuration(target), Path.Combine(backups.Folder, name), replace: false, refused));
        Assert.Contains("--replace", refused.ToString(), StringComparison.Ordinal);
        Assert.Equal("old", await File.ReadAllTextAsync(Path.Combine(target, "emulation.db")));

        Assert.Equal(0, await RestoreCommand.Run(Configuration(target), Path.Combine(backups.Folder, name), replace: true, new StringWriter()));
        var kept = Assert.Single(Directory.GetFiles(target, "emulation.db.before-restore-*"));
        Assert.Equal("old", await File.ReadAllTextAsync(kept));
    }

    [Fact]
    public void The_command_line_names_the_archive_and_leaves_the_other_arguments_to_the_host()
    {
        var parsed = RestoreCommand.Parse(["--restore", "b.tar.gz", "--Emulation:DataDirectory=/d", "--replace"]);

        Assert.NotNull(parsed);
        Assert.Equal("b.tar.gz", parsed.Value.Archive);
        Assert.True(parsed.Value.Replace);
        Assert.Equal(["--Emulation:DataDirectory=/d"], parsed.Value.Remaining);
        Assert.Null(RestoreCommand.Parse(["--urls", "http://x"]));
    }

    internal static IConfiguration Configuration(string dataFolder) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Emulation:DataDirectory"] = dataFolder }).Build();

    /// <summary>The application on a data folder a restore filled, instead of a copy of the empty template.</summary>
    private sealed class FolderFactory : EmulationFactory
    {
        public FolderFactory(string folder) => RestoredFolder = folder;

        public string RestoredFolder { get; }

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Emulation", $"Data Source={Path.Combine(RestoredFolder, "emulation.db")}");
            builder.UseSetting("Emulation:DataDirectory", RestoredFolder);
        }
    }
}

public sealed class DailyBackupTests
{
    [SqliteFact]
    public async Task The_daily_backup_is_made_once_a_day_and_the_last_fourteen_are_kept()
    {
        using var factory = new EmulationFactory();
        var backups = factory.Services.GetRequiredService<BackupService>();

        Assert.Equal("daily-2017-11-28.tar.gz", await backups.RunDaily(CancellationToken.None));
        Assert.Null(await backups.RunDaily(CancellationToken.None));
        for (var day = 0; day < 16; day++)
        {
            factory.Time.Advance(TimeSpan.FromDays(1));
            await backups.RunDaily(CancellationToken.None);
        }

        var names = backups.List().Select(b => b.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(BackupService.DailyKept, names.Count);
        Assert.Equal("daily-2017-12-01.tar.gz", names[0]);
        Assert.Equal("daily-2017-12-14.tar.gz", names[^1]);
        Assert.Equal(17, await factory.WithDb(db => db.AuditEntries.CountAsync(a => a.Action == AuditActions.BackupCreated && a.Who == StartupTasks.System)));
    }
}
