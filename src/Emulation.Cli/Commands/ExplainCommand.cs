using System.Text.Json;
using Emulation.Cli.Output;
using Emulation.Core.Output;
using Emulation.Core.Scoring;

namespace Emulation.Cli.Commands;

/// <summary>
/// <c>emulation explain --campaign &lt;file&gt; --entries &lt;file&gt; --unit U [--month M | --in-month M] [--format table|json]</c>:
/// why unit U has its score — the year to date after month M (as <c>rank --month M</c>; default
/// the last month), or one month alone with <c>--in-month M</c>.
/// </summary>
/// <remarks>
/// JSON (the default) is one object:
/// <code>
/// { "unit", "name", "block", "kind",
///   "month": M or null (null: the year to date), "throughMonth", "score", "classification",
///   "lateMonths", "lowestMonth",
///   "overallRank": { "rank", "above", "aboveScore", "gap", "decidedBy" },   // above: the unit ranked just above, or null
///   "blockRank":   { … the same within the block … },                       // decidedBy: lowestMonth | fewerLateMonths | null
///   "areas":     [ { "code", "subtotal", "dueMax" } ],
///   "criteria":  [ { "code", "area", "parent", "leaf", "method", "due", "answered", "excluded", "points", "dueMax" } ],
///   "deductions":[ { "month", "source", "occurrences", "points" } ],        // source: a criterion code or "late"
///   "months":    [ { "month", "missing", "submittedOn", "deadline", "daysLate", "late", "raw", "dueMax",
///                    "normalised", "latenessDeduction", "total", "areas": […], "criteria": […] } ] }
/// </code>
/// For the year to date, <c>areas</c> holds the mean subtotals (as in <c>rank</c>) and the sums of
/// the due maxima, <c>criteria</c> the sums of points and due maxima over the months counted.
/// </remarks>
internal static class ExplainCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (ScoringArguments.Parse("explain", args, error) is not { } arguments)
        {
            return CommandLine.Usage;
        }

        if (ScoringData.Load(arguments, error) is not { } data)
        {
            return CommandLine.Failed;
        }

        if (!data.Input.Units.Any(u => u.Unit == arguments.Unit))
        {
            error.WriteLine($"--unit {arguments.Unit}: đơn vị không có trong tệp điểm {arguments.Entries} (unit {arguments.Unit} is not in the entries file)");
            return CommandLine.Failed;
        }

        var explanation = ScoringEngine.Explain(data.Campaign, data.Input, arguments.Unit!, arguments.InMonth, arguments.Month);
        if (arguments.Format == OutputFormat.Json)
        {
            OutputStream.Json(output, json => WriteJson(json, data, explanation));
        }
        else
        {
            OutputStream.Text(output, text => WriteTable(text, data, explanation, new Labels(data.Campaign, data.Organisation, arguments.English)));
        }

        return CommandLine.Ok;
    }

    private static void WriteJson(Utf8JsonWriter json, ScoringData data, UnitExplanation e)
    {
        json.WriteStartObject();
        json.WriteString("unit", e.Unit);
        json.WriteString("name", data.NameOf(e.Unit));
        json.WriteString("block", e.Block);
        json.WriteString("kind", e.Kind);
        json.NumberOrNull("month", e.Month);
        json.WriteNumber("throughMonth", e.ThroughMonth);
        json.Number("score", e.Score);
        json.WriteString("classification", e.Classification);
        json.WriteNumber("lateMonths", e.LateMonths);
        json.Number("lowestMonth", e.LowestMonth);
        WriteGap(json, "overallRank", e.Overall);
        WriteGap(json, "blockRank", e.InBlock);
        WriteAreas(json, e.Areas);
        WriteCriteria(json, e.Criteria);
        json.WriteStartArray("deductions");
        foreach (var d in e.Deductions)
        {
            json.WriteStartObject();
            json.WriteNumber("month", d.Month);
            json.WriteString("source", d.Source);
            json.Number("occurrences", d.Occurrences);
            json.Number("points", d.Points);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("months");
        foreach (var m in e.Months)
        {
            json.WriteStartObject();
            json.WriteNumber("month", m.Month);
            json.WriteBoolean("missing", m.Missing);
            json.TextOrNull("submittedOn", m.SubmittedOn is { } on ? Figures.Text(on) : null);

            json.WriteString("deadline", Figures.Text(m.Deadline));
            json.WriteNumber("daysLate", m.DaysLate);
            json.WriteBoolean("late", m.Late);
            json.Number("raw", m.Raw);
            json.Number("dueMax", m.DueMax);
            json.Number("normalised", m.Normalised);
            json.Number("latenessDeduction", m.LatenessDeduction);
            json.Number("total", m.Total);
            WriteAreas(json, m.Areas);
            WriteCriteria(json, m.Criteria);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteGap(Utf8JsonWriter json, string name, RankGap gap)
    {
        json.WriteStartObject(name);
        json.WriteNumber("rank", gap.Rank);
        json.TextOrNull("above", gap.Above);
        json.Number("aboveScore", gap.AboveScore);
        json.Number("gap", gap.Gap);
        json.TextOrNull("decidedBy", gap.DecidedBy is { } rule ? TieBreakName(rule) : null);
        json.WriteEndObject();
    }

    private static void WriteAreas(Utf8JsonWriter json, IReadOnlyList<AreaResult> areas)
    {
        json.WriteStartArray("areas");
        foreach (var area in areas)
        {
            json.WriteStartObject();
            json.WriteString("code", area.Code);
            json.Number("subtotal", area.Subtotal);
            json.Number("dueMax", area.DueMax);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteCriteria(Utf8JsonWriter json, IReadOnlyList<CriterionResult> criteria)
    {
        json.WriteStartArray("criteria");
        foreach (var c in criteria)
        {
            json.WriteStartObject();
            json.WriteString("code", c.Code);
            json.WriteString("area", c.Area);
            json.TextOrNull("parent", c.Parent);
            json.WriteBoolean("leaf", c.IsLeaf);
            json.TextOrNull("method", c.Method);
            json.WriteBoolean("due", c.Due);
            json.WriteBoolean("answered", c.Answered);
            json.WriteBoolean("excluded", c.Excluded);
            json.Number("points", c.Points);
            json.Number("dueMax", c.DueMax);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteTable(TextWriter output, ScoringData data, UnitExplanation e, Labels labels)
    {
        var period = e.Month is { } month
            ? $"tháng {month} (month {month})"
            : $"lũy kế đến tháng {e.ThroughMonth} (year to date through month {e.ThroughMonth})";
        output.WriteLine($"{e.Unit} {data.NameOf(e.Unit)} — khối (block) {labels.Block(e.Block)}, loại (kind) {labels.Kind(e.Kind)}, {period}");
        output.WriteLine($"Điểm (score) {Figures.Text(e.Score)}, xếp loại (classification) {labels.Classification(e.Classification)}, tháng trễ (late months) {e.LateMonths}, tháng thấp nhất (lowest month) {Figures.Text(e.LowestMonth)}");
        output.WriteLine($"Hạng chung (overall rank) {Gap(e.Overall)}");
        output.WriteLine($"Hạng trong khối (block rank) {Gap(e.InBlock)}");

        if (e.Month is null)
        {
            output.WriteLine("Lũy kế: điểm tiêu chí và điểm tối đa là tổng các tháng; điểm lĩnh vực là trung bình tháng (year to date: criterion points and maxima are sums over the months; area subtotals are monthly means).");
        }

        output.WriteLine();
        var criteria = new TextTable("Tiêu chí (criterion)", "Phương pháp (method)", "Điểm (points)", "Tối đa (due max)", "")
            .Numeric(2, 3);
        var byArea = e.Criteria.ToLookup(c => c.Area);
        foreach (var area in e.Areas)
        {
            criteria.Add($"Lĩnh vực (area) {area.Code}", "", Figures.Text(area.Subtotal), Figures.Text(area.DueMax), "");
            foreach (var c in byArea[area.Code])
            {
                var depth = Depth(c, e.Criteria);
                var note = !c.Due ? "không đến hạn (not due)" : c.Excluded ? "loại khỏi tối đa (excluded: no data)" : c.IsLeaf && !c.Answered ? "không có dòng (no row)" : "";
                criteria.Add(new string(' ', 2 * depth) + c.Code, labels.Method(c.Method), Figures.Text(c.Points), Figures.Text(c.DueMax), note);
            }
        }

        criteria.WriteTo(output);

        if (e.Deductions.Count > 0)
        {
            output.WriteLine();
            var deductions = new TextTable("Tháng (month)", "Khoản trừ (deduction)", "Số lần/ngày (occurrences/days)", "Điểm (points)").Numeric(0, 2, 3);
            foreach (var d in e.Deductions)
            {
                deductions.Add(Figures.Text(d.Month), d.Source == DeductionLine.Lateness ? "nộp trễ (late)" : d.Source, Figures.Short(d.Occurrences), Figures.Text(d.Points));
            }

            deductions.WriteTo(output);
        }

        output.WriteLine();
        var months = new TextTable("Tháng (month)", "Ngày nộp (submitted)", "Hạn (deadline)", "Trễ ngày (days late)", "Thô (raw)", "Tối đa (due max)", "Quy đổi (normalised)", "Trừ trễ (late)", "Tổng (total)")
            .Numeric(0, 3, 4, 5, 6, 7, 8);
        foreach (var m in e.Months)
        {
            months.Add(Figures.Text(m.Month), m.Missing ? "không nộp (missing)" : Figures.Text(m.SubmittedOn), Figures.Text(m.Deadline), Figures.Text(m.DaysLate),
                Figures.Text(m.Raw), Figures.Text(m.DueMax), Figures.Text(m.Normalised), Figures.Text(m.LatenessDeduction), Figures.Text(m.Total));
        }

        months.WriteTo(output);
    }

    private static string Gap(RankGap gap)
    {
        if (gap.Above is null)
        {
            return $"{gap.Rank}";
        }

        var decided = gap.DecidedBy is { } rule ? $", bằng điểm, xếp sau theo {TieBreakName(rule)} (equal score, placed below by {TieBreakName(rule)})" : "";
        return $"{gap.Rank}; kém {gap.Above} ({Figures.Text(gap.AboveScore.GetValueOrDefault())}) {Figures.Text(gap.Gap.GetValueOrDefault())} điểm (behind {gap.Above} by {Figures.Text(gap.Gap.GetValueOrDefault())}){decided}";
    }

    private static int Depth(CriterionResult criterion, IReadOnlyList<CriterionResult> all)
    {
        var depth = 0;
        for (var parent = criterion.Parent; parent is not null; parent = all.FirstOrDefault(c => c.Code == parent)?.Parent)
        {
            depth++;
        }

        return depth;
    }

    private static string TieBreakName(Core.Campaigns.TieBreak rule) => rule switch
    {
        Core.Campaigns.TieBreak.LowestMonth => "lowestMonth",
        Core.Campaigns.TieBreak.FewerLateMonths => "fewerLateMonths",
        _ => rule.ToString(),
    };
}
