using System.Text.Json;
using Emulation.Core.Json;

namespace Emulation.Core.Campaigns;

/// <summary>Reads one framework's areas and criteria tree, checking codes, maxima and methods.</summary>
internal sealed class FrameworkReader(JsonFile file, int firstMonth, int lastMonth)
{
    private static readonly Dictionary<string, FrequencyKind> Frequencies = new()
    {
        ["monthly"] = FrequencyKind.Monthly,
        ["quarterly"] = FrequencyKind.Quarterly,
        ["yearly"] = FrequencyKind.Yearly,
    };

    private static readonly Dictionary<string, WhenNoData> NoData = new()
    {
        ["zero"] = WhenNoData.Zero,
        ["full"] = WhenNoData.Full,
        ["exclude"] = WhenNoData.Exclude,
    };

    private static readonly string[] Methods = ["binary", "levels", "ratio", "count", "deduction", "manual"];

    private static readonly string[] MethodFields =
        ["options", "bands", "proportional", "floor", "whenNoData", "numerator", "denominator", "perOccurrence", "cap", "step"];

    private readonly HashSet<string> codes = new(StringComparer.Ordinal);

    public List<Area> ReadAreas(ObjectReader framework)
    {
        var areas = new List<Area>();
        foreach (var (item, path) in framework.Array("areas"))
        {
            if (file.Object(item, path) is not { } area)
            {
                continue;
            }

            var code = Code(area);
            var title = area.Text("title");
            var max = area.Decimal("max");
            var criteria = ReadChildren(area, "criteria", Frequency.Monthly);
            area.Finish();
            if (max is { } m && criteria is not null)
            {
                CheckSum(area, m, criteria);
            }

            if (code is not null && title is not null && max is not null && criteria is not null)
            {
                areas.Add(new Area(code, title, max.Value, criteria));
            }
        }

        return areas;
    }

    private List<Criterion>? ReadChildren(ObjectReader parent, string property, Frequency inherited)
    {
        var items = parent.Array(property);
        var children = new List<Criterion>();
        foreach (var (item, path) in items)
        {
            if (file.Object(item, path) is { } criterion && ReadCriterion(criterion, inherited) is { } read)
            {
                children.Add(read);
            }
        }

        return items.Count > 0 && children.Count == items.Count ? children : null;
    }

    private Criterion? ReadCriterion(ObjectReader criterion, Frequency inherited)
    {
        var code = Code(criterion);
        var title = criterion.Text("title");
        var description = criterion.Text("description", required: false);
        var max = criterion.Decimal("max");
        var evidence = criterion.Boolean("evidenceRequired") ?? false;
        var frequency = ReadFrequency(criterion) ?? inherited;
        var hasChildren = criterion.Has("children");
        var hasMethod = criterion.Has("method");

        List<Criterion>? children = null;
        ScoringMethod? method = null;
        var valid = true;
        if (hasChildren && hasMethod)
        {
            file.Error(criterion.Path, "tiêu chí có tiêu chí con thì không có \"method\" (a criterion with children has no \"method\")");
            valid = false;
        }
        else if (hasChildren)
        {
            children = ReadChildren(criterion, "children", frequency);
            valid = children is not null;
            if (max is { } m && children is not null)
            {
                CheckSum(criterion, m, children);
            }
        }
        else if (hasMethod)
        {
            method = ReadMethod(criterion, max);
            valid = method is not null;
        }
        else
        {
            file.Error(criterion.Path, "cần \"method\" (tiêu chí lá) hoặc \"children\" (needs a \"method\" for a leaf, or \"children\")");
            valid = false;
        }

        criterion.Finish();
        if (!valid || code is null || title is null || max is null)
        {
            return null;
        }

        return new Criterion
        {
            Code = code,
            Title = title,
            Description = description,
            Max = max.Value,
            Frequency = frequency,
            DueMonths = frequency.MonthsWithin(firstMonth, lastMonth),
            Method = method,
            Children = children ?? [],
            EvidenceRequired = evidence,
        };
    }

    private ScoringMethod? ReadMethod(ObjectReader criterion, decimal? max)
    {
        var name = criterion.String("method");
        if (name is null)
        {
            return null;
        }

        if (!Methods.Contains(name))
        {
            // The method's own fields are not reported as unknown on top of the unknown method.
            foreach (var field in MethodFields)
            {
                criterion.Allow(field);
            }

            file.Error(criterion.PathOf("method"), $"phương pháp chấm \"{name}\" không hợp lệ; dùng {string.Join(", ", Methods)} (unknown method \"{name}\"; expected one of {string.Join(", ", Methods)})");
            return null;
        }

        if (max is { } m && name != "deduction" && m == 0)
        {
            file.Error(criterion.PathOf("max"), "điểm tối đa phải lớn hơn 0 (the maximum must be above 0)");
        }

        if (max is { } d && name == "deduction" && d != 0)
        {
            file.Error(criterion.PathOf("max"), $"tiêu chí trừ điểm có điểm tối đa 0, không phải {JsonFile.Number(d)} (a deduction's maximum is 0, not {JsonFile.Number(d)})");
        }

        var top = max ?? decimal.MaxValue;
        return name switch
        {
            "binary" => new BinaryMethod(),
            "levels" => ReadLevels(criterion, top),
            "ratio" => ReadRatio(criterion, top),
            "count" => ReadBands(criterion, top, ratio: false) is { } bands ? new CountMethod(bands) : null,
            "deduction" => ReadDeduction(criterion),
            _ => ReadManual(criterion, max),
        };
    }

    private LevelsMethod? ReadLevels(ObjectReader criterion, decimal max)
    {
        var items = criterion.Array("options");
        var options = new List<LevelOption>();
        foreach (var (item, path) in items)
        {
            if (file.Object(item, path) is not { } option)
            {
                continue;
            }

            var code = option.String("code");
            var title = option.Text("title");
            var points = option.Decimal("points", max: max);
            option.Finish();
            if (code is not null && options.Any(o => o.Code == code))
            {
                file.Error(option.PathOf("code"), $"mã lựa chọn \"{code}\" trùng lặp (duplicated option code \"{code}\")");
            }
            else if (code is not null && title is not null && points is not null)
            {
                options.Add(new LevelOption(code, title, points.Value));
            }
        }

        return items.Count > 0 && options.Count == items.Count ? new LevelsMethod(options) : null;
    }

    private RatioMethod? ReadRatio(ObjectReader criterion, decimal max)
    {
        var numerator = criterion.Text("numerator");
        var denominator = criterion.Text("denominator");
        var whenNoData = criterion.Choice("whenNoData", NoData, required: false) ?? WhenNoData.Zero;
        var proportional = criterion.Boolean("proportional") ?? false;
        var hasBands = criterion.Has("bands");
        var hasFloor = criterion.Has("floor");
        var floor = criterion.Decimal("floor", required: false, max: 1m) ?? 0m;
        IReadOnlyList<Band>? bands = [];
        if (proportional && hasBands)
        {
            file.Error(criterion.Path, "tỷ lệ dùng \"proportional\" hoặc \"bands\", không dùng cả hai (a ratio is either proportional or banded, not both)");
            return null;
        }

        if (!proportional)
        {
            if (!hasBands)
            {
                file.Error(criterion.Path, "tỷ lệ cần \"bands\" hoặc \"proportional\": true (a ratio needs \"bands\" or \"proportional\": true)");
                return null;
            }

            if (hasFloor)
            {
                file.Error(criterion.PathOf("floor"), "\"floor\" chỉ dùng với \"proportional\" (\"floor\" applies only to a proportional ratio)");
            }

            bands = ReadBands(criterion, max, ratio: true);
        }

        return numerator is null || denominator is null || bands is null
            ? null
            : new RatioMethod
            {
                Numerator = numerator,
                Denominator = denominator,
                WhenNoData = whenNoData,
                Proportional = proportional,
                Floor = floor,
                Bands = bands,
            };
    }

    private List<Band>? ReadBands(ObjectReader criterion, decimal max, bool ratio)
    {
        var items = criterion.Array("bands");
        var bands = new List<Band>();
        foreach (var (item, path) in items)
        {
            if (file.Object(item, path) is not { } band)
            {
                continue;
            }

            var min = ratio ? band.Decimal("min", max: 1m) : band.Integer("min");
            var points = band.Decimal("points", max: max);
            band.Finish();
            if (min is null || points is null)
            {
                continue;
            }

            if (bands.Count > 0 && min >= bands[^1].Min)
            {
                file.Error(band.PathOf("min"), $"các mức phải xếp từ cao xuống thấp: {JsonFile.Number(min.Value)} không nhỏ hơn {JsonFile.Number(bands[^1].Min)} (bands must be listed high to low: {JsonFile.Number(min.Value)} is not below {JsonFile.Number(bands[^1].Min)})");
            }

            bands.Add(new Band(min.Value, points.Value));
        }

        return items.Count > 0 && bands.Count == items.Count ? bands : null;
    }

    private DeductionMethod? ReadDeduction(ObjectReader criterion)
    {
        var per = criterion.Decimal("perOccurrence");
        var cap = criterion.Decimal("cap");
        if (per == 0)
        {
            file.Error(criterion.PathOf("perOccurrence"), "điểm trừ mỗi lần phải lớn hơn 0 (points per occurrence must be above 0)");
        }

        return per is null || cap is null ? null : new DeductionMethod(per.Value, cap.Value);
    }

    private ManualMethod? ReadManual(ObjectReader criterion, decimal? max)
    {
        var step = criterion.Decimal("step", required: false) ?? 0.01m;
        if (step == 0)
        {
            file.Error(criterion.PathOf("step"), "bước điểm phải lớn hơn 0 (the step must be above 0)");
            return null;
        }

        if (max is { } m && m % step != 0)
        {
            file.Error(criterion.PathOf("max"), $"điểm tối đa {JsonFile.Number(m)} không phải bội số của bước {JsonFile.Number(step)} (the maximum {JsonFile.Number(m)} is not a multiple of the step {JsonFile.Number(step)})");
        }

        return new ManualMethod(step);
    }

    private Frequency? ReadFrequency(ObjectReader criterion)
    {
        if (criterion.Get("frequency", required: false) is not { } value)
        {
            return null;
        }

        var path = criterion.PathOf("frequency");
        if (value.ValueKind == JsonValueKind.String)
        {
            var name = value.GetString()!;
            if (Frequencies.TryGetValue(name, out var kind))
            {
                return kind switch
                {
                    FrequencyKind.Quarterly => Frequency.Quarterly,
                    FrequencyKind.Yearly => Frequency.Yearly,
                    _ => Frequency.Monthly,
                };
            }

            file.Error(path, $"tần suất \"{name}\" không hợp lệ; dùng monthly, quarterly, yearly hoặc danh sách tháng (unknown frequency \"{name}\"; expected monthly, quarterly, yearly or a list of months)");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            file.Error(path, $"tần suất là monthly, quarterly, yearly hoặc danh sách tháng (a frequency is monthly, quarterly, yearly or a list of months, found {JsonFile.Describe(value)})");
            return null;
        }

        var months = new List<int>();
        var i = 0;
        foreach (var item in value.EnumerateArray())
        {
            var at = $"{path}[{i++}]";
            if (criterion.ReadInteger(item, at, 1, 12) is not { } month)
            {
                continue;
            }

            if (months.Contains(month))
            {
                file.Error(at, $"tháng {month} lặp lại (month {month} is listed twice)");
            }
            else if (month < firstMonth || month > lastMonth)
            {
                file.Error(at, $"tháng {month} nằm ngoài đợt thi đua {firstMonth}–{lastMonth} (month {month} is outside the campaign's months {firstMonth}–{lastMonth})");
            }
            else
            {
                months.Add(month);
            }
        }

        if (i == 0)
        {
            file.Error(path, "danh sách tháng trống (the list of months is empty)");
        }

        return months.Count == 0 ? null : new Frequency(FrequencyKind.Months, months.Order().ToList());
    }

    private string? Code(ObjectReader reader)
    {
        var code = reader.String("code");
        if (code is not null && !codes.Add(code))
        {
            file.Error(reader.PathOf("code"), $"mã \"{code}\" trùng lặp trong bộ tiêu chí (duplicated code \"{code}\" in this framework)");
        }

        return code;
    }

    private void CheckSum(ObjectReader parent, decimal max, IReadOnlyList<Criterion> children)
    {
        var sum = children.Sum(c => c.Max);
        if (sum != max)
        {
            file.Error(parent.PathOf("max"), $"tổng điểm tối đa của các tiêu chí con là {JsonFile.Number(sum)}, khác {JsonFile.Number(max)} (the children's maxima add up to {JsonFile.Number(sum)}, not {JsonFile.Number(max)})");
        }
    }
}
