using System.Globalization;

namespace Emulation.Load;

/// <summary>What a run does: how many units and readers, for how long, against which servers, and whether one is killed.</summary>
public sealed class LoadOptions
{
    /// <summary>The month every unit fills in (November 2017: open on the demo date, 28/11/2017).</summary>
    public const int Month = 11;

    public const string CampaignId = "tien-giang-2017";

    /// <summary>Addresses to drive (nginx, or each server). Empty: the run starts its own servers.</summary>
    public List<Uri> BaseUrls { get; } = [];

    public int Units { get; set; } = 200;

    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(60);

    public int Readers { get; set; } = 20;

    /// <summary>A reader's pause between two loads of /Rankings.</summary>
    public TimeSpan ReaderPause { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A person's pause between two steps (reading the form, typing).</summary>
    public TimeSpan Think { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The share of the duration over which the units begin (the rest is for finishing).</summary>
    public double ArrivalShare { get; set; } = 0.4;

    /// <summary>Kill -9 a server in the middle of the burst and restart it.</summary>
    public bool Crash { get; set; }

    /// <summary>Which started server is killed (0-based).</summary>
    public int CrashServer { get; set; }

    /// <summary>How long the killed server stays down before it is started again.</summary>
    public TimeSpan Downtime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Servers to start when <see cref="BaseUrls"/> is empty.</summary>
    public int Servers { get; set; } = 1;

    /// <summary>The first port of the started servers (the next ones follow).</summary>
    public int Port { get; set; } = 5131;

    /// <summary>nginx in front of the started servers on this port (0: none; with several servers the runs go round them).</summary>
    public int NginxPort { get; set; }

    /// <summary><c>Sqlite</c> or <c>PostgreSQL</c>.</summary>
    public string Database { get; set; } = "Sqlite";

    /// <summary>The PostgreSQL connection string (Npgsql form) of an empty database, or a SQLite one to override the data folder's file.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The data folder of the started servers (shared by all of them; evidence lives there). Default: a temporary folder.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Keep the data folder after the run.</summary>
    public bool Keep { get; set; }

    /// <summary>The built Emulation.Web.dll (default: the repository's Release build).</summary>
    public string? WebDll { get; set; }

    /// <summary>The repository (criteria folder, units file).</summary>
    public string RepositoryRoot { get; set; } = FindRoot(AppContext.BaseDirectory) ?? FindRoot(Directory.GetCurrentDirectory()) ?? ".";

    /// <summary>Marks every note this run writes, so a second run on the same database is told apart.</summary>
    public string RunId { get; set; } = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);

    /// <summary>Lines of progress (null: quiet).</summary>
    public TextWriter? Log { get; set; } = Console.Out;

    public bool IsPostgres => string.Equals(Database, "PostgreSQL", StringComparison.OrdinalIgnoreCase);

    private static string? FindRoot(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Emulation.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
