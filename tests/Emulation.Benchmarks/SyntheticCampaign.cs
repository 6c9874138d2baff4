using System.Globalization;
using System.Text;

namespace Emulation.Benchmarks;

/// <summary>
/// A campaign of the national benchmark's shape: one unit kind, 8 areas of 10 monthly leaf
/// criteria (80 in all, every method), January to November. Used when the scale must be exactly
/// 80 criteria a month (the shipped campaign has 56–65 leaves, many of them quarterly or yearly).
/// </summary>
internal static class SyntheticCampaign
{
    public static string Json(int leaves)
    {
        var areas = 8;
        var perArea = leaves / areas;
        var json = new StringBuilder();
        json.Append("""
            { "id": "synthetic-2017", "title": { "vi": "Đợt thi đua tổng hợp", "en": "Synthetic campaign" }, "year": 2017,
              "months": [1, 11], "deadlineDay": 5, "late": { "perDay": 0.5, "cap": 5 }, "missingMonthScore": 0, "normalise": true,
              "classification": [ { "code": "excellent", "title": { "vi": "Xuất sắc", "en": "Excellent" }, "min": 90 },
                { "code": "good", "title": { "vi": "Tốt", "en": "Good" }, "min": 70 }, { "code": "weak", "title": { "vi": "Yếu", "en": "Weak" }, "min": 0 } ],
              "tieBreak": ["lowestMonth", "fewerLateMonths"],
              "unitKinds": [ { "code": "commune", "title": { "vi": "Xã", "en": "Commune" } } ],
              "frameworks": { "commune": { "areas": [
            """);
        for (var a = 1; a <= areas; a++)
        {
            json.Append(CultureInfo.InvariantCulture, $$"""{ "code": "{{a}}", "title": { "vi": "Lĩnh vực {{a}}", "en": "Area {{a}}" }, "max": {{perArea + 2}}, "criteria": [""");
            for (var c = 1; c <= perArea; c++)
            {
                var code = string.Create(CultureInfo.InvariantCulture, $"{a}.{c}");
                var title = $$"""{ "vi": "Tiêu chí {{code}}", "en": "Criterion {{code}}" }""";
                // Maxima: six criteria of 1 point and one of 3 (+1 for the deduction of 0): perArea + 2 per area.
                json.Append((c % 10) switch
                {
                    1 or 2 => $$"""{ "code": "{{code}}", "title": {{title}}, "max": 1, "method": "binary" }""",
                    3 => $$"""{ "code": "{{code}}", "title": {{title}}, "max": 1, "method": "levels", "options": [ { "code": "A", "title": {{title}}, "points": 1 }, { "code": "B", "title": {{title}}, "points": 0.5 }, { "code": "C", "title": {{title}}, "points": 0 } ] }""",
                    4 => $$"""{ "code": "{{code}}", "title": {{title}}, "max": 3, "method": "ratio", "proportional": true, "whenNoData": "full", "numerator": {{title}}, "denominator": {{title}} }""",
                    5 => $$"""{ "code": "{{code}}", "title": {{title}}, "max": 1, "method": "ratio", "whenNoData": "exclude", "bands": [ { "min": 0.9, "points": 1 }, { "min": 0.5, "points": 0.5 } ], "numerator": {{title}}, "denominator": {{title}} }""",
                    6 => $$"""{ "code": "{{code}}", "title": {{title}}, "max": 1, "method": "count", "bands": [ { "min": 10, "points": 1 }, { "min": 5, "points": 0.5 } ] }""",
                    7 => $$"""{ "code": "{{code}}", "title": {{title}}, "max": 0, "method": "deduction", "perOccurrence": 0.25, "cap": 1 }""",
                    8 => $$"""{ "code": "{{code}}", "title": {{title}}, "max": 2, "method": "manual", "step": 0.25 }""",
                    _ => $$"""{ "code": "{{code}}", "title": {{title}}, "max": 1, "method": "binary" }""",
                });
                json.Append(c < perArea ? ", " : "] }");
            }

            json.Append(a < areas ? ",\n" : "\n");
        }

        json.Append("""
              ] } },
              "awards": [ { "code": "flag", "title": { "vi": "Cờ thi đua", "en": "Flag" }, "scope": "block", "count": 1, "minScore": 90 } ],
              "committee": { "quorum": 0.67, "threshold": 0.7, "thresholdOf": "present" } }
            """);
        return json.ToString();
    }
}
