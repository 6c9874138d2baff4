using System.Text.Json.Serialization;

namespace Emulation.Web.Pages.Charts;

/// <summary>How a chart draws: vertical bars, horizontal bars (a ranking), or lines over months.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChartKind>))]
public enum ChartKind
{
    Bar,
    HorizontalBar,
    Line,
}

/// <summary>What the figures are: points (two decimals) or a percentage.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ChartFormat>))]
public enum ChartFormat
{
    Points,
    Percent,
}

/// <summary>
/// A chart as the page embeds it: the script draws it from this JSON, and the table beside it
/// shows the same figures (one row per label, one column per series) for those who cannot see it.
/// </summary>
/// <param name="Id">The canvas's id; the JSON's is <c>{Id}-data</c>.</param>
/// <param name="Title">The chart's heading and the table's caption.</param>
/// <param name="Description">What the chart shows, for screen readers (the canvas's label).</param>
/// <param name="RowHeading">The heading of the table's first column (what the labels are).</param>
/// <param name="Labels">One per bar or point, in order.</param>
/// <param name="Series">Each with one value per label (null: no figure).</param>
/// <param name="Max">The axis's maximum (null: from the figures).</param>
public sealed record ChartModel(
    string Id,
    ChartKind Kind,
    ChartFormat Format,
    string Title,
    string Description,
    string RowHeading,
    IReadOnlyList<string> Labels,
    IReadOnlyList<ChartSeries> Series,
    decimal? Max = null)
{
    /// <summary>A small chart (the home page's trend): lower, without the heading.</summary>
    public bool Small { get; init; }

    /// <summary>The figures are already in a table beside the chart (a ranking's own table): no second table.</summary>
    public bool FiguresBeside { get; init; }

    /// <summary>The labels in full, for the table and the tooltips, when the axis shows short ones (null: the same).</summary>
    public IReadOnlyList<string>? LongLabels { get; init; }

    public bool HasFigures => Series.Any(s => s.Values.Any(v => v is not null));
}

/// <summary>
/// One series of a chart; <paramref name="Line"/> draws it as a line over bars (an average);
/// <paramref name="Wide"/> draws it wide and underneath, so a series on top of it with the same
/// figures (self totals the verifier accepted as they were) leaves it visible.
/// </summary>
public sealed record ChartSeries(string Name, IReadOnlyList<decimal?> Values, bool Line = false, bool Dashed = false, bool Wide = false);
