using Emulation.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

/// <summary>
/// The application on a real SQLite file. The schema is migrated once into a template file; each
/// factory (one per test class) starts from its own copy, so classes never see each other's data.
/// </summary>
public class EmulationFactory : WebApplicationFactory<Program>
{
    public EmulationFactory()
    {
        Folder = TestFolders.Create("web");
        DatabasePath = Path.Combine(Folder, "emulation.db");
        File.Copy(TemplateDatabase.Path, DatabasePath);
    }

    /// <summary>This factory's own folder: its data folder and database file.</summary>
    public string Folder { get; }

    public string DatabasePath { get; }

    /// <summary>The campaign files: the repository's criteria folder, copied beside the tests by the build.</summary>
    public virtual string CriteriaDirectory => TestFolders.ShippedCriteria;

    public virtual bool Demo => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Emulation", $"Data Source={DatabasePath}");
        builder.UseSetting("Emulation:DataDirectory", Folder);
        builder.UseSetting("Emulation:Demo", Demo ? "true" : "false");
        builder.UseSetting("Emulation:CriteriaDirectory", CriteriaDirectory);
        builder.UseSetting("Emulation:UnitsFile", Path.Combine(CriteriaDirectory, "units", "tien-giang.json"));
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
    }
}

/// <summary>The schema, migrated once per test run into a template database file.</summary>
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
