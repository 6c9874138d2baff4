using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Dom;
using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

/// <summary>Reading a chart's embedded figures, and the published snapshots to compare them with.</summary>
internal static class ChartSupport
{
    public static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The chart's JSON (<c>{id}-data</c>) as the script reads it.</summary>
    public static JsonElement Chart(this IHtmlDocument page, string id)
    {
        var script = page.GetElementById(id + "-data");
        Assert.NotNull(script);
        Assert.Equal("application/json", script.GetAttribute("type"));
        Assert.NotNull(page.QuerySelector($"canvas#{id}[data-chart='{id}-data'][role='img'][aria-label]"));
        return JsonDocument.Parse(script.TextContent).RootElement.Clone();
    }

    public static List<string> Labels(this JsonElement chart) =>
        [.. chart.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!)];

    /// <summary>The named series' values (null where the chart has no figure).</summary>
    public static List<decimal?> Series(this JsonElement chart, string name)
    {
        var series = chart.GetProperty("series").EnumerateArray().SingleOrDefault(s => s.GetProperty("name").GetString() == name);
        Assert.True(series.ValueKind == JsonValueKind.Object, $"no series {name}");
        return [.. series.GetProperty("values").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? (decimal?)null : v.GetDecimal())];
    }

    public static List<string> SeriesNames(this JsonElement chart) =>
        [.. chart.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("name").GetString()!)];

    /// <summary>The current publications' units, month → units.</summary>
    public static Task<Dictionary<int, List<PublishedUnit>>> Published(this EmulationFactory factory) =>
        factory.WithDb(async db => (await db.Publications.AsNoTracking()
                .Where(p => p.CampaignId == AssessmentSupport.CampaignId && p.SupersededAtUtc == null)
                .Include(p => p.Units).ThenInclude(u => u.Entries)
                .ToListAsync())
            .ToDictionary(p => p.Month, p => p.Units.ToList()));
}
