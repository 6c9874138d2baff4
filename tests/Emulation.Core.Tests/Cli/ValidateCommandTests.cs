using Emulation.Core.Tests.Campaigns;

namespace Emulation.Core.Tests.Cli;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("emulation-validate-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public async Task The_shipped_campaign_and_units_files_are_valid()
    {
        var result = await EmulationProcess.RunAsync("validate", "criteria/tien-giang-2017.json", "criteria/units/tien-giang.json");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("", result.Error);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("criteria/tien-giang-2017.json: hợp lệ (valid) — đợt thi đua (campaign) tien-giang-2017, 2017, tháng (months) 1–11; department: 8 lĩnh vực (areas)", lines[0], StringComparison.Ordinal);
        Assert.Contains("district: 8 lĩnh vực (areas)", lines[0], StringComparison.Ordinal);
        Assert.Contains("commune: 8 lĩnh vực (areas)", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^criteria/units/tien-giang\.json: hợp lệ \(valid\) — \d+ đơn vị \(units\); \d+ khối \(blocks\) cho \(for\) tien-giang-2017$", lines[1]);
    }

    [Fact]
    public async Task A_units_file_alone_is_checked_against_the_campaigns_beside_it()
    {
        var result = await EmulationProcess.RunAsync("validate", "criteria/units/tien-giang.json");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("tien-giang-2017", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_file_prints_every_error_and_nothing_on_stdout()
    {
        var broken = Path.Combine(folder.FullName, "broken.json");
        await File.WriteAllTextAsync(broken, SampleCampaign.Json
            .Replace("\"deadlineDay\": 5", "\"deadlineDay\": 40", StringComparison.Ordinal)
            .Replace("\"method\": \"count\"", "\"method\": \"tally\"", StringComparison.Ordinal));

        var result = await EmulationProcess.RunAsync("validate", broken);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains($"{broken}:$.deadlineDay: 40 nằm ngoài khoảng 1–31", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{broken}:$.frameworks.department.areas[1].criteria[2].method: phương pháp chấm \"tally\" không hợp lệ", result.Error, StringComparison.Ordinal);
        Assert.Contains("2 lỗi (errors).", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_json_names_its_line()
    {
        var broken = Path.Combine(folder.FullName, "malformed.json");
        await File.WriteAllTextAsync(broken, "{\n  \"id\": \"x\"\n  \"year\": 2017\n}");

        var result = await EmulationProcess.RunAsync("validate", broken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{broken}:$: JSON không hợp lệ tại dòng 3", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_command_validates_the_campaign_files_copied_beside_it()
    {
        var copied = Path.Combine(Path.GetDirectoryName(EmulationProcess.CommandPath())!, "criteria");

        var result = await EmulationProcess.RunAsync("validate", Path.Combine(copied, "tien-giang-2017.json"), Path.Combine(copied, "units", "tien-giang.json"));

        Assert.True(result.ExitCode == 0, result.Error);
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_one_bilingual_error_counted_from_1_in_characters()
    {
        var broken = Path.Combine(folder.FullName, "notes.json");
        await File.WriteAllTextAsync(broken, "{\n  \"tên\": Đà Lạt\n}");

        var result = await EmulationProcess.RunAsync("validate", broken, "README.md");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                $"{broken}:$: JSON không hợp lệ tại dòng 2, vị trí 10: ký tự 'Đ' không đúng chỗ (malformed JSON at line 2, position 10: unexpected character 'Đ')",
                "README.md:$: JSON không hợp lệ tại dòng 1, vị trí 1: ký tự '#' không đúng chỗ (malformed JSON at line 1, position 1: unexpected character '#')",
                "2 lỗi (errors).",
            ],
            result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task A_missing_file_is_one_bilingual_line_like_every_other_error()
    {
        var missing = Path.Combine(folder.FullName, "none.json");

        var result = await EmulationProcess.RunAsync("validate", missing);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Equal([$"{missing}:$: không tìm thấy tệp (file not found)", "1 lỗi (errors)."], result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task No_file_is_a_usage_error()
    {
        var result = await EmulationProcess.RunAsync("validate");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("emulation validate", result.Error, StringComparison.Ordinal);
    }
}
