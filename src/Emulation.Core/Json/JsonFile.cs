using System.Globalization;
using System.Text;
using System.Text.Json;
using Emulation.Core.Campaigns;

namespace Emulation.Core.Json;

/// <summary>
/// Reads one JSON file strictly, collecting every problem as a <see cref="LoadError"/> with its
/// JSON path instead of stopping at the first.
/// </summary>
internal sealed class JsonFile(string fileName)
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };

    private readonly List<LoadError> errors = [];

    public string FileName { get; } = fileName;

    public IReadOnlyList<LoadError> Errors => errors;

    public bool HasErrors => errors.Count > 0;

    /// <summary>Parses the text; malformed JSON is one error with its line and position.</summary>
    public JsonDocument? Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json, Options);
        }
        catch (JsonException e)
        {
            // The parser counts lines and bytes from 0 and words its message in English: say it
            // 1-based, in characters, in both languages, like every other error.
            var line = (int)(e.LineNumber ?? 0);
            var (position, found) = At(json, line, (int)(e.BytePositionInLine ?? 0));
            var (vi, en) = found is { } c
                ? ($"ký tự '{c}' không đúng chỗ", $"unexpected character '{c}'")
                : ("tệp kết thúc khi JSON chưa đầy đủ", "the file ends before the JSON does");
            Error("$", $"JSON không hợp lệ tại dòng {line + 1}, vị trí {position}: {vi} (malformed JSON at line {line + 1}, position {position}: {en})");
            return null;
        }
    }

    /// <summary>Reads a file as strict UTF-8; invalid bytes are one error.</summary>
    public string? ReadText(Stream stream)
    {
        try
        {
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            Error("$", "tệp không phải UTF-8 (the file is not UTF-8 text)");
            return null;
        }
    }

    public void Error(string path, string message) => errors.Add(new LoadError(FileName, path, message));

    /// <summary>The element as an object reader, or null with an error.</summary>
    public ObjectReader? Object(JsonElement element, string path)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            return new ObjectReader(this, element, path);
        }

        Error(path, $"cần một đối tượng JSON (expected an object, found {Describe(element)})");
        return null;
    }

    /// <summary>Minified JSON of the document, without comments or white space.</summary>
    public static string Canonical(JsonDocument document) =>
        JsonSerializer.Serialize(document.RootElement, CoreJsonContext.Default.JsonElement);

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => $"the text \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        _ => element.ValueKind.ToString(),
    };

    public static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The 1-based character position of byte <paramref name="bytes"/> of line <paramref name="line"/>
    /// (both 0-based, as <see cref="JsonException"/> gives them) and the character there (a
    /// surrogate pair whole), or null at the end of the text.
    /// </summary>
    private static (int Position, string? Found) At(string text, int line, int bytes)
    {
        var start = 0;
        for (var i = 0; i < line && start < text.Length; i++)
        {
            var next = text.IndexOf('\n', start);
            start = next < 0 ? text.Length : next + 1;
        }

        var index = start;
        var counted = 0;
        while (index < text.Length && counted < bytes && text[index] != '\n')
        {
            var width = char.IsHighSurrogate(text[index]) && index + 1 < text.Length ? 2 : 1;
            counted += Encoding.UTF8.GetByteCount(text.AsSpan(index, width));
            index += width;
        }

        var position = index - start + 1;
        if (index >= text.Length)
        {
            return (position, null);
        }

        var length = char.IsHighSurrogate(text[index]) && index + 1 < text.Length ? 2 : 1;
        var found = text[index] switch
        {
            '\n' or '\r' => "↵",
            '\t' => "\\t",
            _ => text.Substring(index, length),
        };
        return (position, found);
    }
}

/// <summary>
/// One JSON object being read: each property read is marked, and <see cref="Finish"/> reports
/// every property nobody read as unknown.
/// </summary>
internal sealed class ObjectReader(JsonFile file, JsonElement element, string path)
{
    private readonly HashSet<string> known = new(StringComparer.Ordinal);

    public string Path { get; } = path;

    public JsonFile File { get; } = file;

    public string PathOf(string property) => $"{Path}.{property}";

    public bool Has(string property)
    {
        known.Add(property);
        return element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null;
    }

    /// <summary>Marks a property as allowed without reading it.</summary>
    public void Allow(string property) => known.Add(property);

    public JsonElement? Get(string property, bool required)
    {
        known.Add(property);
        if (element.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null)
        {
            return value;
        }

        if (required)
        {
            File.Error(PathOf(property), $"thiếu \"{property}\" (\"{property}\" is missing)");
        }

        return null;
    }

    public string? String(string property, bool required = true)
    {
        if (Get(property, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            File.Error(PathOf(property), $"cần một chuỗi ký tự (expected text, found {JsonFile.Describe(value)})");
            return null;
        }

        var text = value.GetString()!.Trim();
        if (text.Length == 0)
        {
            File.Error(PathOf(property), $"\"{property}\" để trống (\"{property}\" is empty)");
            return null;
        }

        return text;
    }

    public decimal? Decimal(string property, bool required = true, decimal min = 0m, decimal? max = null)
    {
        if (Get(property, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
        {
            File.Error(PathOf(property), $"cần một số (expected a number, found {JsonFile.Describe(value)})");
            return null;
        }

        if (number < min || (max is { } top && number > top))
        {
            var range = max is { } m ? $"{JsonFile.Number(min)}–{JsonFile.Number(m)}" : $"≥ {JsonFile.Number(min)}";
            File.Error(PathOf(property), $"{JsonFile.Number(number)} nằm ngoài khoảng {range} ({JsonFile.Number(number)} is outside {range})");
            return null;
        }

        return number;
    }

    public int? Integer(string property, bool required = true, int min = 0, int max = int.MaxValue) =>
        ReadInteger(Get(property, required), PathOf(property), min, max);

    public int? ReadInteger(JsonElement? element, string at, int min, int max)
    {
        if (element is not { } value)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number) || number != decimal.Truncate(number))
        {
            File.Error(at, $"cần một số nguyên (expected a whole number, found {JsonFile.Describe(value)})");
            return null;
        }

        if (number < min || number > max)
        {
            var range = max == int.MaxValue ? $"≥ {min}" : $"{min}–{max}";
            File.Error(at, $"{JsonFile.Number(number)} nằm ngoài khoảng {range} ({JsonFile.Number(number)} is outside {range})");
            return null;
        }

        return (int)number;
    }

    public bool? Boolean(string property, bool required = false)
    {
        if (Get(property, required) is not { } value)
        {
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        File.Error(PathOf(property), $"cần true hoặc false (expected true or false, found {JsonFile.Describe(value)})");
        return null;
    }

    /// <summary>A bilingual text: an object with non-empty <c>vi</c> and <c>en</c>.</summary>
    public LocalizedText? Text(string property, bool required = true)
    {
        if (Get(property, required) is not { } value)
        {
            return null;
        }

        if (File.Object(value, PathOf(property)) is not { } text)
        {
            return null;
        }

        var vi = text.String("vi");
        var en = text.String("en");
        text.Finish();
        return vi is null || en is null ? null : new LocalizedText(vi, en);
    }

    /// <summary>One of the names in <paramref name="choices"/>, exactly as written.</summary>
    public T? Choice<T>(string property, IReadOnlyDictionary<string, T> choices, bool required = true)
        where T : struct
    {
        if (String(property, required) is not { } name)
        {
            return null;
        }

        if (choices.TryGetValue(name, out var choice))
        {
            return choice;
        }

        File.Error(PathOf(property), $"\"{name}\" không hợp lệ; dùng {string.Join(", ", choices.Keys)} (unknown \"{name}\"; expected one of {string.Join(", ", choices.Keys)})");
        return null;
    }

    /// <summary>The array's items with their paths, or an empty list with an error.</summary>
    public IReadOnlyList<(JsonElement Item, string Path)> Array(string property, bool required = true, bool nonEmpty = true)
    {
        if (Get(property, required) is not { } value)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            File.Error(PathOf(property), $"cần một mảng (expected an array, found {JsonFile.Describe(value)})");
            return [];
        }

        var items = value.EnumerateArray().Select((item, i) => (item, $"{PathOf(property)}[{i}]")).ToList();
        if (nonEmpty && items.Count == 0)
        {
            File.Error(PathOf(property), "danh sách trống (the list is empty)");
        }

        return items;
    }

    /// <summary>The object's properties with their paths.</summary>
    public IReadOnlyList<(string Name, JsonElement Value, string Path)> Properties(string property)
    {
        if (Get(property, required: true) is not { } value || File.Object(value, PathOf(property)) is null)
        {
            return [];
        }

        return value.EnumerateObject().Select(p => (p.Name, p.Value, $"{PathOf(property)}.{p.Name}")).ToList();
    }

    /// <summary>Reports every property that was not read.</summary>
    public void Finish()
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                File.Error(PathOf(property.Name), $"thuộc tính không được hỗ trợ (unknown property \"{property.Name}\")");
            }
        }
    }
}
