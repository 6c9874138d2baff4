using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Emulation.Web.Pages.Rankings.Export;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace Emulation.Web.Tests;

/// <summary>A measurement, not part of the test command: runs only with <c>EMULATION_LOAD=1</c> (tests/load/import.sh).</summary>
public sealed class LoadFactAttribute : FactAttribute
{
    public LoadFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("EMULATION_LOAD") != "1")
        {
            Skip = "a load measurement: tests/load/import.sh runs it (EMULATION_LOAD=1)";
        }
    }
}

/// <summary>The shipped units and 440 more communes of Cái Bè in ten blocks: 501 units, some 200,000 rows a year.</summary>
public sealed class ProvinceOf500Factory : EmulationFactory
{
    public const int ExtraCommunes = 440;

    public ProvinceOf500Factory()
    {
        CriteriaDirectory = TestFolders.CopyOfCriteria();
        var path = Path.Combine(CriteriaDirectory, "units", "tien-giang.json");
        var units = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        var list = units["units"]!.AsArray();
        var blocks = units["blocks"]!["tien-giang-2017"]!.AsArray();
        for (var b = 0; b < 10; b++)
        {
            var members = new JsonArray();
            for (var i = (b * ExtraCommunes / 10) + 1; i <= (b + 1) * ExtraCommunes / 10; i++)
            {
                var code = string.Create(CultureInfo.InvariantCulture, $"CB-XA{i:000}");
                list.Add(new JsonObject
                {
                    ["code"] = code,
                    ["name"] = new JsonObject { ["vi"] = $"UBND xã Thử nghiệm {i:000}", ["en"] = $"Test Commune {i:000}" },
                    ["kind"] = "commune",
                    ["parent"] = "CAIBE",
                    ["validFrom"] = null,
                    ["validTo"] = "2025-06-30",
                });
                members.Add(code);
            }

            blocks.Add(new JsonObject
            {
                ["code"] = $"K-XA-CB{b + 1}",
                ["title"] = new JsonObject { ["vi"] = $"Khối xã Cái Bè {b + 1}", ["en"] = $"Cái Bè communes block {b + 1}" },
                ["units"] = members,
            });
        }

        File.WriteAllText(path, units.ToJsonString());
    }

    public override string CriteriaDirectory { get; }
}

/// <summary>
/// 200,000 rows must import in under 30 s (issue 10). Prints the figures the README gives:
/// tests/load/import.sh runs it on the project's machine.
/// </summary>
public sealed class ImportLoadTests(ITestOutputHelper output)
{
    [LoadFact]
    public async Task Two_hundred_thousand_rows_import_in_under_30_seconds()
    {
        using var factory = new ProvinceOf500Factory();
        var members = await factory.Members();
        var rows = ImportSupport.Rows(factory.Campaign(), members, Enumerable.Range(1, 11)).ToList();
        var csv = ImportSupport.Bytes(ImportSupport.Csv(rows));
        var bad = ImportSupport.Bytes(ImportSupport.Csv(rows.Take(rows.Count - 1).Append(rows[^1] with { Value = "x" })));
        output.WriteLine($"{members.Count} units, {rows.Count:N0} rows, CSV {csv.Length / 1024 / 1024.0:0.0} MB");
        Assert.True(rows.Count >= 200_000, $"{rows.Count} rows");

        // Warm-up: the runtime compiles the paths on their first calls (a small file).
        Assert.True((await factory.Import(ImportSupport.Bytes(ImportSupport.Csv(rows.Where(r => r.Unit == members[0].Code && r.Month == 1))))).Succeeded);

        var refusing = Stopwatch.StartNew();
        var refused = await factory.Import(bad, replace: true);
        refusing.Stop();
        Assert.Equal(1, refused.ErrorCount);
        output.WriteLine($"refusing the file with its last row bad: {refusing.Elapsed.TotalSeconds:0.0} s");

        var importing = Stopwatch.StartNew();
        var outcome = await factory.Import(csv, replace: true);
        importing.Stop();
        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Errors.Take(5)));
        output.WriteLine($"importing {outcome.Rows:N0} rows as {outcome.Submissions:N0} submissions (CSV): {importing.Elapsed.TotalSeconds:0.0} s (checking {outcome.Durations.Checking.TotalSeconds:0.0} s, writing {outcome.Durations.Writing.TotalSeconds:0.0} s)");
        Assert.Equal(rows.Count, await factory.WithDb(db => db.SubmissionEntries.CountAsync()));
        Assert.True(importing.Elapsed < TimeSpan.FromSeconds(30), $"{importing.Elapsed.TotalSeconds} s");

        var workbook = Workbooks.Entries(rows);
        var replacing = Stopwatch.StartNew();
        var again = await factory.Import(workbook, "entries.xlsx", replace: true);
        replacing.Stop();
        Assert.True(again.Succeeded, string.Join("\n", again.Errors.Take(5)));
        output.WriteLine($"replacing them all from a workbook ({workbook.Length / 1024 / 1024.0:0.0} MB .xlsx): {replacing.Elapsed.TotalSeconds:0.0} s (checking {again.Durations.Checking.TotalSeconds:0.0} s, writing {again.Durations.Writing.TotalSeconds:0.0} s)");
    }
}
