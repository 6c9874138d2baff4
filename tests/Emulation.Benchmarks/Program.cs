using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using Emulation.Benchmarks;
using Emulation.Core.Campaigns;

// dotnet run -c Release --project tests/Emulation.Benchmarks -- generate --units 4000 --out /tmp/national.csv [--campaign criteria/tien-giang-2017.json | --synthetic 80] [--seed 2017]
// dotnet run -c Release --project tests/Emulation.Benchmarks -- [BenchmarkDotNet options, e.g. --filter '*']
if (args.Length > 0 && args[0] == "generate")
{
    return Generate(args[1..]);
}

if (args.Length > 0 && args[0] == "time-read")
{
    // A quick look without BenchmarkDotNet: wall and CPU time of reading the national file, 3 times.
    var path = Scale.EntriesFile(Scale.NationUnits);
    for (var i = 0; i < 2; i++)
    {
        var watch = Stopwatch.StartNew();
        using var stream = File.OpenRead(path);
        var reader = new Emulation.Core.Entries.CsvRecordReader(stream);
        var records = 0;
        while (reader.Read())
        {
            records++;
        }

        Console.WriteLine($"tokenize {records} records: {watch.Elapsed.TotalSeconds:0.00} s");
    }

    for (var i = 0; i < 3; i++)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (g0, g1, g2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var watch = Stopwatch.StartNew();
        var file = Emulation.Core.Entries.EntriesCsvReader.ReadFile(path, Scale.Campaign);
        var read = watch.Elapsed;
        var rank = Emulation.Core.Scoring.ScoringEngine.Rank(Scale.Campaign, file.Input!);
        Console.WriteLine($"read+rank {file.Rows} rows, {rank.Units.Count} units: {watch.Elapsed.TotalSeconds:0.00} s wall (read {read.TotalSeconds:0.00} s), {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.00} s CPU, GC {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}");
    }

    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(Scale).Assembly).Run(args);
return 0;

static int Generate(string[] args)
{
    var options = new Dictionary<string, string>(StringComparer.Ordinal);
    for (var i = 0; i + 1 < args.Length; i += 2)
    {
        options[args[i]] = args[i + 1];
    }

    if (!options.TryGetValue("--out", out var output))
    {
        Console.Error.WriteLine("generate --units N --out <entries.csv> [--campaign <campaign.json> | --synthetic <leaves>] [--seed S]");
        return 2;
    }

    var units = int.Parse(options.GetValueOrDefault("--units", "200"), CultureInfo.InvariantCulture);
    var seed = int.Parse(options.GetValueOrDefault("--seed", "2017"), CultureInfo.InvariantCulture);
    string campaignPath;
    if (options.TryGetValue("--synthetic", out var leaves))
    {
        // The synthetic campaign is written beside the entries, for `emulation rank --campaign`.
        campaignPath = Path.ChangeExtension(output, ".campaign.json");
        File.WriteAllText(campaignPath, SyntheticCampaign.Json(int.Parse(leaves, CultureInfo.InvariantCulture)));
    }
    else
    {
        campaignPath = options.GetValueOrDefault("--campaign", Scale.ShippedCampaign);
    }

    var loaded = CampaignLoader.LoadFile(campaignPath);
    if (loaded.Value is not { } campaign)
    {
        loaded.Errors.ToList().ForEach(Console.Error.WriteLine);
        return 1;
    }

    var watch = Stopwatch.StartNew();
    using var stream = File.Create(output);
    var rows = EntriesGenerator.Write(campaign, units, seed, stream);
    Console.WriteLine($"{output}: {rows} rows, {units} units, campaign {campaignPath}, {stream.Length / 1048576.0:0.0} MB in {watch.Elapsed.TotalSeconds:0.0} s");
    return 0;
}
