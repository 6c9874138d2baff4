using System.Text;
using System.Text.Json;
using Emulation.Core.Tests.Entries;

namespace Emulation.Core.Tests.Cli;

/// <summary>
/// <c>emulation rank | awards | explain</c> run as a process on the test campaign
/// (<see cref="EntriesCampaign"/>: months 1–3, deadline day 5, 1 point per day late capped at 3,
/// no normalising) and a CSV whose results are worked by hand below.
/// </summary>
/// <remarks>
/// Department maxima: area 1 = 1.1 binary 20 + 1.2 levels 20 + 1.3 manual 20; area 2 = 2.1 ratio
/// 20 (proportional) + 2.2 count 10 + 2.3 deduction (2 per occurrence, cap 6) + 2.4 binary 10, due
/// only in month 3 (yearly). District: one binary criterion worth 100.
/// <list type="bullet">
/// <item>SNV (B1). Month 1: 20 + 20 + 19.5 = 59.5; 20 × 9 ÷ 10 = 18, 12 → 10, 0 → 0: 28; total 87.5,
/// on time. Month 2: 20 + 10 + 20 = 50; 20 × 3 ÷ 24 = 2.5, 5 → 5, 1 → −2: 5.5; raw 55.5, sent
/// 7 March, 2 days after 5 March: −2 → 53.5, late. Month 3: 60 + 40 = 100 (no date: on time).
/// Year: (87.5 + 53.5 + 100) ÷ 3 = 80.333 → 80.33; areas (59.5 + 50 + 60) ÷ 3 = 56.5 and
/// (28 + 5.5 + 40) ÷ 3 = 24.5.</item>
/// <item>STP (B1). Month 1: 20 + 20 + 10 = 50; 28: 78. Month 2: no row, 0 and late. Month 3: 100,
/// sent 8 April, within its extended deadline of 10 April. Year: 178 ÷ 3 = 59.33; areas 110 ÷ 3 =
/// 36.67 and 68 ÷ 3 = 22.67.</item>
/// <item>CT (H1): 100 every month. CB and CL (H1): 100, 97 (sent 9 March: 4 days late, capped at 3),
/// 100: 297 ÷ 3 = 99, equal in every figure, so they share rank 2 and the next rank is 4.</item>
/// </list>
/// Awards: flag (per block, 1 unit, score ≥ 90): B1 takes nobody (80.33 and 59.33), H1 takes CT.
/// merit (overall, floor(0.2 × 5) = 1 unit, score ≥ 50, not holding flag): CT is excluded by its
/// flag; CB fills the quota and CL, of the same rank, is taken beyond it: both tie at the quota.
/// </remarks>
public sealed class ScoringCommandTests : IDisposable
{
    private const string Header = "unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on,deadline";

    public const string Entries = Header + """

        SNV,Sở Nội vụ,department,B1,1,1.1,yes,,2017-02-05,
        SNV,Sở Nội vụ,department,B1,1,1.2,A,,,
        SNV,Sở Nội vụ,department,B1,1,1.3,19.5,,,
        SNV,Sở Nội vụ,department,B1,1,2.1,9,10,,
        SNV,Sở Nội vụ,department,B1,1,2.2,12,,,
        SNV,Sở Nội vụ,department,B1,1,2.3,0,,,
        SNV,Sở Nội vụ,department,B1,2,1.1,có,,2017-03-07,
        SNV,Sở Nội vụ,department,B1,2,1.2,B,,,
        SNV,Sở Nội vụ,department,B1,2,1.3,20,,2017-03-07,
        SNV,Sở Nội vụ,department,B1,2,2.1,3,24,,
        SNV,Sở Nội vụ,department,B1,2,2.2,5,,,
        SNV,Sở Nội vụ,department,B1,2,2.3,1,,,
        SNV,Sở Nội vụ,department,B1,3,1.1,true,,,
        SNV,Sở Nội vụ,department,B1,3,1.2,A,,,
        SNV,Sở Nội vụ,department,B1,3,1.3,20,,,
        SNV,Sở Nội vụ,department,B1,3,2.1,10,10,,
        SNV,Sở Nội vụ,department,B1,3,2.2,10,,,
        SNV,Sở Nội vụ,department,B1,3,2.4,yes,,,
        STP,"Sở Tư pháp, tỉnh Tiền Giang",department,B1,1,1.1,yes,,2017-02-03,
        STP,"Sở Tư pháp, tỉnh Tiền Giang",department,B1,1,1.2,A,,,
        STP,"Sở Tư pháp, tỉnh Tiền Giang",department,B1,1,1.3,10,,,
        STP,"Sở Tư pháp, tỉnh Tiền Giang",department,B1,1,2.1,9,10,,
        STP,"Sở Tư pháp, tỉnh Tiền Giang",department,B1,1,2.2,12,,,
        STP,"Sở Tư pháp, tỉnh Tiền Giang",department,B1,1,2.3,0,,,
        STP,"Sở Tư pháp, tỉnh Tiền Giang",department,B1,3,1.1,1,,2017-04-08,2017-04-10
        STP,"Sở Tư pháp, tỉnh Tiền Giang",department,B1,3,1.2,A,,,
        STP,"Sở Tư pháp, tỉnh Tiền Giang",department,B1,3,1.3,20,,,2017-04-10
        STP,"Sở Tư pháp, tỉnh Tiền Giang",department,B1,3,2.1,10,10,,
        STP,"Sở Tư pháp, tỉnh Tiền Giang",department,B1,3,2.2,10,,,
        STP,"Sở Tư pháp, tỉnh Tiền Giang",department,B1,3,2.4,yes,,,
        CT,Huyện Châu Thành,district,H1,1,1.1,yes,,,
        CT,Huyện Châu Thành,district,H1,2,1.1,yes,,,
        CT,Huyện Châu Thành,district,H1,3,1.1,yes,,,
        CL,Huyện Cai Lậy,district,H1,1,1.1,yes,,,
        CL,Huyện Cai Lậy,district,H1,2,1.1,yes,,2017-03-09,
        CL,Huyện Cai Lậy,district,H1,3,1.1,yes,,,
        CB,Huyện Cái Bè,district,H1,3,1.1,yes,,,
        CB,Huyện Cái Bè,district,H1,2,1.1,yes,,2017-03-09,
        CB,Huyện Cái Bè,district,H1,1,1.1,yes,,,
        """;

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("emulation-scoring-");
    private readonly string campaign;

    public ScoringCommandTests()
    {
        campaign = Path.Combine(folder.FullName, "campaign.json");
        File.WriteAllText(campaign, EntriesCampaign.Json);
    }

    public void Dispose() => folder.Delete(recursive: true);

    private string WriteEntries(string csv, string name = "entries.csv")
    {
        var path = Path.Combine(folder.FullName, name);
        File.WriteAllText(path, csv, new UTF8Encoding(false));
        return path;
    }

    private async Task<JsonElement> RunJsonAsync(params string[] args)
    {
        var result = await EmulationProcess.RunAsync(args);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("", result.Error);
        using var document = JsonDocument.Parse(result.Output);
        return document.RootElement.Clone();
    }

    private static Dictionary<string, decimal> Figures(JsonElement element) =>
        element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDecimal());

    [Fact]
    public async Task Rank_prints_every_unit_in_overall_rank_order_with_the_figures_worked_by_hand()
    {
        var entries = WriteEntries(Entries);

        var rank = await RunJsonAsync("rank", "--campaign", campaign, "--entries", entries);

        Assert.Equal(JsonValueKind.Array, rank.ValueKind);
        var units = rank.EnumerateArray().ToList();
        Assert.Equal(["CT", "CB", "CL", "SNV", "STP"], units.Select(u => u.GetProperty("unit").GetString()));
        Assert.Equal([1, 2, 2, 4, 5], units.Select(u => u.GetProperty("overallRank").GetInt32()));
        Assert.Equal([1, 2, 2, 1, 2], units.Select(u => u.GetProperty("blockRank").GetInt32()));
        Assert.Equal([100m, 99m, 99m, 80.33m, 59.33m], units.Select(u => u.GetProperty("score").GetDecimal()));
        Assert.Equal(["excellent", "excellent", "excellent", "good", "weak"], units.Select(u => u.GetProperty("classification").GetString()));
        Assert.Equal([0, 1, 1, 1, 1], units.Select(u => u.GetProperty("lateMonths").GetInt32()));

        var snv = units[3];
        Assert.Equal(
            ["unit", "block", "kind", "score", "blockRank", "overallRank", "classification", "lateMonths", "months", "areas"],
            snv.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("B1", "department"), (snv.GetProperty("block").GetString(), snv.GetProperty("kind").GetString()));
        Assert.Equal(new Dictionary<string, decimal> { ["1"] = 87.5m, ["2"] = 53.5m, ["3"] = 100m }, Figures(snv.GetProperty("months")));
        Assert.Equal(new Dictionary<string, decimal> { ["1"] = 56.5m, ["2"] = 24.5m }, Figures(snv.GetProperty("areas")));

        var stp = units[4];
        Assert.Equal(new Dictionary<string, decimal> { ["1"] = 78m, ["2"] = 0m, ["3"] = 100m }, Figures(stp.GetProperty("months")));
        Assert.Equal(new Dictionary<string, decimal> { ["1"] = 36.67m, ["2"] = 22.67m }, Figures(stp.GetProperty("areas")));

        Assert.Equal(new Dictionary<string, decimal> { ["1"] = 100m, ["2"] = 97m, ["3"] = 100m }, Figures(units[1].GetProperty("months")));
        Assert.Equal(new Dictionary<string, decimal> { ["1"] = 100m }, Figures(units[1].GetProperty("areas")));
    }

    [Fact]
    public async Task Rank_after_an_earlier_month_counts_only_the_months_up_to_it()
    {
        var entries = WriteEntries(Entries);

        var rank = await RunJsonAsync("rank", "--campaign", campaign, "--entries", entries, "--month", "2");

        var units = rank.EnumerateArray().ToList();
        Assert.Equal(["CT", "CB", "CL", "SNV", "STP"], units.Select(u => u.GetProperty("unit").GetString()));
        // SNV: (87.5 + 53.5) ÷ 2; STP: (78 + 0) ÷ 2; CB, CL: (100 + 97) ÷ 2.
        Assert.Equal([100m, 98.5m, 98.5m, 70.5m, 39m], units.Select(u => u.GetProperty("score").GetDecimal()));
        Assert.Equal(new Dictionary<string, decimal> { ["1"] = 87.5m, ["2"] = 53.5m }, Figures(units[3].GetProperty("months")));
        // (59.5 + 50) ÷ 2 and (28 + 5.5) ÷ 2.
        Assert.Equal(new Dictionary<string, decimal> { ["1"] = 54.75m, ["2"] = 16.75m }, Figures(units[3].GetProperty("areas")));
    }

    [Fact]
    public async Task Awards_lists_each_award_by_group_rank_and_unit_with_every_condition()
    {
        var entries = WriteEntries(Entries);

        var root = await RunJsonAsync("awards", "--campaign", campaign, "--entries", entries);

        var awards = root.GetProperty("awards").EnumerateArray().ToList();
        Assert.Equal(["flag", "merit"], awards.Select(a => a.GetProperty("award").GetString()));

        var flag = awards[0].GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["SNV/B1/1", "STP/B1/2", "CT/H1/1", "CB/H1/2", "CL/H1/2"], flag.Select(Key));
        Assert.Equal([false, false, true, true, true], flag.Select(c => c.GetProperty("eligible").GetBoolean()));
        Assert.Equal([false, false, true, false, false], flag.Select(c => c.GetProperty("selected").GetBoolean()));
        Assert.All(flag, c => Assert.False(c.GetProperty("tieAtQuota").GetBoolean()));
        var snvReason = Assert.Single(flag[0].GetProperty("reasons").EnumerateArray());
        Assert.Equal(
            """{"condition":"minScore","required":90,"actual":80.33,"passed":false}""",
            JsonSerializer.Serialize(snvReason));
        Assert.Equal(
            ["unit", "block", "rank", "score", "eligible", "selected", "tieAtQuota", "reasons"],
            flag[0].EnumerateObject().Select(p => p.Name));

        var merit = awards[1].GetProperty("candidates").EnumerateArray().ToList();
        Assert.Equal(["CT/H1/1", "CB/H1/2", "CL/H1/2", "SNV/B1/4", "STP/B1/5"], merit.Select(Key));
        Assert.Equal([false, true, true, true, true], merit.Select(c => c.GetProperty("eligible").GetBoolean()));
        Assert.Equal([false, true, true, false, false], merit.Select(c => c.GetProperty("selected").GetBoolean()));
        Assert.Equal([false, true, true, false, false], merit.Select(c => c.GetProperty("tieAtQuota").GetBoolean()));
        Assert.Equal(
            """[{"condition":"minScore","required":50,"actual":100,"passed":true},{"condition":"excludedBy","required":["flag"],"actual":["flag"],"passed":false}]""",
            JsonSerializer.Serialize(merit[0].GetProperty("reasons")));
        Assert.Equal(
            """[{"condition":"minScore","required":50,"actual":59.33,"passed":true},{"condition":"excludedBy","required":["flag"],"actual":[],"passed":true}]""",
            JsonSerializer.Serialize(merit[4].GetProperty("reasons")));

        static string Key(JsonElement c) => $"{c.GetProperty("unit").GetString()}/{c.GetProperty("block").GetString()}/{c.GetProperty("rank").GetInt32()}";
    }

    [Fact]
    public async Task Explain_gives_a_units_year_to_date_with_the_gap_to_the_unit_ranked_above()
    {
        var entries = WriteEntries(Entries);

        var e = await RunJsonAsync("explain", "--campaign", campaign, "--entries", entries, "--unit", "SNV");

        Assert.Equal(("SNV", "Sở Nội vụ", "B1"), (e.GetProperty("unit").GetString(), e.GetProperty("name").GetString(), e.GetProperty("block").GetString()));
        Assert.Equal(JsonValueKind.Null, e.GetProperty("month").ValueKind);
        Assert.Equal(3, e.GetProperty("throughMonth").GetInt32());
        Assert.Equal(80.33m, e.GetProperty("score").GetDecimal());
        Assert.Equal(53.5m, e.GetProperty("lowestMonth").GetDecimal());
        Assert.Equal(
            """{"rank":4,"above":"CL","aboveScore":99,"gap":18.67,"decidedBy":null}""",
            JsonSerializer.Serialize(e.GetProperty("overallRank")));
        Assert.Equal(
            """{"rank":1,"above":null,"aboveScore":null,"gap":null,"decidedBy":null}""",
            JsonSerializer.Serialize(e.GetProperty("blockRank")));
        Assert.Equal([87.5m, 53.5m, 100m], e.GetProperty("months").EnumerateArray().Select(m => m.GetProperty("total").GetDecimal()));
        var areas = e.GetProperty("areas").EnumerateArray().ToDictionary(a => a.GetProperty("code").GetString()!, a => a.GetProperty("subtotal").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal> { ["1"] = 56.5m, ["2"] = 24.5m }, areas);
    }

    [Fact]
    public async Task Explain_in_one_month_shows_the_lateness_and_the_deductions_of_that_month()
    {
        var entries = WriteEntries(Entries);

        var e = await RunJsonAsync("explain", "--campaign", campaign, "--entries", entries, "--unit", "SNV", "--in-month", "2");

        Assert.Equal(2, e.GetProperty("month").GetInt32());
        Assert.Equal(53.5m, e.GetProperty("score").GetDecimal());
        var month = Assert.Single(e.GetProperty("months").EnumerateArray());
        Assert.Equal("2017-03-07", month.GetProperty("submittedOn").GetString());
        Assert.Equal("2017-03-05", month.GetProperty("deadline").GetString());
        Assert.Equal(2, month.GetProperty("daysLate").GetInt32());
        Assert.True(month.GetProperty("late").GetBoolean());
        Assert.Equal((55.5m, 90m, 2m, 53.5m), (month.GetProperty("raw").GetDecimal(), month.GetProperty("dueMax").GetDecimal(), month.GetProperty("latenessDeduction").GetDecimal(), month.GetProperty("total").GetDecimal()));
        var deductions = e.GetProperty("deductions").EnumerateArray()
            .Select(d => $"{d.GetProperty("source").GetString()}:{d.GetProperty("occurrences").GetDecimal()}:{d.GetProperty("points").GetDecimal()}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(["2.3:1:-2", "late:2:-2"], deductions);
        var criteria = e.GetProperty("criteria").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("points").GetDecimal());
        Assert.Equal(2.5m, criteria["2.1"]);
        Assert.Equal(0m, criteria["2.4"]);
        // Month 2 alone: CT 100, CB and CL 97, then SNV.
        Assert.Equal(
            """{"rank":4,"above":"CL","aboveScore":97,"gap":43.5,"decidedBy":null}""",
            JsonSerializer.Serialize(e.GetProperty("overallRank")));
    }

    [Fact]
    public async Task Rank_as_csv_has_a_header_and_quotes_names_holding_commas()
    {
        var entries = WriteEntries(Entries);

        var result = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", entries, "--format", "csv");

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("overall_rank,unit,unit_name,block,block_rank,kind,score,classification,late_months,lowest_month,month_1,month_2,month_3,area_1,area_2", lines[0]);
        Assert.Equal(6, lines.Length);
        Assert.Equal("4,SNV,Sở Nội vụ,B1,1,department,80.33,good,1,53.50,87.50,53.50,100.00,56.50,24.50", lines[4]);
        Assert.Equal("5,STP,\"Sở Tư pháp, tỉnh Tiền Giang\",B1,2,department,59.33,weak,1,0.00,78.00,0.00,100.00,36.67,22.67", lines[5]);
    }

    [Fact]
    public async Task Rank_as_a_table_aligns_its_columns_for_people()
    {
        var entries = WriteEntries(Entries);

        var result = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", entries, "--format", "table");

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
        Assert.Equal(6, lines.Length);
        Assert.StartsWith("Hạng (rank)  Đơn vị (unit)  Tên (name)", lines[0], StringComparison.Ordinal);
        // The score column ends at the same place on every line: right-aligned numbers.
        var scoreEnd = lines[0].IndexOf("Điểm (score)", StringComparison.Ordinal) + "Điểm (score)".Length;
        Assert.Equal(["(score)", "100.00", "99.00", "99.00", "80.33", "59.33"], lines.Select(l => l[..scoreEnd].Split(' ')[^1]));
        Assert.All(lines[1..], l => Assert.Equal(' ', l[scoreEnd]));
    }

    [Fact]
    public async Task Awards_as_csv_and_as_a_table_name_each_award_and_its_candidates()
    {
        var entries = WriteEntries(Entries);

        var csv = await EmulationProcess.RunAsync("awards", "--campaign", campaign, "--entries", entries, "--format", "csv");
        var table = await EmulationProcess.RunAsync("awards", "--campaign", campaign, "--entries", entries, "--format", "table");

        Assert.True(csv.ExitCode == 0, csv.Error);
        var lines = csv.Output.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("award,unit,unit_name,block,rank,score,eligible,selected,tie_at_quota,reasons", lines[0]);
        Assert.Equal(11, lines.Length);
        Assert.Equal("merit,CL,Huyện Cai Lậy,H1,2,99.00,true,true,true,minScore 50: 99 ✓; excludedBy [flag]: [] ✓", lines[8]);
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Contains("== flag: Cờ thi đua (Flag)", table.Output, StringComparison.Ordinal);
        Assert.Contains("-- khối (block) H1: 3 đơn vị (units), chỉ tiêu (quota) 1, được chọn (selected) 1", table.Output, StringComparison.Ordinal);
        Assert.Contains("-- toàn bộ (all units): 5 đơn vị (units), chỉ tiêu (quota) 1, được chọn (selected) 2", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_for_a_criterion_not_due_is_ignored_with_a_warning_on_stderr()
    {
        var entries = WriteEntries(Entries + "\nSNV,Sở Nội vụ,department,B1,2,2.4,yes,,,\n");

        var result = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", entries);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            $"{entries}: cảnh báo (warning): line 41, column 6 (criterion): tiêu chí 2.4 không đến hạn tháng 2, dòng bị bỏ qua (criterion 2.4 is not due in month 2: row ignored)\n",
            result.Error.Replace("\r\n", "\n", StringComparison.Ordinal));
        using var document = JsonDocument.Parse(result.Output);
        Assert.Equal(80.33m, document.RootElement[3].GetProperty("score").GetDecimal());
    }

    [Theory]
    [InlineData("rank")]
    [InlineData("awards")]
    [InlineData("explain")]
    public async Task A_bad_row_fails_with_its_line_and_column_on_stderr_and_nothing_on_stdout(string verb)
    {
        var entries = WriteEntries(Entries.Replace("SNV,Sở Nội vụ,department,B1,2,2.1,3,24,,", "SNV,Sở Nội vụ,department,B1,2,2.1,3,,,", StringComparison.Ordinal)
            .Replace("CL,Huyện Cai Lậy,district,H1,3,1.1,yes,,,", "CL,Huyện Cai Lậy,district,H2,3,1.1,yes,,,", StringComparison.Ordinal));

        string[] unit = verb == "explain" ? ["--unit", "SNV"] : [];
        var result = await EmulationProcess.RunAsync([verb, "--campaign", campaign, "--entries", entries, .. unit]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains($"{entries}: line 11, column 8 (denominator): thiếu mẫu số", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{entries}: line 37, column 4 (block): đơn vị CL thuộc hai khối", result.Error, StringComparison.Ordinal);
        Assert.Contains("2 lỗi trong tệp điểm (errors in the entries file).", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_as_a_table_names_the_gap_and_every_months_lateness()
    {
        var entries = WriteEntries(Entries);

        var result = await EmulationProcess.RunAsync("explain", "--campaign", campaign, "--entries", entries, "--unit", "SNV", "--format", "table");

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Output.Split('\n');
        Assert.Equal("SNV Sở Nội vụ — khối (block) B1, loại (kind) Sở, lũy kế đến tháng 3 (year to date through month 3)", lines[0]);
        Assert.StartsWith("Điểm (score) 80.33, xếp loại (classification) Tốt,", lines[1], StringComparison.Ordinal);
        Assert.Equal("Hạng chung (overall rank) 4; kém CL (99.00) 18.67 điểm (behind CL by 18.67)", lines[2]);
        Assert.Equal("Hạng trong khối (block rank) 1", lines[3]);
        Assert.Contains(lines, l => l.StartsWith("            2  2017-03-07            2017-03-05                         2      55.50", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("            2  nộp trễ (late)", StringComparison.Ordinal) && l.EndsWith("-2.00", StringComparison.Ordinal));
    }

    [Fact]
    public async Task More_than_a_hundred_errors_are_listed_up_to_a_hundred_with_the_total()
    {
        var rows = Enumerable.Range(1, 150).Select(i => $"U{i},Đơn vị {i},department,B1,1,1.1,perhaps,,,");
        var entries = WriteEntries(Header + "\n" + string.Join("\n", rows));

        var result = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", entries);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(101, lines.Length);
        Assert.StartsWith($"{entries}: line 101, column 7 (value): ", lines[99], StringComparison.Ordinal);
        Assert.Equal("150 lỗi trong tệp điểm (errors in the entries file), 100 hiện ra (shown).", lines[100]);
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused()
    {
        var path = Path.Combine(folder.FullName, "latin1.csv");
        await File.WriteAllBytesAsync(path, Encoding.Latin1.GetBytes(Header + "\nSNV,Sé Noi vu,department,B1,1,1.1,yes,,,\n"));

        var result = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("line 2, column 2 (unit_name): tệp không phải UTF-8", result.Error, StringComparison.Ordinal);
        Assert.Contains("the file is not UTF-8: invalid byte 0xE9", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_month_outside_the_campaign_is_an_error()
    {
        var entries = WriteEntries(Entries);

        var result = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", entries, "--month", "4");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("month 4 is outside campaign entries-test-2017: months 1–3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explaining_a_unit_absent_from_the_entries_is_an_error()
    {
        var entries = WriteEntries(Entries);

        var result = await EmulationProcess.RunAsync("explain", "--campaign", campaign, "--entries", entries, "--unit", "XYZ");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("unit XYZ is not in the entries file", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rank", "--campaign", "c.json")]
    [InlineData("rank", "--campaign", "c.json", "--entries", "e.csv", "--format", "xml")]
    [InlineData("rank", "--campaign", "c.json", "--entries", "e.csv", "--month", "May")]
    [InlineData("awards", "--campaign", "c.json", "--entries", "e.csv", "--unit", "SNV")]
    [InlineData("explain", "--campaign", "c.json", "--entries", "e.csv")]
    [InlineData("explain", "--campaign", "c.json", "--entries", "e.csv", "--unit", "SNV", "--format", "csv")]
    [InlineData("rank", "--campaign", "c.json", "--entries")]
    public async Task A_malformed_command_line_is_a_usage_error(params string[] args)
    {
        var result = await EmulationProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith($"emulation {args[0]}: ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_entries_file_is_an_error_naming_it()
    {
        var result = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", Path.Combine(folder.FullName, "none.csv"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal($"{Path.Combine(folder.FullName, "none.csv")}: không tìm thấy tệp (file not found)", result.Error.TrimEnd());
    }

    /// <summary>The test campaign's units: SNV and STP (departments, B1), CT, CL and CB (districts, H1).</summary>
    public const string UnitsFile = """
        {
          "units": [
            { "code": "SNV", "name": { "vi": "Sở Nội vụ", "en": "Department of Home Affairs" }, "kind": "department", "parent": null, "validFrom": null, "validTo": null },
            { "code": "STP", "name": { "vi": "Sở Tư pháp", "en": "Department of Justice" }, "kind": "department", "parent": null, "validFrom": null, "validTo": null },
            { "code": "CT", "name": { "vi": "Huyện Châu Thành", "en": "Chau Thanh District" }, "kind": "district", "parent": null, "validFrom": null, "validTo": null },
            { "code": "CL", "name": { "vi": "Huyện Cai Lậy", "en": "Cai Lay District" }, "kind": "district", "parent": null, "validFrom": null, "validTo": null },
            { "code": "CB", "name": { "vi": "Huyện Cái Bè", "en": "Cai Be District" }, "kind": "district", "parent": null, "validFrom": null, "validTo": null },
            { "code": "XX", "name": { "vi": "Sở mới", "en": "New department" }, "kind": "department", "parent": null, "validFrom": null, "validTo": null }
          ],
          "blocks": {
            "entries-test-2017": [
              { "code": "B1", "title": { "vi": "Khối sở", "en": "Departments block" }, "units": ["SNV", "STP"] },
              { "code": "H1", "title": { "vi": "Khối huyện", "en": "Districts block" }, "units": ["CT", "CL", "CB"] }
            ]
          }
        }
        """;

    private string WriteUnits()
    {
        var path = Path.Combine(folder.FullName, "units.json");
        File.WriteAllText(path, UnitsFile);
        return path;
    }

    [Fact]
    public async Task With_a_units_file_the_rows_that_agree_with_it_rank_as_without()
    {
        var entries = WriteEntries(Entries);
        var units = WriteUnits();

        var checkedRun = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", entries, "--units", units);
        var plain = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", entries);

        Assert.True(checkedRun.ExitCode == 0, checkedRun.Error);
        Assert.Equal(plain.Output, checkedRun.Output);
    }

    [Fact]
    public async Task With_a_units_file_a_mistyped_block_an_unknown_unit_and_a_wrong_kind_are_errors_with_their_lines()
    {
        var entries = WriteEntries(Entries
            .Replace("CB,Huyện Cái Bè,district,H1,3,", "CB,Huyện Cái Bè,district,H-1,3,", StringComparison.Ordinal)
            + "\nZZ,Sở lạ,department,B1,1,1.1,yes,,,"
            + "\nXX,Sở mới,district,B1,1,1.1,yes,,,"
            + "\nXX,Sở mới,department,B1,1,1.1,yes,,,\n");
        var units = WriteUnits();

        var result = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", entries, "--units", units);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"{entries}: line 38, column 4 (block): khối \"H-1\" sai: đơn vị CB thuộc khối \"H1\" trong tệp đơn vị (wrong block \"H-1\": unit CB is in block \"H1\" in the units file)", lines[0]);
        Assert.Equal($"{entries}: line 41, column 1 (unit): đơn vị \"ZZ\" không có trong tệp đơn vị {units} (unit \"ZZ\" is not in the units file {units})", lines[1]);
        Assert.Equal($"{entries}: line 42, column 3 (unit_kind): đơn vị XX là loại \"department\" trong tệp đơn vị, không phải \"district\" (unit XX is of kind \"department\" in the units file, not \"district\")", lines[2]);
        Assert.Equal($"{entries}: line 43, column 4 (block): đơn vị XX không thuộc khối nào của đợt entries-test-2017 trong tệp đơn vị, nhưng có khối \"B1\" (unit XX is in no block of campaign entries-test-2017 in the units file, got \"B1\")", lines[3]);
        Assert.Equal("4 lỗi trong tệp điểm (errors in the entries file).", lines[4]);
    }

    [Fact]
    public async Task A_units_file_that_does_not_load_is_reported_and_nothing_is_ranked()
    {
        var entries = WriteEntries(Entries);

        var result = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", entries, "--units", Path.Combine(folder.FullName, "none.json"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.StartsWith($"{Path.Combine(folder.FullName, "none.json")}:$: không tìm thấy tệp (file not found)", result.Error, StringComparison.Ordinal);
        Assert.Contains("1 lỗi trong tệp đơn vị (errors in the units file).", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rank_table_shows_the_campaigns_titles_in_vietnamese_and_in_english_with_lang_en()
    {
        var entries = WriteEntries(Entries);
        var units = WriteUnits();

        var vi = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", entries, "--format", "table", "--units", units);
        var en = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", entries, "--format", "table", "--lang", "en");

        Assert.True(vi.ExitCode == 0, vi.Error);
        var snv = vi.Output.Split('\n').Single(l => l.TrimStart().StartsWith("4 ", StringComparison.Ordinal));
        Assert.Matches(@"^\s*4\s+SNV\s+Sở Nội vụ\s+B1 Khối sở\s+1\s+Sở\s+80\.33\s+Tốt\s", snv);
        Assert.True(en.ExitCode == 0, en.Error);
        var stp = en.Output.Split('\n').Single(l => l.TrimStart().StartsWith("5 ", StringComparison.Ordinal));
        Assert.Matches(@"^\s*5\s+STP\s+Sở Tư pháp, tỉnh Tiền Giang\s+B1\s+2\s+Department\s+59\.33\s+Weak\s", stp);
        Assert.DoesNotContain("department", vi.Output + en.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_awards_table_says_how_each_quota_was_computed_and_words_each_condition()
    {
        var entries = WriteEntries(Entries);

        var vi = await EmulationProcess.RunAsync("awards", "--campaign", campaign, "--entries", entries, "--format", "table");
        var en = await EmulationProcess.RunAsync("awards", "--campaign", campaign, "--entries", entries, "--format", "table", "--lang", "en");

        Assert.True(vi.ExitCode == 0, vi.Error);
        Assert.Contains("-- toàn bộ (all units): 5 đơn vị (units), chỉ tiêu (quota) 1, được chọn (selected) 2; chỉ tiêu = 20 % × 5 đơn vị = 1 → 1 (quota = 20 % × 5 units = 1, rounded down: 1)", vi.Output, StringComparison.Ordinal);
        Assert.Contains("-- khối (block) H1: 3 đơn vị (units), chỉ tiêu (quota) 1, được chọn (selected) 1; chỉ tiêu cố định: 1 đơn vị (a fixed quota: 1)", vi.Output, StringComparison.Ordinal);
        Assert.Contains("điểm lũy kế ≥ 50: 99 ✓; không nhận Cờ thi đua: đã nhận không có ✓", vi.Output, StringComparison.Ordinal);
        Assert.Contains("điểm lũy kế ≥ 50: 100 ✓; không nhận Cờ thi đua: đã nhận Cờ thi đua ✗", vi.Output, StringComparison.Ordinal);
        Assert.True(en.ExitCode == 0, en.Error);
        Assert.Contains("year-to-date score ≥ 90: 80.33 ✗", en.Output, StringComparison.Ordinal);
        Assert.Contains("not holding Flag: holds Flag ✗", en.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("minScore", vi.Output + en.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_language_other_than_vi_or_en_is_a_usage_error()
    {
        var result = await EmulationProcess.RunAsync("rank", "--campaign", campaign, "--entries", WriteEntries(Entries), "--lang", "fr");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--lang là vi hoặc en, không phải \"fr\" (--lang is vi or en, not \"fr\")", result.Error, StringComparison.Ordinal);
    }
}
