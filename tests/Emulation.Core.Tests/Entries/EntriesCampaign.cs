using Emulation.Core.Campaigns;

namespace Emulation.Core.Tests.Entries;

/// <summary>
/// A small campaign with every method, written for the entries and command tests (not the shipped
/// file, which may change): three months, no normalising, two unit kinds, round maxima so results
/// can be worked by hand.
/// </summary>
internal static class EntriesCampaign
{
    public const string Json = """
        {
          "id": "entries-test-2017",
          "title": { "vi": "Đợt thử", "en": "Test campaign" },
          "year": 2017,
          "months": [1, 3],
          "deadlineDay": 5,
          "late": { "perDay": 1, "cap": 3 },
          "missingMonthScore": 0,
          "normalise": false,
          "classification": [
            { "code": "excellent", "title": { "vi": "Xuất sắc", "en": "Excellent" }, "min": 90 },
            { "code": "good", "title": { "vi": "Tốt", "en": "Good" }, "min": 70 },
            { "code": "weak", "title": { "vi": "Yếu", "en": "Weak" }, "min": 0 }
          ],
          "tieBreak": ["lowestMonth", "fewerLateMonths"],
          "unitKinds": [
            { "code": "department", "title": { "vi": "Sở", "en": "Department" } },
            { "code": "district", "title": { "vi": "Huyện", "en": "District" } }
          ],
          "frameworks": {
            "department": { "areas": [
              { "code": "1", "title": { "vi": "Chỉ đạo", "en": "Direction" }, "max": 60, "criteria": [
                { "code": "1.1", "title": { "vi": "Kế hoạch", "en": "Plan" }, "max": 20, "method": "binary" },
                { "code": "1.2", "title": { "vi": "Báo cáo", "en": "Reports" }, "max": 20, "method": "levels", "options": [
                  { "code": "A", "title": { "vi": "Đủ", "en": "All" }, "points": 20 },
                  { "code": "B", "title": { "vi": "Thiếu", "en": "Some" }, "points": 10 },
                  { "code": "C", "title": { "vi": "Không", "en": "None" }, "points": 0 } ] },
                { "code": "1.3", "title": { "vi": "Tự kiểm tra", "en": "Inspection" }, "max": 20, "method": "manual", "step": 0.5 } ] },
              { "code": "2", "title": { "vi": "Một cửa", "en": "One-stop" }, "max": 40, "criteria": [
                { "code": "2.1", "title": { "vi": "Đúng hạn", "en": "On time" }, "max": 20, "method": "ratio", "proportional": true,
                  "numerator": { "vi": "Đúng hạn", "en": "On time" }, "denominator": { "vi": "Đã giải quyết", "en": "Resolved" } },
                { "code": "2.2", "title": { "vi": "Dịch vụ công", "en": "Services" }, "max": 10, "method": "count",
                  "bands": [ { "min": 10, "points": 10 }, { "min": 5, "points": 5 } ] },
                { "code": "2.3", "title": { "vi": "Vi phạm", "en": "Breaches" }, "max": 0, "method": "deduction", "perOccurrence": 2, "cap": 6 },
                { "code": "2.4", "title": { "vi": "Tổng kết", "en": "Year report" }, "max": 10, "method": "binary", "frequency": "yearly" } ] } ] },
            "district": { "areas": [
              { "code": "1", "title": { "vi": "Chỉ đạo", "en": "Direction" }, "max": 100, "criteria": [
                { "code": "1.1", "title": { "vi": "Kế hoạch", "en": "Plan" }, "max": 100, "method": "binary" } ] } ] }
          },
          "awards": [
            { "code": "flag", "title": { "vi": "Cờ thi đua", "en": "Flag" }, "scope": "block", "count": 1, "minScore": 90 },
            { "code": "merit", "title": { "vi": "Bằng khen", "en": "Merit" }, "scope": "overall", "share": 0.2, "minScore": 50, "excludedBy": ["flag"] }
          ],
          "committee": { "quorum": 0.67, "threshold": 0.7, "thresholdOf": "present" }
        }
        """;

    public static Campaign Campaign { get; } = Load();

    private static Campaign Load()
    {
        var result = CampaignLoader.Load(Json, "entries-test-2017.json");
        return result.Value ?? throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
    }
}
