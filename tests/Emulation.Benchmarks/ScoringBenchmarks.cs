using BenchmarkDotNet.Attributes;
using Emulation.Core.Entries;
using Emulation.Core.Scoring;

namespace Emulation.Benchmarks;

/// <summary>The engine ranking a province and the nation (targets on 2 cores: under 50 ms and under 2 s / 1 GB).</summary>
[MemoryDiagnoser]
public class RankingBenchmarks
{
    private ScoringInput input = null!;

    [Params(Scale.ProvinceUnits, Scale.NationUnits)]
    public int Units { get; set; }

    [GlobalSetup]
    public void Setup() => input = Scale.Input(Units);

    [Benchmark]
    public Standings Rank() => ScoringEngine.Rank(Scale.Campaign, input);
}

/// <summary>Reading the national entries CSV (3.52 million rows) into the engine's input.</summary>
[MemoryDiagnoser]
public class CsvBenchmarks
{
    private string path = null!;

    [GlobalSetup]
    public void Setup() => path = Scale.EntriesFile(Scale.NationUnits);

    [Benchmark]
    public EntriesFile ReadNationalFile() => EntriesCsvReader.ReadFile(path, Scale.Campaign);
}
