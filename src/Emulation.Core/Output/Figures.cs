using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Emulation.Core.Output;

/// <summary>
/// How figures and fields are written for machines (the command's output and the web's exports):
/// 2 decimals at most, invariant culture, RFC 4180 quoting.
/// </summary>
public static class Figures
{
    /// <summary>
    /// How JSON is written for people and scripts alike: indented, Vietnamese names readable (the
    /// output is UTF-8, not escaped to \uXXXX).
    /// </summary>
    public static JsonWriterOptions JsonOptions { get; } = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A figure rounded to 2 places (midpoint away from zero), as a JSON number.</summary>
    public static void Number(this Utf8JsonWriter json, string name, decimal value)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteNumber(name, Round(value));
    }

    /// <summary>A figure rounded to 2 places, as a JSON number.</summary>
    public static void Number(this Utf8JsonWriter json, decimal value)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteNumberValue(Round(value));
    }

    /// <summary>A nullable figure: a JSON number or null.</summary>
    public static void Number(this Utf8JsonWriter json, string name, decimal? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is { } v)
        {
            json.Number(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>A text, or JSON null when there is none.</summary>
    public static void TextOrNull(this Utf8JsonWriter json, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    /// <summary>A whole number, or JSON null when there is none.</summary>
    public static void NumberOrNull(this Utf8JsonWriter json, string name, int? value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>A figure for a table or CSV: always 2 decimals, a dot.</summary>
    public static string Text(decimal value) => Round(value).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>A figure without trailing zeros (<c>90</c>, <c>92.35</c>, <c>0.5</c>).</summary>
    public static string Short(decimal value) => Round(value).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A whole number, invariant.</summary>
    public static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>An ISO date, or empty.</summary>
    public static string Text(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Rounded to 2 places and without trailing zeros (99.00 → 99), so JSON shows the shortest form.</summary>
    public static decimal Round(decimal value) =>
        decimal.Round(value, 2, MidpointRounding.AwayFromZero) / 1.000000000000000000000000000000000m;

    /// <summary>One CSV record, fields quoted when they hold a comma, a quote or a line break.</summary>
    public static void CsvLine(TextWriter output, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(fields);
        var first = true;
        var line = new StringBuilder();
        foreach (var field in fields)
        {
            if (!first)
            {
                line.Append(',');
            }

            first = false;
            if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
            {
                line.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(field);
            }
        }

        // RFC 4180 ends records with CRLF.
        output.Write(line.Append("\r\n").ToString());
    }
}
