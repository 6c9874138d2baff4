namespace Emulation.Core.Tests.Campaigns;

/// <summary>A small campaign that uses every part of the format, to be broken one part at a time.</summary>
internal static class SampleCampaign
{
    public const string Json = """
        {
          // A comment, as campaign files may have.
          "$schema": "./campaign.schema.json",
          "id": "sample-2017",
          "title": { "vi": "Chuyên đề thi đua mẫu", "en": "Sample campaign" },
          "year": 2017,
          "months": [1, 11],
          "deadlineDay": 5,
          "late": { "perDay": 0.5, "cap": 5 },
          "missingMonthScore": 0,
          "disputeDays": 5,
          "normalise": true,
          "classification": [
            { "code": "excellent", "title": { "vi": "Xuất sắc", "en": "Excellent" }, "min": 90 },
            { "code": "good", "title": { "vi": "Tốt", "en": "Good" }, "min": 70 },
            { "code": "weak", "title": { "vi": "Yếu", "en": "Weak" }, "min": 0 }
          ],
          "tieBreak": ["lowestMonth", "fewerLateMonths"],
          "unitKinds": [ { "code": "department", "title": { "vi": "Sở", "en": "Department" } } ],
          "frameworks": {
            "department": { "areas": [
              { "code": "1", "title": { "vi": "Chỉ đạo, điều hành", "en": "Direction" }, "max": 10, "criteria": [
                { "code": "1.1", "title": { "vi": "Kế hoạch CCHC", "en": "Reform plan" }, "max": 2, "method": "binary", "evidenceRequired": true, "frequency": "yearly" },
                { "code": "1.2", "title": { "vi": "Báo cáo", "en": "Reports" }, "max": 3, "frequency": "quarterly", "children": [
                  { "code": "1.2.1", "title": { "vi": "Đúng hạn", "en": "On time" }, "max": 3, "method": "levels", "options": [
                    { "code": "A", "title": { "vi": "Đủ", "en": "All" }, "points": 3 },
                    { "code": "B", "title": { "vi": "Thiếu", "en": "Some" }, "points": 1 } ] },
                  { "code": "1.2.2", "title": { "vi": "Trễ hạn", "en": "Late" }, "max": 0, "method": "deduction", "perOccurrence": 0.5, "cap": 2 } ] },
                { "code": "1.3", "title": { "vi": "Tự kiểm tra", "en": "Self-inspection" }, "max": 5, "method": "manual", "step": 0.25, "frequency": [6, 11] } ] },
              { "code": "8", "title": { "vi": "Một cửa", "en": "One-stop" }, "max": 8, "criteria": [
                { "code": "8.1", "title": { "vi": "Đúng hạn", "en": "On time" }, "max": 6, "method": "ratio", "proportional": true, "floor": 0.5, "whenNoData": "full",
                  "numerator": { "vi": "Hồ sơ đúng hạn", "en": "On time" }, "denominator": { "vi": "Hồ sơ đã giải quyết", "en": "Resolved" } },
                { "code": "8.2", "title": { "vi": "Trước hạn", "en": "Early" }, "max": 1, "method": "ratio", "whenNoData": "exclude",
                  "bands": [ { "min": 0.9, "points": 1 }, { "min": 0.5, "points": 0.5 } ],
                  "numerator": { "vi": "Hồ sơ trước hạn", "en": "Early" }, "denominator": { "vi": "Hồ sơ đã giải quyết", "en": "Resolved" } },
                { "code": "8.3", "title": { "vi": "Dịch vụ công mức 3", "en": "Level-3 services" }, "max": 1, "method": "count",
                  "bands": [ { "min": 10, "points": 1 }, { "min": 5, "points": 0.5 } ] } ] } ] }
          },
          "awards": [
            { "code": "flag", "title": { "vi": "Cờ thi đua", "en": "Flag" }, "scope": "block", "count": 1, "minScore": 90, "minMonthScore": 80, "maxLateMonths": 0 },
            { "code": "merit", "title": { "vi": "Bằng khen", "en": "Merit" }, "scope": "block", "share": 0.2, "minScore": 85, "excludedBy": ["flag"] }
          ],
          "committee": { "quorum": 0.67, "threshold": 0.7, "thresholdOf": "present" }
        }
        """;
}
