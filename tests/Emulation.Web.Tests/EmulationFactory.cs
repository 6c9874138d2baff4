using System.Security.Claims;
using Emulation.Web.Data;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Emulation.Web.Tests;

/// <summary>
/// The application on a real SQLite file, or on PostgreSQL when EMULATION_TEST_DATABASE=PostgreSQL
/// (see <see cref="TestDatabase"/>). The schema is migrated once into a template (a file, or a
/// template database); each factory (one per test class) starts from its own copy, so classes never
/// see each other's data.
/// Time is a <see cref="FakeTimeProvider"/> standing still at 10:00 in Vietnam (in demo mode the
/// business clock reads 28/11/2017 10:00) until a test moves it.
/// </summary>
public class EmulationFactory : WebApplicationFactory<Program>
{
    private bool ownsDatabase;

    public EmulationFactory()
        : this(TestDatabase.Provider)
    {
    }

    /// <summary>A factory on <paramref name="provider"/> whichever engine the run uses (e.g. an SQLite source for copy-database).</summary>
    protected EmulationFactory(DatabaseProvider provider)
    {
        Provider = provider;
        Folder = TestFolders.Create("web");
        DatabasePath = Path.Combine(Folder, "emulation.db");
        if (provider == DatabaseProvider.PostgreSQL)
        {
            ConnectionString = TestDatabase.CreatePostgreSqlDatabase();
        }
        else
        {
            File.Copy(TemplateDatabase.Path, DatabasePath);
            ConnectionString = $"Data Source={DatabasePath}";
        }

        ownsDatabase = true;
    }

    /// <summary>For <see cref="SecondServer"/>: <paramref name="sameAs"/>'s database and data folder.
    /// Also the application starting again on an earlier factory's data folder and database: that one
    /// calls <see cref="LeaveDatabase"/> and is disposed first, and this one (<paramref name="owns"/>) drops it.</summary>
    protected EmulationFactory(EmulationFactory sameAs, bool owns = false)
    {
        ArgumentNullException.ThrowIfNull(sameAs);
        Folder = sameAs.Folder;
        DatabasePath = sameAs.DatabasePath;
        ConnectionString = sameAs.ConnectionString;
        Provider = sameAs.Provider;
        Time.SetUtcNow(sameAs.Time.GetUtcNow());
        ownsDatabase = owns;
    }

    /// <summary>Hands this factory's database to the one that starts again on it (a restart).</summary>
    public void LeaveDatabase() => ownsDatabase = false;

    /// <summary>
    /// A second server on this one's database and data folder (the shared evidence folder), as two
    /// servers behind a proxy: its own process state (caches, clock, lease holder, rate limits).
    /// Dispose it before this one.
    /// </summary>
    public EmulationFactory SecondServer() => new SecondServerFactory(this);

    private sealed class SecondServerFactory : EmulationFactory
    {
        private readonly bool demo;
        private readonly bool demoHistory;
        private readonly string criteria;

        public SecondServerFactory(EmulationFactory first)
            : base(first)
        {
            demo = first.Demo;
            demoHistory = first.DemoHistory;
            criteria = first.CriteriaDirectory;
        }

        public override bool Demo => demo;

        public override bool DemoHistory => demoHistory;

        public override string CriteriaDirectory => criteria;
    }

    /// <summary>The engine this factory's database runs on.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The database's connection string (SQLite's file, or this factory's PostgreSQL database).</summary>
    public string ConnectionString { get; }

    /// <summary>The time the application reads (not authentication, which keeps the real clock).</summary>
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero));

    /// <summary>This factory's own folder: its data folder and (on SQLite) database file.</summary>
    public string Folder { get; }

    public string DatabasePath { get; }

    /// <summary>The campaign files: the repository's criteria folder, copied beside the tests by the build.</summary>
    public virtual string CriteriaDirectory => TestFolders.ShippedCriteria;

    public virtual bool Demo => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("Emulation:Database", Provider.ToString());
        builder.UseSetting("ConnectionStrings:Emulation", ConnectionString);
        builder.UseSetting("Emulation:DataDirectory", Folder);
        builder.UseSetting("Emulation:Demo", Demo ? "true" : "false");
        builder.UseSetting("Emulation:CriteriaDirectory", CriteriaDirectory);
        builder.UseSetting("Emulation:UnitsFile", Path.Combine(CriteriaDirectory, "units", "tien-giang.json"));
        builder.UseSetting("Emulation:DemoHistory", DemoHistory ? "true" : "false");
        // Tests make their backups themselves (BackupService.RunDaily), not at the fake clock's ticks.
        builder.UseSetting("Emulation:DailyBackups", "false");
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Time);

            // Real PBKDF2 hashing and verification, with fewer rounds than the 100,000 the
            // application uses: every factory seeds a dozen demo accounts and most tests sign in, and
            // at full strength the hashing alone was minutes of CPU per test run.
            services.Configure<PasswordHasherOptions>(options => options.IterationCount = TestPasswordIterations);

            if (!RemindersOnTheirOwn)
            {
                WithoutReminderLoop(services);
            }
        });
    }

    /// <summary>
    /// Whether the reminder service's own loop runs (off: tests run it with <c>RunOnce</c>). The
    /// loop ticks every minute of the fake clock, and on SQLite each tick's work runs inside
    /// <see cref="FakeTimeProvider.Advance"/>: advancing eight days ran it 11,520 times, half a
    /// minute per test.
    /// </summary>
    public virtual bool RemindersOnTheirOwn => false;

    /// <summary>Drops the hosted loop Program registers for <c>ReminderService</c>; the service itself stays.</summary>
    private static void WithoutReminderLoop(IServiceCollection services)
    {
        // Program registers it by a factory that returns the ReminderService singleton.
        var loop = services.Single(d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService)
            && d.ImplementationFactory is Func<IServiceProvider, Emulation.Web.Infrastructure.Notifications.ReminderService>);
        services.Remove(loop);
    }

    /// <summary>PBKDF2 rounds of the passwords the tests hash (the application's default is 100,000).</summary>
    public const int TestPasswordIterations = 1_000;

    /// <summary>Whether demo mode seeds the demo year's history (off unless a test class asks for it).</summary>
    public virtual bool DemoHistory => false;

    /// <summary>Sends a page's query or command straight to its handler, in a request scope of its own.</summary>
    public async Task<T> SendAsync<T>(IRequest<T> request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    /// <summary>The signed-in principal of a user, with roles and claims, as the sign-in cookie carries it.</summary>
    public async Task<ClaimsPrincipal> UserAsync(string userName)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = await users.FindByNameAsync(userName) ?? throw new InvalidOperationException($"No user {userName}.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<IdentityUser>>().CreateAsync(user);
    }

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Runs <paramref name="work"/> on the application's database.</summary>
    public async Task<T> WithDb<T>(Func<EmulationDb, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<EmulationDb>());
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (disposing && ownsDatabase && Provider == DatabaseProvider.PostgreSQL)
        {
            TestDatabase.DropPostgreSqlDatabase(ConnectionString);
        }
    }
}

/// <summary>The schema, migrated once per test run into a template database file (SQLite).</summary>
internal static class TemplateDatabase
{
    private static readonly Lazy<string> Template = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => Template.Value;

    private static string Create()
    {
        var path = System.IO.Path.Combine(TestFolders.Create("template"), "template.db");
        var options = new DbContextOptionsBuilder<EmulationDb>().UseSqlite($"Data Source={path};Pooling=False").Options;
        using (var db = new EmulationDb(options))
        {
            db.Database.Migrate();
        }

        return path;
    }
}

internal static class TestFolders
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "emulation-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    static TestFolders()
    {
        // Folders of earlier runs whose process has ended are removed; a running one keeps its own.
        var parent = Path.GetDirectoryName(Root)!;
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(parent))
        {
            if (int.TryParse(Path.GetFileName(folder), out var pid) && pid != Environment.ProcessId && !IsRunning(pid))
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static string ShippedCriteria => Path.Combine(AppContext.BaseDirectory, "criteria");

    public static string Create(string prefix)
    {
        var path = Path.Combine(Root, $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A copy of the shipped criteria folder that a test may change.</summary>
    public static string CopyOfCriteria()
    {
        var target = Create("criteria");
        foreach (var file in Directory.EnumerateFiles(ShippedCriteria, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(ShippedCriteria, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }
}
