using System.Text;
using System.Text.Json;
using Emulation.Core.Awards;
using Emulation.Core.Output;

namespace Emulation.Core.Tests.Output;

/// <summary>The proposal's JSON and CSV, written once for the command and the web export.</summary>
public sealed class ProposalFormatTests
{
    private static readonly Proposal Sample = new(
    [
        new AwardProposal("flag", [new AwardGroup("B1", 2, 1, 1)],
        [
            new Candidate("SNV", "B1", 1, 92.35m, true, true, false, [new ConditionResult("minScore", 90m, 92.35m, null, null, true)]),
            new Candidate("STP", "B1", 2, 88m, false, false, false, [new ConditionResult("minScore", 90m, 88m, null, null, false)]),
        ]),
        new AwardProposal("merit", [new AwardGroup("B1", 2, 1, 1)],
        [
            new Candidate("SNV", "B1", 1, 92.35m, false, false, false, [new ConditionResult("excludedBy", null, null, ["flag"], ["flag"], false)]),
            new Candidate("STP", "B1", 2, 88m, true, true, false, [new ConditionResult("excludedBy", null, null, ["flag"], [], true)]),
        ]),
    ]);

    [Fact]
    public void The_json_names_every_candidate_with_figures_as_numbers_and_award_codes_as_lists()
    {
        using var memory = new MemoryStream();
        using (var json = new Utf8JsonWriter(memory))
        {
            ProposalFormat.WriteJson(json, Sample);
        }

        Assert.Equal(
            """{"awards":[{"award":"flag","candidates":[{"unit":"SNV","block":"B1","rank":1,"score":92.35,"eligible":true,"selected":true,"tieAtQuota":false,"reasons":[{"condition":"minScore","required":90,"actual":92.35,"passed":true}]},"""
            + """{"unit":"STP","block":"B1","rank":2,"score":88,"eligible":false,"selected":false,"tieAtQuota":false,"reasons":[{"condition":"minScore","required":90,"actual":88,"passed":false}]}]},"""
            + """{"award":"merit","candidates":[{"unit":"SNV","block":"B1","rank":1,"score":92.35,"eligible":false,"selected":false,"tieAtQuota":false,"reasons":[{"condition":"excludedBy","required":["flag"],"actual":["flag"],"passed":false}]},"""
            + """{"unit":"STP","block":"B1","rank":2,"score":88,"eligible":true,"selected":true,"tieAtQuota":false,"reasons":[{"condition":"excludedBy","required":["flag"],"actual":[],"passed":true}]}]}]}""",
            Encoding.UTF8.GetString(memory.ToArray()));
    }

    [Fact]
    public void The_csv_has_one_row_per_candidate_of_each_award_with_the_conditions_in_words()
    {
        var text = new StringWriter();

        ProposalFormat.WriteCsv(text, Sample, code => code == "SNV" ? "Sở Nội vụ" : "Sở Tư pháp");

        var lines = text.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("award,unit,unit_name,block,rank,score,eligible,selected,tie_at_quota,reasons", lines[0]);
        Assert.Equal(5, lines.Length);
        Assert.Equal("merit,STP,Sở Tư pháp,B1,2,88.00,true,true,false,excludedBy [flag]: [] ✓", lines[4]);
    }
}
