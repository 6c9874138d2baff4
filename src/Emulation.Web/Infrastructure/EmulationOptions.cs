namespace Emulation.Web.Infrastructure;

/// <summary>The <c>Emulation</c> configuration section.</summary>
public sealed class EmulationOptions
{
    public const string Section = "Emulation";

    /// <summary>Folder for the database and, later, evidence files; relative paths are beside the app.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Folder holding the campaign files (*.json); relative paths are beside the app.</summary>
    public string CriteriaDirectory { get; set; } = "criteria";

    /// <summary>The units file seeding units and blocks into an empty database, until an administrator activates another (<see cref="UnitsPath"/>).</summary>
    public string UnitsFile { get; set; } = Path.Combine("criteria", "units", "tien-giang.json");

    /// <summary>Demo mode: known demo accounts and a business clock inside the 2017 campaign.</summary>
    public bool Demo { get; set; }

    /// <summary>
    /// Demo mode only: on the first start, give the demo campaign its history (January–October
    /// verified, November open; <see cref="Data.Seeding.DemoHistorySeeder"/>).
    /// </summary>
    public bool DemoHistory { get; set; } = true;

    /// <summary>The business date the clock starts from in demo mode (default 2017-11-28).</summary>
    public DateOnly? Today { get; set; }

    /// <summary>The province's name as printed documents head it ("UBND TỈNH TIỀN GIANG").</summary>
    public string Province { get; set; } = "Tiền Giang";

    /// <summary>The body that issues the campaign's documents; default "UBND tỉnh" and the province. An administrator may change it (/Admin/Branding).</summary>
    public string? IssuingBody { get; set; }

    /// <summary>The help desk's phone, shown in the footer and on printed documents (none by default).</summary>
    public string? HelpDeskPhone { get; set; }

    /// <summary>The help desk's e-mail, shown in the footer and on printed documents (none by default).</summary>
    public string? HelpDeskEmail { get; set; }

    /// <summary>Whether a backup is made each day (by the business clock) into the data folder's <c>backups</c>, the last 14 kept.</summary>
    public bool DailyBackups { get; set; } = true;

    public static readonly DateOnly DemoToday = new(2017, 11, 28);

    /// <summary>A configured path made absolute: relative paths are taken beside the app.</summary>
    public static string Resolve(string path) =>
        Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path));

    public string DataPath => Resolve(DataDirectory);
    public string CriteriaPath => Resolve(CriteriaDirectory);
    /// <summary>
    /// The units file in use: the one an administrator activated on /Admin/Campaigns (the data
    /// folder's <c>units.json</c>) when there is one, else <see cref="UnitsFile"/>.
    /// </summary>
    public string UnitsPath => File.Exists(ActivatedUnitsPath) ? ActivatedUnitsPath : Resolve(UnitsFile);

    /// <summary>Where an activated units file is kept: <c>units.json</c> in the data folder.</summary>
    public string ActivatedUnitsPath => Path.Combine(DataPath, "units.json");
}
