using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Emulation.Core.Json;

namespace Emulation.Core.Campaigns;

/// <summary>
/// Loads a campaign file into an immutable <see cref="Campaign"/>, checking every rule of the
/// format. A broken file yields every error (<c>file:json-path: message</c>) and no campaign.
/// </summary>
public static class CampaignLoader
{
    private static readonly Dictionary<string, TieBreak> TieBreaks = new()
    {
        ["lowestMonth"] = Campaigns.TieBreak.LowestMonth,
        ["fewerLateMonths"] = Campaigns.TieBreak.FewerLateMonths,
    };

    private static readonly Dictionary<string, AwardScope> Scopes = new()
    {
        ["block"] = AwardScope.Block,
        ["overall"] = AwardScope.Overall,
    };

    private static readonly Dictionary<string, ThresholdBase> ThresholdBases = new()
    {
        ["present"] = ThresholdBase.Present,
        ["members"] = ThresholdBase.Members,
    };

    /// <summary>Loads a campaign file from disk; the errors name the file as given.</summary>
    public static LoadResult<Campaign> LoadFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Load(stream, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return LoadResult<Campaign>.Failure([new LoadError(path, "$", FileReadError.Describe(e))]);
        }
    }

    /// <summary>Loads a campaign from a stream of UTF-8 JSON.</summary>
    public static LoadResult<Campaign> Load(Stream stream, string fileName)
    {
        var file = new JsonFile(fileName);
        var text = file.ReadText(stream);
        return text is null ? LoadResult<Campaign>.Failure(file.Errors) : Load(text, fileName);
    }

    /// <summary>Loads a campaign from JSON text (comments and trailing commas allowed).</summary>
    public static LoadResult<Campaign> Load(string json, string fileName)
    {
        var file = new JsonFile(fileName);
        using var document = file.Parse(json);
        if (document is null)
        {
            return LoadResult<Campaign>.Failure(file.Errors);
        }

        var campaign = new CampaignReader(file).Read(document);
        return campaign is null || file.HasErrors
            ? LoadResult<Campaign>.Failure(file.Errors)
            : LoadResult<Campaign>.Success(campaign);
    }

    private sealed class CampaignReader(JsonFile file)
    {
        private int firstMonth = 1;
        private int lastMonth = 12;

        public Campaign? Read(JsonDocument document)
        {
            if (file.Object(document.RootElement, "$") is not { } root)
            {
                return null;
            }

            root.Allow("$schema");
            var id = root.String("id");
            if (id is not null && !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                file.Error(root.PathOf("id"), $"mã chỉ gồm chữ, số, '-', '_', '.' không dấu (the id may hold only ASCII letters, digits, '-', '_' and '.'): \"{id}\"");
            }

            var title = root.Text("title");
            var year = root.Integer("year", min: 2000, max: 2100);
            ReadMonths(root);
            var deadlineDay = root.Integer("deadlineDay", min: 1, max: 31);
            var late = ReadLate(root);
            var missingMonthScore = root.Decimal("missingMonthScore", required: false) ?? 0m;
            var disputeDays = root.Integer("disputeDays", required: false, min: 0, max: 366) ?? 0;
            var normalise = root.Boolean("normalise") ?? false;
            var tieBreak = ReadTieBreak(root);
            var unitKinds = ReadUnitKinds(root);
            var frameworks = ReadFrameworks(root, unitKinds);
            var classification = ReadClassification(root, normalise, frameworks);
            var awards = ReadAwards(root);
            var committee = ReadCommittee(root);
            root.Finish();

            if (file.HasErrors)
            {
                return null;
            }

            return new Campaign
            {
                Id = id!,
                Title = title!,
                Year = year!.Value,
                FirstMonth = firstMonth,
                LastMonth = lastMonth,
                DeadlineDay = deadlineDay!.Value,
                Late = late!,
                MissingMonthScore = missingMonthScore,
                DisputeDays = disputeDays,
                Normalise = normalise,
                Classification = classification,
                TieBreak = tieBreak,
                UnitKinds = unitKinds,
                Frameworks = frameworks,
                Awards = awards,
                Committee = committee!,
                Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonFile.Canonical(document)))),
            };
        }

        private void ReadMonths(ObjectReader root)
        {
            var items = root.Array("months");
            if (items.Count == 0)
            {
                return;
            }

            if (items.Count != 2)
            {
                file.Error(root.PathOf("months"), "cần đúng hai tháng [đầu, cuối] (expected exactly two months: [first, last])");
                return;
            }

            var first = root.ReadInteger(items[0].Item, items[0].Path, 1, 12);
            var last = root.ReadInteger(items[1].Item, items[1].Path, 1, 12);
            if (first is { } f && last is { } l)
            {
                if (f > l)
                {
                    file.Error(root.PathOf("months"), $"tháng đầu ({f}) sau tháng cuối ({l}) (the first month {f} is after the last month {l})");
                    return;
                }

                (firstMonth, lastMonth) = (f, l);
            }
        }

        private LatePenalty? ReadLate(ObjectReader root)
        {
            if (root.Get("late", required: true) is not { } value || file.Object(value, root.PathOf("late")) is not { } late)
            {
                return null;
            }

            var perDay = late.Decimal("perDay");
            var cap = late.Decimal("cap");
            late.Finish();
            return perDay is null || cap is null ? null : new LatePenalty(perDay.Value, cap.Value);
        }

        private IReadOnlyList<TieBreak> ReadTieBreak(ObjectReader root)
        {
            var result = new List<TieBreak>();
            foreach (var (item, path) in root.Array("tieBreak", required: false, nonEmpty: false))
            {
                var name = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
                if (name is null || !TieBreaks.TryGetValue(name, out var rule))
                {
                    file.Error(path, $"quy tắc xếp hạng bằng điểm không hợp lệ; dùng {string.Join(", ", TieBreaks.Keys)} (unknown tie-break {JsonFile.Describe(item)}; expected one of {string.Join(", ", TieBreaks.Keys)})");
                }
                else if (result.Contains(rule))
                {
                    file.Error(path, $"\"{name}\" lặp lại (\"{name}\" is listed twice)");
                }
                else
                {
                    result.Add(rule);
                }
            }

            return result;
        }

        private List<UnitKindDefinition> ReadUnitKinds(ObjectReader root)
        {
            var kinds = new List<UnitKindDefinition>();
            foreach (var (item, path) in root.Array("unitKinds"))
            {
                if (file.Object(item, path) is not { } kind)
                {
                    continue;
                }

                var code = kind.String("code");
                var title = kind.Text("title");
                kind.Finish();
                if (code is null || title is null)
                {
                    continue;
                }

                if (kinds.Any(k => k.Code == code))
                {
                    file.Error(kind.PathOf("code"), $"mã loại đơn vị \"{code}\" trùng lặp (duplicated unit kind code \"{code}\")");
                    continue;
                }

                kinds.Add(new UnitKindDefinition(code, title));
            }

            return kinds;
        }

        private Dictionary<string, Framework> ReadFrameworks(ObjectReader root, List<UnitKindDefinition> kinds)
        {
            var frameworks = new Dictionary<string, Framework>(StringComparer.Ordinal);
            var properties = root.Properties("frameworks");
            foreach (var (kind, value, path) in properties)
            {
                if (kinds.Count > 0 && kinds.All(k => k.Code != kind))
                {
                    file.Error(path, $"loại đơn vị \"{kind}\" không có trong unitKinds (unknown unit kind \"{kind}\": not in unitKinds)");
                }

                if (file.Object(value, path) is not { } framework)
                {
                    continue;
                }

                var areas = new FrameworkReader(file, firstMonth, lastMonth).ReadAreas(framework);
                framework.Finish();
                frameworks[kind] = new Framework(kind, areas);
            }

            foreach (var kind in kinds.Where(k => !frameworks.ContainsKey(k.Code) && properties.Count > 0))
            {
                file.Error(root.PathOf("frameworks"), $"thiếu bộ tiêu chí cho loại đơn vị \"{kind.Code}\" (no framework for unit kind \"{kind.Code}\")");
            }

            return frameworks;
        }

        private List<ClassificationBand> ReadClassification(ObjectReader root, bool normalise, Dictionary<string, Framework> frameworks)
        {
            var bands = new List<ClassificationBand>();
            var top = normalise ? 100m : frameworks.Values.Select(f => f.Max).DefaultIfEmpty(100m).Max();
            var items = root.Array("classification");
            foreach (var (item, path) in items)
            {
                if (file.Object(item, path) is not { } band)
                {
                    continue;
                }

                var code = band.String("code");
                var title = band.Text("title");
                var min = band.Decimal("min", max: top);
                band.Finish();
                if (code is null || title is null || min is null)
                {
                    continue;
                }

                if (bands.Any(b => b.Code == code))
                {
                    file.Error(band.PathOf("code"), $"mã xếp loại \"{code}\" trùng lặp (duplicated classification code \"{code}\")");
                }
                else if (bands.Count > 0 && min >= bands[^1].Min)
                {
                    file.Error(band.PathOf("min"), $"các mức xếp loại phải xếp từ cao xuống thấp: {JsonFile.Number(min.Value)} không nhỏ hơn {JsonFile.Number(bands[^1].Min)} (bands must be listed high to low: {JsonFile.Number(min.Value)} is not below {JsonFile.Number(bands[^1].Min)})");
                }

                bands.Add(new ClassificationBand(code, title, min.Value));
            }

            if (bands.Count > 0 && bands.Count == items.Count && bands[^1].Min != 0)
            {
                file.Error($"{root.PathOf("classification")}[{bands.Count - 1}].min", $"mức xếp loại thấp nhất phải bắt đầu từ 0, không phải {JsonFile.Number(bands[^1].Min)} (the lowest band must start at 0, not {JsonFile.Number(bands[^1].Min)})");
            }

            return bands;
        }

        private List<Award> ReadAwards(ObjectReader root)
        {
            var awards = new List<Award>();
            var codes = new List<string?>();
            foreach (var (item, _) in root.Array("awards", required: false, nonEmpty: false))
            {
                codes.Add(item.ValueKind == JsonValueKind.Object && item.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null);
            }

            var index = 0;
            foreach (var (item, path) in root.Array("awards", required: false, nonEmpty: false))
            {
                var position = index++;
                if (file.Object(item, path) is not { } award)
                {
                    continue;
                }

                var code = award.String("code");
                var title = award.Text("title");
                var scope = award.Choice("scope", Scopes);
                var hasCount = award.Has("count");
                var hasShare = award.Has("share");
                var count = award.Integer("count", required: false);
                var share = award.Decimal("share", required: false, max: 1m);
                if (hasCount == hasShare)
                {
                    file.Error(path, hasCount
                        ? "chỉ đặt một trong hai \"count\" hoặc \"share\", không đặt cả hai (set exactly one of \"count\" and \"share\", not both)"
                        : "cần đặt một trong hai \"count\" hoặc \"share\" (set exactly one of \"count\" and \"share\")");
                }

                var minScore = award.Decimal("minScore", required: false);
                var minMonthScore = award.Decimal("minMonthScore", required: false);
                var maxLateMonths = award.Integer("maxLateMonths", required: false);
                var excludedBy = new List<string>();
                foreach (var (excluded, excludedPath) in award.Array("excludedBy", required: false, nonEmpty: false))
                {
                    var name = excluded.ValueKind == JsonValueKind.String ? excluded.GetString() : null;
                    var at = name is null ? -1 : codes.IndexOf(name);
                    if (name is null || at < 0)
                    {
                        file.Error(excludedPath, $"không có hình thức khen thưởng {JsonFile.Describe(excluded)} (unknown award {JsonFile.Describe(excluded)})");
                    }
                    else if (at >= position)
                    {
                        file.Error(excludedPath, $"\"{name}\" phải đứng trước hình thức khen thưởng này (\"{name}\" must come earlier in the file than this award)");
                    }
                    else
                    {
                        excludedBy.Add(name);
                    }
                }

                award.Finish();
                if (code is not null && awards.Any(a => a.Code == code))
                {
                    file.Error(award.PathOf("code"), $"mã khen thưởng \"{code}\" trùng lặp (duplicated award code \"{code}\")");
                    continue;
                }

                if (code is null || title is null || scope is null)
                {
                    continue;
                }

                awards.Add(new Award
                {
                    Code = code,
                    Title = title,
                    Scope = scope.Value,
                    Count = count,
                    Share = share,
                    MinScore = minScore,
                    MinMonthScore = minMonthScore,
                    MaxLateMonths = maxLateMonths,
                    ExcludedBy = excludedBy,
                });
            }

            return awards;
        }

        private CommitteeRules? ReadCommittee(ObjectReader root)
        {
            if (root.Get("committee", required: true) is not { } value || file.Object(value, root.PathOf("committee")) is not { } committee)
            {
                return null;
            }

            var quorum = committee.Decimal("quorum", max: 1m);
            var threshold = committee.Decimal("threshold", max: 1m);
            var of = committee.Choice("thresholdOf", ThresholdBases, required: false) ?? ThresholdBase.Present;
            committee.Finish();
            return quorum is null || threshold is null ? null : new CommitteeRules(quorum.Value, threshold.Value, of);
        }
    }
}
