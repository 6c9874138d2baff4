using System.Globalization;
using System.Text.Json;
using Emulation.Core.Campaigns;
using Emulation.Core.Json;

namespace Emulation.Core.Units;

/// <summary>
/// Loads a units file — units and each campaign's blocks — checking it against the campaigns it
/// names: every kind known, every block member a unit of the file, no unit in two blocks.
/// </summary>
public static class OrganisationLoader
{
    /// <summary>Loads a units file from disk; the errors name the file as given.</summary>
    public static LoadResult<Organisation> LoadFile(string path, IReadOnlyCollection<Campaign> campaigns)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var file = new JsonFile(path);
            var text = file.ReadText(stream);
            return text is null ? LoadResult<Organisation>.Failure(file.Errors) : Load(text, path, campaigns);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return LoadResult<Organisation>.Failure([new LoadError(path, "$", FileReadError.Describe(e))]);
        }
    }

    /// <summary>Loads a units file from JSON text.</summary>
    public static LoadResult<Organisation> Load(string json, string fileName, IReadOnlyCollection<Campaign> campaigns)
    {
        var file = new JsonFile(fileName);
        using var document = file.Parse(json);
        if (document is null || file.Object(document.RootElement, "$") is not { } root)
        {
            return LoadResult<Organisation>.Failure(file.Errors);
        }

        root.Allow("$schema");
        var units = ReadUnits(file, root, campaigns);
        var blocks = ReadBlocks(file, root, units, campaigns);
        root.Finish();
        return file.HasErrors
            ? LoadResult<Organisation>.Failure(file.Errors)
            : LoadResult<Organisation>.Success(new Organisation(units, blocks));
    }

    private static List<OrganisationUnit> ReadUnits(JsonFile file, ObjectReader root, IReadOnlyCollection<Campaign> campaigns)
    {
        var kinds = campaigns.SelectMany(c => c.UnitKinds).Select(k => k.Code).ToHashSet(StringComparer.Ordinal);
        var units = new List<OrganisationUnit>();
        var parents = new List<(string Parent, string Path)>();
        foreach (var (item, path) in root.Array("units"))
        {
            if (file.Object(item, path) is not { } unit)
            {
                continue;
            }

            var code = unit.String("code");
            var name = unit.Text("name");
            var kind = unit.String("kind");
            var parent = unit.String("parent", required: false);
            var validFrom = ReadDate(file, unit, "validFrom");
            var validTo = ReadDate(file, unit, "validTo");
            unit.Finish();
            if (kind is not null && kinds.Count > 0 && !kinds.Contains(kind))
            {
                file.Error(unit.PathOf("kind"), $"loại đơn vị \"{kind}\" không có trong đợt thi đua nào (unknown unit kind \"{kind}\"; known: {string.Join(", ", kinds)})");
            }

            if (validFrom is { } from && validTo is { } to && from > to)
            {
                file.Error(unit.PathOf("validTo"), $"ngày kết thúc {to:yyyy-MM-dd} trước ngày bắt đầu {from:yyyy-MM-dd} (ends before it starts)");
            }

            if (code is not null && units.Any(u => u.Code == code))
            {
                file.Error(unit.PathOf("code"), $"mã đơn vị \"{code}\" trùng lặp (duplicated unit code \"{code}\")");
                continue;
            }

            if (parent is not null)
            {
                parents.Add((parent, unit.PathOf("parent")));
            }

            if (code is not null && name is not null && kind is not null)
            {
                units.Add(new OrganisationUnit(code, name, kind, parent, validFrom, validTo));
            }
        }

        foreach (var (parent, path) in parents.Where(p => units.All(u => u.Code != p.Parent)))
        {
            file.Error(path, $"không có đơn vị cấp trên \"{parent}\" trong tệp (unknown parent unit \"{parent}\")");
        }

        return units;
    }

    private static Dictionary<string, IReadOnlyList<BlockDefinition>> ReadBlocks(
        JsonFile file, ObjectReader root, List<OrganisationUnit> units, IReadOnlyCollection<Campaign> campaigns)
    {
        var result = new Dictionary<string, IReadOnlyList<BlockDefinition>>(StringComparer.Ordinal);
        if (!root.Has("blocks"))
        {
            return result;
        }

        foreach (var (campaignId, value, path) in root.Properties("blocks"))
        {
            var campaign = campaigns.FirstOrDefault(c => c.Id == campaignId);
            if (campaign is null)
            {
                file.Error(path, $"không có đợt thi đua \"{campaignId}\" (unknown campaign \"{campaignId}\"; loaded: {string.Join(", ", campaigns.Select(c => c.Id))})");
            }

            if (value.ValueKind != JsonValueKind.Array)
            {
                file.Error(path, $"cần một mảng các khối (expected an array of blocks, found {JsonFile.Describe(value)})");
                continue;
            }

            var blocks = new List<BlockDefinition>();
            var memberOf = new Dictionary<string, string>(StringComparer.Ordinal);
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var blockPath = $"{path}[{index++}]";
                if (file.Object(item, blockPath) is not { } block)
                {
                    continue;
                }

                var code = block.String("code");
                var title = block.Text("title");
                var members = new List<string>();
                foreach (var (member, memberPath) in block.Array("units"))
                {
                    var unitCode = member.ValueKind == JsonValueKind.String ? member.GetString()! : null;
                    var unit = unitCode is null ? null : units.FirstOrDefault(u => u.Code == unitCode);
                    if (unit is null)
                    {
                        file.Error(memberPath, $"không có đơn vị {JsonFile.Describe(member)} trong \"units\" (unknown unit {JsonFile.Describe(member)})");
                        continue;
                    }

                    if (memberOf.TryGetValue(unit.Code, out var other))
                    {
                        file.Error(memberPath, $"đơn vị \"{unit.Code}\" đã thuộc khối \"{other}\" (unit \"{unit.Code}\" is already in block \"{other}\")");
                        continue;
                    }

                    if (campaign is not null && campaign.FrameworkFor(unit.Kind) is null)
                    {
                        file.Error(memberPath, $"đợt thi đua \"{campaign.Id}\" không có bộ tiêu chí cho loại \"{unit.Kind}\" của đơn vị \"{unit.Code}\" (campaign \"{campaign.Id}\" has no framework for unit kind \"{unit.Kind}\")");
                    }

                    memberOf[unit.Code] = code ?? "?";
                    members.Add(unit.Code);
                }

                block.Finish();
                if (code is not null && blocks.Any(b => b.Code == code))
                {
                    file.Error(block.PathOf("code"), $"mã khối \"{code}\" trùng lặp (duplicated block code \"{code}\")");
                }
                else if (code is not null && title is not null)
                {
                    blocks.Add(new BlockDefinition(code, title, members));
                }
            }

            result[campaignId] = blocks;
        }

        return result;
    }

    private static DateOnly? ReadDate(JsonFile file, ObjectReader reader, string property)
    {
        if (reader.String(property, required: false) is not { } text)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        file.Error(reader.PathOf(property), $"ngày \"{text}\" không đúng dạng YYYY-MM-DD (\"{text}\" is not a date like 2017-01-31)");
        return null;
    }
}
