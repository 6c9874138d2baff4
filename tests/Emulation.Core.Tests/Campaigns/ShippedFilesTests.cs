using System.Text.Json;
using System.Text.Json.Nodes;
using Emulation.Core.Campaigns;
using Emulation.Core.Units;
using Emulation.Core.Tests.Cli;
using Json.Schema;

namespace Emulation.Core.Tests.Campaigns;

/// <summary>The campaign and units files the product ships: they load, follow the 2017 campaign and pass the schemas.</summary>
public sealed class ShippedFilesTests
{
    private static readonly string Criteria = Path.Combine(EmulationProcess.RepositoryRoot, "criteria");
    private static readonly string CampaignFile = Path.Combine(Criteria, "tien-giang-2017.json");
    private static readonly string UnitsFile = Path.Combine(Criteria, "units", "tien-giang.json");

    private static readonly Lazy<Campaign> Campaign = new(() => Loaded(CampaignLoader.LoadFile(CampaignFile)));

    private static readonly Lazy<Organisation> Units =
        new(() => Loaded(OrganisationLoader.LoadFile(UnitsFile, [Campaign.Value])));

    [Fact]
    public void The_2017_campaign_runs_January_to_November_with_deadline_day_5()
    {
        var campaign = Campaign.Value;

        Assert.Equal("tien-giang-2017", campaign.Id);
        Assert.Equal(2017, campaign.Year);
        Assert.Equal((1, 11), (campaign.FirstMonth, campaign.LastMonth));
        Assert.Equal(5, campaign.DeadlineDay);
        Assert.Equal(["department", "district", "commune"], campaign.UnitKinds.Select(k => k.Code));
        Assert.Equal(0m, campaign.Classification[^1].Min);
        Assert.Equal(["flag", "merit"], campaign.Awards.Select(a => a.Code));
        Assert.Equal(["flag"], campaign.FindAward("merit")!.ExcludedBy);
    }

    [Theory]
    [InlineData("department")]
    [InlineData("district")]
    [InlineData("commune")]
    public void Each_framework_has_the_eight_areas_with_the_2017_maxima(string kind)
    {
        var framework = Campaign.Value.FrameworkFor(kind)!;

        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], framework.Areas.Select(a => a.Code));
        Assert.Equal([10m, 10m, 14.5m, 11m, 16m, 7m, 16m, 15.5m], framework.Areas.Select(a => a.Max));
        Assert.Equal(100m, framework.Max);
    }

    [Theory]
    [InlineData("department")]
    [InlineData("district")]
    [InlineData("commune")]
    public void Each_framework_has_40_or_more_leaves_using_every_method_nesting_and_frequency(string kind)
    {
        var framework = Campaign.Value.FrameworkFor(kind)!;

        Assert.True(framework.Leaves.Count >= 40, $"{kind} has {framework.Leaves.Count} leaf criteria");
        Assert.Equal(
            ["binary", "count", "deduction", "levels", "manual", "ratio"],
            framework.Leaves.Select(c => c.Method!.Name).Distinct().Order());
        Assert.Contains(framework.Leaves, c => c.Method is RatioMethod { Proportional: true });
        Assert.Contains(framework.Leaves, c => c.Method is RatioMethod { Proportional: false });
        Assert.Contains(framework.Areas.SelectMany(a => a.Criteria), c => !c.IsLeaf);
        Assert.Contains(framework.Leaves, c => c.Frequency.Kind != FrequencyKind.Monthly);
        Assert.All(framework.Leaves, c => Assert.False(string.IsNullOrWhiteSpace(c.Title.En)));
    }

    [Theory]
    [InlineData("district")]
    [InlineData("commune")]
    public void Area_8_asks_the_one_stop_figures_as_ratios_with_their_own_labels(string kind)
    {
        var oneStop = Campaign.Value.FrameworkFor(kind)!.Areas.Single(a => a.Code == "8");
        var ratios = Leaves(oneStop.Criteria).Select(c => c.Method).OfType<RatioMethod>().ToList();

        Assert.True(ratios.Count >= 3, $"{kind} area 8 has {ratios.Count} ratio criteria");
        Assert.All(ratios, r => Assert.NotEqual(r.Numerator, r.Denominator));
    }

    [Fact]
    public void The_units_file_holds_the_2017_organisation_of_Tien_Giang()
    {
        var units = Units.Value;

        Assert.Equal(18, units.Units.Count(u => u.Kind == "department"));
        Assert.Equal(11, units.Units.Count(u => u.Kind == "district"));
        Assert.True(units.Units.Count(u => u.Kind == "commune") >= 18);
        Assert.All(units.Units, u => Assert.Equal(new DateOnly(2025, 6, 30), u.ValidTo));
        foreach (var code in new[] { "SNV", "STP", "CHOGAO", "TANPHUOC", "MYTHO", "TANPHUDONG" })
        {
            Assert.NotNull(units.FindUnit(code));
        }

        Assert.All(units.Units.Where(u => u.Kind == "commune"), u => Assert.Contains(u.Parent, new[] { "CHOGAO", "TANPHUOC" }));
    }

    [Fact]
    public void Every_unit_is_in_exactly_one_2017_block_of_one_kind()
    {
        var units = Units.Value;
        var blocks = units.BlocksOf("tien-giang-2017");
        var members = blocks.SelectMany(b => b.Units).ToList();

        Assert.Equal(units.Units.Select(u => u.Code).Order(), members.Order());
        Assert.InRange(blocks.Count(b => b.Units.All(u => units.FindUnit(u)!.Kind == "department")), 2, 3);
        Assert.All(blocks, b => Assert.Single(b.Units.Select(u => units.FindUnit(u)!.Kind).Distinct()));
    }

    [Theory]
    [InlineData("campaign.schema.json", "tien-giang-2017.json")]
    [InlineData("units.schema.json", "units/tien-giang.json")]
    public void The_schema_accepts_the_shipped_file(string schemaFile, string dataFile)
    {
        var results = Evaluate(schemaFile, File.ReadAllText(Path.Combine(Criteria, dataFile)));

        Assert.True(results.IsValid, Describe(results));
    }

    [Fact]
    public void The_campaign_schema_refuses_an_unknown_method()
    {
        var campaign = JsonNode.Parse(File.ReadAllText(CampaignFile), documentOptions: new() { CommentHandling = JsonCommentHandling.Skip })!;
        campaign["frameworks"]!["department"]!["areas"]![0]!["criteria"]![0]!["method"] = "vote";

        Assert.False(Evaluate("campaign.schema.json", campaign.ToJsonString()).IsValid);
    }

    private static EvaluationResults Evaluate(string schemaFile, string json)
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(Criteria, schemaFile)), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Describe(EvaluationResults results) => string.Join(
        Environment.NewLine,
        (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")));

    private static IEnumerable<Criterion> Leaves(IEnumerable<Criterion> criteria) =>
        criteria.SelectMany(c => c.IsLeaf ? [c] : Leaves(c.Children));

    private static T Loaded<T>(LoadResult<T> result)
        where T : class
    {
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Value!;
    }
}
