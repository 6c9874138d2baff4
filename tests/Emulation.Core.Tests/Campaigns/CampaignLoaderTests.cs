using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulation.Core.Campaigns;

namespace Emulation.Core.Tests.Campaigns;

public sealed class CampaignLoaderTests
{
    private const string File = "sample.json";
    private const string Crit = "$.frameworks.department.areas[0].criteria";
    private const string OneStop = "$.frameworks.department.areas[1].criteria";

    [Fact]
    public void The_sample_campaign_loads_with_every_part()
    {
        var campaign = Load(SampleCampaign.Json);

        Assert.Equal("sample-2017", campaign.Id);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], campaign.Months);
        Assert.Equal(new LatePenalty(0.5m, 5m), campaign.Late);
        Assert.Equal([TieBreak.LowestMonth, TieBreak.FewerLateMonths], campaign.TieBreak);
        var framework = campaign.FrameworkFor("department")!;
        Assert.Equal(18m, framework.Max);
        Assert.Equal(["1.1", "1.2.1", "1.2.2", "1.3", "8.1", "8.2", "8.3"], framework.Leaves.Select(c => c.Code));
        Assert.Equal(new ManualMethod(0.25m), framework.Find("1.3")!.Method);
        var ratio = Assert.IsType<RatioMethod>(framework.Find("8.1")!.Method);
        Assert.True(ratio.Proportional);
        Assert.Equal(0.5m, ratio.Floor);
        Assert.Equal(WhenNoData.Full, ratio.WhenNoData);
        Assert.Equal(WhenNoData.Exclude, Assert.IsType<RatioMethod>(framework.Find("8.2")!.Method).WhenNoData);
        Assert.Equal(2, campaign.FindAward("merit")!.QuotaFor(14));
        Assert.Equal(["flag"], campaign.FindAward("merit")!.ExcludedBy);
        Assert.Equal(new CommitteeRules(0.67m, 0.7m, ThresholdBase.Present), campaign.Committee);
    }

    [Fact]
    public void Frequencies_resolve_to_campaign_months_and_pass_to_children()
    {
        var framework = Load(SampleCampaign.Json).FrameworkFor("department")!;

        Assert.Equal([11], framework.Find("1.1")!.DueMonths.Order());
        Assert.Equal([3, 6, 9], framework.Find("1.2.1")!.DueMonths.Order());
        Assert.Equal(FrequencyKind.Quarterly, framework.Find("1.2.2")!.Frequency.Kind);
        Assert.Equal([6, 11], framework.Find("1.3")!.DueMonths.Order());
        Assert.True(framework.Find("8.3")!.IsDueIn(1));
        Assert.False(framework.Find("1.1")!.IsDueIn(10));
    }

    [Fact]
    public void The_fingerprint_ignores_comments_and_white_space_but_not_values()
    {
        var original = Load(SampleCampaign.Json).Fingerprint;
        var reformatted = Load(JsonNode.Parse(SampleCampaign.Json, documentOptions: new() { CommentHandling = JsonCommentHandling.Skip })!.ToJsonString(new JsonSerializerOptions { WriteIndented = true })).Fingerprint;
        var changed = Load(Mutate(n => n["deadlineDay"] = 6)).Fingerprint;

        Assert.Equal(original, reformatted);
        Assert.NotEqual(original, changed);
    }

    public static TheoryData<string, string, string> BrokenFiles() => new()
    {
        { "missing title", Mutate(n => Node(n, Crit)[0]!.AsObject().Remove("title")), $"{Crit}[0].title: thiếu \"title\"" },
        { "empty English title", Mutate(n => Node(n, Crit)[0]!["title"]!["en"] = " "), $"{Crit}[0].title.en: \"en\" để trống" },
        { "unknown method", Mutate(n => Node(n, Crit)[0]!["method"] = "vote"), $"{Crit}[0].method: phương pháp chấm \"vote\" không hợp lệ" },
        { "duplicated code", Mutate(n => Node(n, OneStop)[1]!["code"] = "8.1"), $"{OneStop}[1].code: mã \"8.1\" trùng lặp" },
        { "area maxima do not add up", Mutate(n => Node(n, Crit)[0]!["max"] = 3), "$.frameworks.department.areas[0].max: tổng điểm tối đa của các tiêu chí con là 11, khác 10" },
        { "children maxima do not add up", Mutate(n => Node(n, Crit)[1]!["children"]![0]!["max"] = 4), $"{Crit}[1].max: tổng điểm tối đa của các tiêu chí con là 4, khác 3" },
        { "bands out of order", Mutate(n => Node(n, OneStop)[2]!["bands"]![1]!["min"] = 12), $"{OneStop}[2].bands[1].min: các mức phải xếp từ cao xuống thấp: 12 không nhỏ hơn 10" },
        { "band above the maximum", Mutate(n => Node(n, OneStop)[1]!["bands"]![0]!["points"] = 1.5), $"{OneStop}[1].bands[0].points: 1.5 nằm ngoài khoảng 0–1" },
        { "ratio band above 1", Mutate(n => Node(n, OneStop)[1]!["bands"]![0]!["min"] = 1.2), $"{OneStop}[1].bands[0].min: 1.2 nằm ngoài khoảng 0–1" },
        { "option above the maximum", Mutate(n => Node(n, Crit)[1]!["children"]![0]!["options"]![1]!["points"] = 4), $"{Crit}[1].children[0].options[1].points: 4 nằm ngoài khoảng 0–3" },
        { "award with count and share", Mutate(n => n["awards"]![0]!["share"] = 0.1), "$.awards[0]: chỉ đặt một trong hai \"count\" hoặc \"share\"" },
        { "award with neither count nor share", Mutate(n => n["awards"]![1]!.AsObject().Remove("share")), "$.awards[1]: cần đặt một trong hai \"count\" hoặc \"share\"" },
        { "excludedBy an unknown award", Mutate(n => n["awards"]![1]!["excludedBy"] = new JsonArray("medal")), "$.awards[1].excludedBy[0]: không có hình thức khen thưởng the text \"medal\"" },
        { "excludedBy a later award", Mutate(n => n["awards"]![0]!["excludedBy"] = new JsonArray("merit")), "$.awards[0].excludedBy[0]: \"merit\" phải đứng trước hình thức khen thưởng này" },
        { "month out of range", Mutate(n => n["months"]![1] = 13), "$.months[1]: 13 nằm ngoài khoảng 1–12" },
        { "months reversed", Mutate(n => n["months"] = new JsonArray(11, 1)), "$.months: tháng đầu (11) sau tháng cuối (1)" },
        { "frequency month outside the campaign", Mutate(n => Node(n, Crit)[2]!["frequency"] = new JsonArray(6, 12)), $"{Crit}[2].frequency[1]: tháng 12 nằm ngoài đợt thi đua 1–11" },
        { "lowest classification band above 0", Mutate(n => n["classification"]![2]!["min"] = 10), "$.classification[2].min: mức xếp loại thấp nhất phải bắt đầu từ 0, không phải 10" },
        { "classification bands out of order", Mutate(n => n["classification"]![1]!["min"] = 95), "$.classification[1].min: các mức xếp loại phải xếp từ cao xuống thấp" },
        { "classification band above 100", Mutate(n => n["classification"]![0]!["min"] = 101), "$.classification[0].min: 101 nằm ngoài khoảng 0–100" },
        { "deduction with points", Mutate(n => Node(n, Crit)[1]!["children"]![1]!["max"] = 1), $"{Crit}[1].children[1].max: tiêu chí trừ điểm có điểm tối đa 0, không phải 1" },
        { "manual maximum off its step", Mutate(n => Node(n, Crit)[2]!["step"] = 2), $"{Crit}[2].max: điểm tối đa 5 không phải bội số của bước 2" },
        { "ratio both proportional and banded", Mutate(n => Node(n, OneStop)[1]!["proportional"] = true), $"{OneStop}[1]: tỷ lệ dùng \"proportional\" hoặc \"bands\", không dùng cả hai" },
        { "unknown property", Mutate(n => Node(n, Crit)[0]!["weight"] = 2), $"{Crit}[0].weight: thuộc tính không được hỗ trợ" },
        { "framework for an unknown kind", Mutate(n => n["frameworks"]!["ward"] = JsonNode.Parse(n["frameworks"]!["department"]!.ToJsonString())), "$.frameworks.ward: loại đơn vị \"ward\" không có trong unitKinds" },
        { "kind without a framework", Mutate(n => n["unitKinds"]!.AsArray().Add(JsonNode.Parse("""{ "code": "commune", "title": { "vi": "Xã", "en": "Commune" } }"""))), "$.frameworks: thiếu bộ tiêu chí cho loại đơn vị \"commune\"" },
        { "unknown tie-break", Mutate(n => n["tieBreak"]![1] = "coinToss"), "$.tieBreak[1]: quy tắc xếp hạng bằng điểm không hợp lệ" },
        { "text where a number goes", Mutate(n => n["deadlineDay"] = "5"), "$.deadlineDay: cần một số nguyên" },
        { "unknown whenNoData", Mutate(n => Node(n, OneStop)[0]!["whenNoData"] = "skip"), $"{OneStop}[0].whenNoData: \"skip\" không hợp lệ" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void A_broken_file_is_refused_with_the_path_and_message(string problem, string json, string expected)
    {
        var result = CampaignLoader.Load(json, File);

        Assert.False(result.Succeeded, problem);
        Assert.Null(result.Value);
        Assert.Contains(result.Errors, e => e.ToString().StartsWith($"{File}:{expected}", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_of_a_file_is_listed_in_one_run()
    {
        var json = Mutate(n =>
        {
            Node(n, Crit)[0]!.AsObject().Remove("title");
            Node(n, Crit)[1]!["method"] = "binary";
            n["awards"]![0]!["share"] = 0.1;
            n["months"]![0] = 0;
            n["classification"]![2]!["min"] = 5;
        });

        var errors = CampaignLoader.Load(json, File).Errors.Select(e => e.Path).ToList();

        Assert.Contains($"{Crit}[0].title", errors);
        Assert.Contains($"{Crit}[1]", errors);
        Assert.Contains("$.awards[0]", errors);
        Assert.Contains("$.months[0]", errors);
        Assert.Contains("$.classification[2].min", errors);
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_line_and_position()
    {
        var json = "{\n  \"id\": \"x\",\n  \"year\": 2017,,\n}";

        var error = Assert.Single(CampaignLoader.Load(json, File).Errors);

        Assert.Equal("$", error.Path);
        Assert.Contains("dòng 3, vị trí 16", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 3, position 16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused()
    {
        var bytes = Encoding.Latin1.GetBytes("{ \"id\": \"Tiền Giang ñ\" }");

        var error = Assert.Single(CampaignLoader.Load(new MemoryStream(bytes), File).Errors);

        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_one_error_naming_it()
    {
        var error = Assert.Single(CampaignLoader.LoadFile("/nonexistent/campaign.json").Errors);

        Assert.Equal("/nonexistent/campaign.json", error.File);
    }

    internal static Campaign Load(string json)
    {
        var result = CampaignLoader.Load(json, File);
        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        return result.Value!;
    }

    private static string Mutate(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(SampleCampaign.Json, documentOptions: new() { CommentHandling = JsonCommentHandling.Skip })!;
        change(node);
        return node.ToJsonString();
    }

    private static JsonArray Node(JsonNode root, string path)
    {
        // Paths here are $.frameworks.department.areas[i].criteria.
        var area = int.Parse(path[(path.IndexOf('[', StringComparison.Ordinal) + 1)..path.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
        return root["frameworks"]!["department"]!["areas"]![area]!["criteria"]!.AsArray();
    }
}
