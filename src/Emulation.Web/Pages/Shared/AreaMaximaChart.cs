using System.Globalization;
using Emulation.Core.Campaigns;

namespace Emulation.Web.Pages.Shared;

/// <summary>The data of the area-maxima chart: one series per framework, one bar per area.</summary>
public sealed record AreaMaximaChart(
    string CampaignTitle,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> AreaTitles,
    IReadOnlyList<AreaMaximaSeries> Series)
{
    public static AreaMaximaChart For(Campaign campaign, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var areas = campaign.Frameworks.Values.SelectMany(f => f.Areas)
            .GroupBy(a => a.Code, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        var kinds = campaign.UnitKinds.ToDictionary(k => k.Code, k => k.Title.For(culture), StringComparer.Ordinal);
        var series = campaign.Frameworks
            .Select(pair => new AreaMaximaSeries(
                kinds.GetValueOrDefault(pair.Key, pair.Key),
                areas.Select(area => pair.Value.Areas.FirstOrDefault(a => a.Code == area.Code)?.Max).ToList()))
            .ToList();
        return new AreaMaximaChart(campaign.Title.For(culture), areas.Select(a => a.Code).ToList(),
            areas.Select(a => a.Title.For(culture)).ToList(), series);
    }
}

public sealed record AreaMaximaSeries(string Name, IReadOnlyList<decimal?> Values);
