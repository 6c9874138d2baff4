using Emulation.Core.Campaigns;
using Emulation.Core.Units;

namespace Emulation.Core.Output;

/// <summary>
/// How <c>emulation validate</c> reports campaign and units files, shared by the command and the
/// web's upload page so both print the same lines: every error as <c>file:json-path: message</c>
/// followed by the count, or one line per valid file.
/// </summary>
public static class ValidationReport
{
    /// <summary>Every error, one per line, then <c>N lỗi (errors).</c>; empty when there is none.</summary>
    public static IReadOnlyList<string> ErrorLines(IReadOnlyCollection<LoadError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0 ? [] : [.. errors.Select(e => e.ToString()), $"{errors.Count} lỗi (errors)."];
    }

    /// <summary>The line of a valid campaign file.</summary>
    public static string Valid(string path, Campaign campaign) => $"{path}: hợp lệ (valid) — {Describe(campaign)}";

    /// <summary>The line of a valid units file.</summary>
    public static string Valid(string path, Organisation organisation) => $"{path}: hợp lệ (valid) — {Describe(organisation)}";

    private static string Describe(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var frameworks = campaign.Frameworks.Values.Select(f =>
            $"{f.UnitKind}: {f.Areas.Count} lĩnh vực (areas), {f.Leaves.Count} tiêu chí chấm điểm (leaf criteria)");
        return $"đợt thi đua (campaign) {campaign.Id}, {campaign.Year}, tháng (months) {campaign.FirstMonth}–{campaign.LastMonth}; {string.Join("; ", frameworks)}";
    }

    private static string Describe(Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var blocks = organisation.Blocks.Select(b => $"{b.Value.Count} khối (blocks) cho (for) {b.Key}");
        return $"{organisation.Units.Count} đơn vị (units); {string.Join("; ", blocks)}";
    }
}
