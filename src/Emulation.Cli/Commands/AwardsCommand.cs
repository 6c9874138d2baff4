using Emulation.Cli.Output;
using Emulation.Core.Output;
using Emulation.Core.Awards;
using Emulation.Core.Scoring;

namespace Emulation.Cli.Commands;

/// <summary>
/// <c>emulation awards --campaign &lt;file&gt; --entries &lt;file&gt; [--month M] [--format table|csv|json]</c>:
/// the award rules' proposal on the year to date after month M (default the last month).
/// </summary>
/// <remarks>
/// JSON (the default): <c>{"awards": [{"award", "candidates": [{unit, block, rank, score, eligible,
/// selected, tieAtQuota, reasons: [{condition, required, actual, passed}]}]}]}</c>, awards in file
/// order, candidates by group (block code), rank, unit code. <c>required</c> and <c>actual</c> are
/// numbers, or lists of award codes for <c>excludedBy</c>.
/// </remarks>
internal static class AwardsCommand
{
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (ScoringArguments.Parse("awards", args, error) is not { } arguments)
        {
            return CommandLine.Usage;
        }

        if (ScoringData.Load(arguments, error) is not { } data)
        {
            return CommandLine.Failed;
        }

        var standings = ScoringEngine.Rank(data.Campaign, data.Input, arguments.Month);
        var proposal = AwardRules.Propose(data.Campaign, standings);
        switch (arguments.Format)
        {
            case OutputFormat.Json:
                OutputStream.Json(output, json => ProposalFormat.WriteJson(json, proposal));
                break;
            case OutputFormat.Csv:
                OutputStream.Text(output, text => ProposalFormat.WriteCsv(text, proposal, data.NameOf));
                break;
            default:
                OutputStream.Text(output, text => WriteTable(text, data, standings, proposal, new Labels(data.Campaign, data.Organisation, arguments.English)));
                break;
        }

        return CommandLine.Ok;
    }

    private static void WriteTable(TextWriter output, ScoringData data, Standings standings, Proposal proposal, Labels labels)
    {
        output.WriteLine($"Đề nghị khen thưởng {data.Campaign.Id}, lũy kế đến tháng {standings.ThroughMonth} (award proposal, year to date through month {standings.ThroughMonth})");
        foreach (var award in proposal.Awards)
        {
            var definition = data.Campaign.FindAward(award.Award);
            var title = definition?.Title;
            output.WriteLine();
            output.WriteLine($"== {award.Award}: {title?.Vi} ({title?.En})");
            foreach (var group in award.Groups)
            {
                var name = group.Block is null ? "toàn bộ (all units)" : $"khối (block) {labels.Block(group.Block)}";
                output.WriteLine($"-- {name}: {group.Size} đơn vị (units), chỉ tiêu (quota) {group.Quota}, được chọn (selected) {group.Selected}; {Labels.Quota(definition, group)}");
                var table = new TextTable("Hạng (rank)", "Đơn vị (unit)", "Tên (name)", "Điểm (score)", "Đủ ĐK (eligible)", "Chọn (selected)", "Bằng điểm ở chỉ tiêu (tie at quota)", "Điều kiện (conditions)")
                    .Numeric(0, 3);
                foreach (var c in award.Candidates.Where(c => group.Block is null || c.Block == group.Block))
                {
                    table.Add(Figures.Text(c.Rank), c.Unit, data.NameOf(c.Unit), Figures.Text(c.Score), YesNo(c.Eligible), YesNo(c.Selected),
                        c.TieAtQuota ? "có (yes)" : "", string.Join("; ", c.Reasons.Select(labels.Condition)));
                }

                table.WriteTo(output);
            }
        }
    }

    private static string YesNo(bool value) => value ? "có (yes)" : "không (no)";
}
