using Emulation.Core.Campaigns;
using Emulation.Core.Entries;
using Emulation.Core.Scoring;

namespace Emulation.Benchmarks;

/// <summary>
/// The benchmark inputs: a province (200 units) and the nation (4,000 units), each × 11 months ×
/// 80 monthly leaf criteria of the synthetic campaign — 176,000 and 3,520,000 entries. Files are
/// generated once under the temp folder (deterministic seed) and never committed.
/// </summary>
internal static class Scale
{
    public const int ProvinceUnits = 200;
    public const int NationUnits = 4000;
    public const int Leaves = 80;

    public static string ShippedCampaign => Path.Combine(RepositoryRoot(), "criteria", "tien-giang-2017.json");

    public static Campaign Campaign { get; } = CampaignLoader.Load(SyntheticCampaign.Json(Leaves), "synthetic.json").Value
        ?? throw new InvalidOperationException("The synthetic campaign does not load.");

    /// <summary>The entries file for a number of units, generated when absent.</summary>
    public static string EntriesFile(int units)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "emulation-benchmarks"));
        var path = Path.Combine(folder.FullName, $"entries-{units}-{Leaves}.csv");
        if (!File.Exists(path))
        {
            var partial = path + ".part";
            using (var stream = File.Create(partial))
            {
                EntriesGenerator.Write(Campaign, units, 2017, stream);
            }

            File.Move(partial, path, overwrite: true);
        }

        return path;
    }

    /// <summary>The scoring input of a generated file.</summary>
    public static ScoringInput Input(int units)
    {
        var file = EntriesCsvReader.ReadFile(EntriesFile(units), Campaign);
        return file.Input ?? throw new InvalidOperationException(string.Join(Environment.NewLine, file.Errors));
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Emulation.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }
}
