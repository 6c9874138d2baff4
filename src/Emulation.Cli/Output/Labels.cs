using Emulation.Core.Awards;
using Emulation.Core.Campaigns;
using Emulation.Core.Output;
using Emulation.Core.Units;

namespace Emulation.Cli.Output;

/// <summary>
/// What a table shows people instead of codes: the campaign's titles of unit kinds, classification
/// bands and awards (and the units file's block titles, with <c>--units</c>), in Vietnamese or, with
/// <c>--lang en</c>, English; award conditions and quotas in words. JSON and CSV keep the codes.
/// </summary>
internal sealed class Labels(Campaign campaign, Organisation? organisation, bool english)
{
    private readonly Dictionary<string, LocalizedText> blocks = organisation?.BlocksOf(campaign.Id)
        .GroupBy(b => b.Code, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Title, StringComparer.Ordinal) ?? [];

    public bool English => english;

    /// <summary>The unit kind's title, e.g. <c>Huyện</c> for <c>district</c>.</summary>
    public string Kind(string code) => Pick(campaign.UnitKinds.FirstOrDefault(k => k.Code == code)?.Title) ?? code;

    /// <summary>The classification band's title, e.g. <c>Yếu</c> for <c>weak</c>.</summary>
    public string Classification(string code) => Pick(campaign.Classification.FirstOrDefault(b => b.Code == code)?.Title) ?? code;

    /// <summary>The award's title.</summary>
    public string Award(string code) => Pick(campaign.FindAward(code)?.Title) ?? code;

    /// <summary>The block's title from the units file with its code (<c>K-HUYEN Khối huyện</c>), or its code.</summary>
    public string Block(string code) => Pick(blocks.GetValueOrDefault(code)) is { } title ? $"{code} {title}" : code;

    /// <summary>A scoring method in words.</summary>
    public string Method(string? method) => method switch
    {
        null => "",
        "binary" => english ? "yes/no" : "có/không",
        "levels" => english ? "levels" : "mức",
        "ratio" => english ? "ratio" : "tỷ lệ",
        "count" => english ? "count" : "đếm số",
        "deduction" => english ? "deduction" : "điểm trừ",
        "manual" => english ? "points given" : "chấm trực tiếp",
        _ => method,
    };

    /// <summary>One award condition in words: <c>điểm lũy kế ≥ 90: 92.35 ✓</c>, <c>không nhận Cờ thi đua: Cờ thi đua ✗</c>.</summary>
    public string Condition(ConditionResult reason)
    {
        var required = reason.RequiredCodes is { } rc ? Awards(rc) : Figures.Short(reason.Required.GetValueOrDefault());
        var actual = reason.ActualCodes is { } ac ? Awards(ac) : Figures.Short(reason.Actual.GetValueOrDefault());
        var mark = reason.Passed ? "✓" : "✗";
        return reason.Condition switch
        {
            ConditionResult.MinScore => english ? $"year-to-date score ≥ {required}: {actual} {mark}" : $"điểm lũy kế ≥ {required}: {actual} {mark}",
            ConditionResult.MinMonthScore => english ? $"every month ≥ {required}: lowest {actual} {mark}" : $"mọi tháng ≥ {required}: thấp nhất {actual} {mark}",
            ConditionResult.MaxLateMonths => english ? $"late months ≤ {required}: {actual} {mark}" : $"số tháng nộp trễ ≤ {required}: {actual} {mark}",
            ConditionResult.ExcludedBy => english ? $"not holding {required}: holds {actual} {mark}" : $"không nhận {required}: đã nhận {actual} {mark}",
            _ => ProposalFormat.Describe(reason),
        };
    }

    /// <summary>How a group's quota was computed: <c>20 % × 2 đơn vị = 0.4 → 0</c>, or a fixed count.</summary>
    public static string Quota(Award? award, AwardGroup group)
    {
        if (award?.Share is { } share)
        {
            var percent = Figures.Short(share * 100);
            var product = Figures.Short(share * group.Size);
            return $"chỉ tiêu = {percent} % × {group.Size} đơn vị = {product} → {group.Quota} (quota = {percent} % × {group.Size} units = {product}, rounded down: {group.Quota})";
        }

        return $"chỉ tiêu cố định: {group.Quota} đơn vị (a fixed quota: {group.Quota})";
    }

    private string Awards(IReadOnlyList<string> codes) =>
        codes.Count == 0 ? (english ? "none" : "không có") : string.Join(", ", codes.Select(Award));

    private string? Pick(LocalizedText? text) => text is null ? null : english && text.En.Length > 0 ? text.En : text.Vi;
}
