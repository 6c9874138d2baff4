using System.Text.Json.Nodes;
using Emulation.Core.Campaigns;
using Emulation.Core.Units;
using Emulation.Core.Tests.Campaigns;

namespace Emulation.Core.Tests.Units;

public sealed class OrganisationLoaderTests
{
    private const string File = "units.json";

    private const string Units = """
        {
          "$schema": "../units.schema.json",
          "units": [
            { "code": "SNV", "name": { "vi": "Sở Nội vụ", "en": "Department of Home Affairs" }, "kind": "department", "parent": null, "validFrom": "2008-04-01", "validTo": "2025-06-30" },
            { "code": "STP", "name": { "vi": "Sở Tư pháp", "en": "Department of Justice" }, "kind": "department", "parent": null, "validFrom": null, "validTo": "2025-06-30" },
            { "code": "SCT", "name": { "vi": "Sở Công Thương", "en": "Department of Industry and Trade" }, "kind": "department", "parent": null, "validFrom": null, "validTo": null }
          ],
          "blocks": {
            "sample-2017": [
              { "code": "K-TH", "title": { "vi": "Khối tổng hợp", "en": "General affairs block" }, "units": ["SNV", "STP"] },
              { "code": "K-KT", "title": { "vi": "Khối kinh tế", "en": "Economic block" }, "units": ["SCT"] }
            ]
          }
        }
        """;

    private static readonly Campaign[] Campaigns = [CampaignLoaderTests.Load(SampleCampaign.Json)];

    [Fact]
    public void The_units_and_blocks_load()
    {
        var result = OrganisationLoader.Load(Units, File, Campaigns);

        Assert.True(result.Succeeded, string.Join(Environment.NewLine, result.Errors));
        var organisation = result.Value!;
        Assert.Equal(["SNV", "STP", "SCT"], organisation.Units.Select(u => u.Code));
        Assert.Equal(new DateOnly(2025, 6, 30), organisation.FindUnit("SNV")!.ValidTo);
        Assert.Null(organisation.FindUnit("SCT")!.ValidTo);
        Assert.Equal(["K-TH", "K-KT"], organisation.BlocksOf("sample-2017").Select(b => b.Code));
        Assert.Equal(["SNV", "STP"], organisation.BlocksOf("sample-2017")[0].Units);
    }

    public static TheoryData<string, string, string> BrokenFiles() => new()
    {
        { "unknown kind", Mutate(n => n["units"]![0]!["kind"] = "ward"), "$.units[0].kind: loại đơn vị \"ward\" không có trong đợt thi đua nào" },
        { "unknown unit in a block", Mutate(n => n["blocks"]!["sample-2017"]![1]!["units"]![0] = "SYT"), "$.blocks.sample-2017[1].units[0]: không có đơn vị the text \"SYT\"" },
        { "a unit in two blocks", Mutate(n => n["blocks"]!["sample-2017"]![1]!["units"]!.AsArray().Add("STP")), "$.blocks.sample-2017[1].units[1]: đơn vị \"STP\" đã thuộc khối \"K-TH\"" },
        { "unknown campaign", Mutate(n => n["blocks"]!["sample-2018"] = JsonNode.Parse("[]")), "$.blocks.sample-2018: không có đợt thi đua \"sample-2018\"" },
        { "duplicated unit", Mutate(n => n["units"]![2]!["code"] = "STP"), "$.units[2].code: mã đơn vị \"STP\" trùng lặp" },
        { "unknown parent", Mutate(n => n["units"]![2]!["parent"] = "UBND"), "$.units[2].parent: không có đơn vị cấp trên \"UBND\"" },
        { "bad date", Mutate(n => n["units"]![0]!["validTo"] = "30/06/2025"), "$.units[0].validTo: ngày \"30/06/2025\" không đúng dạng YYYY-MM-DD" },
        { "ends before it starts", Mutate(n => n["units"]![0]!["validTo"] = "2001-01-01"), "$.units[0].validTo: ngày kết thúc 2001-01-01 trước ngày bắt đầu 2008-04-01" },
        { "missing name", Mutate(n => n["units"]![1]!.AsObject().Remove("name")), "$.units[1].name: thiếu \"name\"" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public void A_broken_units_file_is_refused_with_the_path_and_message(string problem, string json, string expected)
    {
        var result = OrganisationLoader.Load(json, File, Campaigns);

        Assert.False(result.Succeeded, problem);
        Assert.Contains(result.Errors, e => e.ToString().StartsWith($"{File}:{expected}", StringComparison.Ordinal));
    }

    private static string Mutate(Action<JsonNode> change)
    {
        var node = JsonNode.Parse(Units)!;
        change(node);
        return node.ToJsonString();
    }
}
