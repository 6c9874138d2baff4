using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Emulation.Load;

/// <summary>
/// The shipped criteria folder copied with N synthetic communes of Cái Bè (LT-XA001 …) added to the
/// units file and to the 2017 campaign in blocks of at most 40: the units the burst's accounts work for.
/// </summary>
public static class UnitsFile
{
    public const string Prefix = "LT-XA";

    public static string Code(int i) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{i:000}");

    public static string UserName(int i) => string.Create(CultureInfo.InvariantCulture, $"lt.xa{i:000}");

    /// <summary>Writes <c>criteria/</c> into <paramref name="folder"/> and returns the units file's path.</summary>
    public static string Write(string repositoryRoot, string folder, int count)
    {
        var source = Path.Combine(repositoryRoot, "criteria");
        var target = Path.Combine(folder, "criteria");
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to, overwrite: true);
        }

        var path = Path.Combine(target, "units", "tien-giang.json");
        var root = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var units = root["units"]!.AsArray();
        var blocks = root["blocks"]![LoadOptions.CampaignId]!.AsArray();
        const int perBlock = 40;
        for (var b = 0; b * perBlock < count; b++)
        {
            var members = new JsonArray();
            for (var i = b * perBlock + 1; i <= Math.Min(count, (b + 1) * perBlock); i++)
            {
                units.Add(new JsonObject
                {
                    ["code"] = Code(i),
                    ["name"] = new JsonObject { ["vi"] = $"UBND xã Tải thử {i:000}", ["en"] = $"Load Test Commune {i:000} People's Committee" },
                    ["kind"] = "commune",
                    ["parent"] = "CAIBE",
                    ["validFrom"] = null,
                    ["validTo"] = "2025-06-30",
                });
                members.Add(Code(i));
            }

            blocks.Add(new JsonObject
            {
                ["code"] = $"K-LT{b + 1}",
                ["title"] = new JsonObject { ["vi"] = $"Khối xã tải thử {b + 1}", ["en"] = $"Load test communes block {b + 1}" },
                ["units"] = members,
            });
        }

        File.WriteAllText(path, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
