using System.Globalization;

namespace Emulation.Cli.Commands;

/// <summary>What a person can ask for on a scoring command line.</summary>
internal enum OutputFormat
{
    Json,
    Table,
    Csv,
}

/// <summary>
/// The options of <c>rank</c>, <c>awards</c> and <c>explain</c>:
/// <c>--campaign &lt;file&gt; --entries &lt;file&gt; [--month M] [--format table|csv|json]</c>, plus
/// <c>--unit U</c> and <c>--in-month M</c> for <c>explain</c>; <c>--units &lt;units.json&gt;</c> checks
/// every row's unit, kind and block against a units file; <c>--lang vi|en</c> the language of a table.
/// </summary>
internal sealed record ScoringArguments(
    string Campaign,
    string Entries,
    int? Month,
    OutputFormat Format,
    string? Unit,
    int? InMonth)
{
    /// <summary>The units file the rows are checked against, or null.</summary>
    public string? Units { get; init; }

    /// <summary>Whether a table is written in English (<c>--lang en</c>) rather than Vietnamese.</summary>
    public bool English { get; init; }

    /// <summary>Parses the options of <paramref name="verb"/>; null (with the message written) on a usage error.</summary>
    public static ScoringArguments? Parse(string verb, string[] args, TextWriter error)
    {
        var explain = verb == "explain";
        string? campaign = null, entries = null, unit = null, units = null;
        var english = false;
        int? month = null, inMonth = null;
        var format = OutputFormat.Json;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is not ("--campaign" or "--entries" or "--month" or "--format" or "--units" or "--lang") && !(explain && name is "--unit" or "--in-month"))
            {
                return Usage(verb, error, $"tùy chọn không hợp lệ \"{name}\" (unknown option \"{name}\")");
            }

            if (i + 1 >= args.Length)
            {
                return Usage(verb, error, $"thiếu giá trị sau {name} (a value is needed after {name})");
            }

            var value = args[++i];
            switch (name)
            {
                case "--campaign":
                    campaign = value;
                    break;
                case "--entries":
                    entries = value;
                    break;
                case "--unit":
                    unit = value;
                    break;
                case "--units":
                    units = value;
                    break;
                case "--lang":
                    if (value is not ("vi" or "en"))
                    {
                        return Usage(verb, error, $"--lang là vi hoặc en, không phải \"{value}\" (--lang is vi or en, not \"{value}\")");
                    }

                    english = value == "en";
                    break;
                case "--month" or "--in-month":
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var m))
                    {
                        return Usage(verb, error, $"{name} cần một số tháng, không phải \"{value}\" ({name} needs a month number, not \"{value}\")");
                    }

                    if (name == "--month")
                    {
                        month = m;
                    }
                    else
                    {
                        inMonth = m;
                    }

                    break;
                default:
                    OutputFormat? parsed = value switch
                    {
                        "json" => OutputFormat.Json,
                        "table" => OutputFormat.Table,
                        "csv" when !explain => OutputFormat.Csv,
                        _ => null,
                    };
                    if (parsed is null)
                    {
                        var allowed = explain ? "table|json" : "table|csv|json";
                        return Usage(verb, error, $"--format là {allowed}, không phải \"{value}\" (--format is {allowed}, not \"{value}\")");
                    }

                    format = parsed.Value;
                    break;
            }
        }

        if (campaign is null || entries is null || (explain && unit is null))
        {
            var missing = string.Join(", ", new[] { campaign is null ? "--campaign" : null, entries is null ? "--entries" : null, explain && unit is null ? "--unit" : null }.OfType<string>());
            return Usage(verb, error, $"thiếu {missing} (missing {missing})");
        }

        if (month is not null && inMonth is not null)
        {
            return Usage(verb, error, "dùng --month hoặc --in-month, không dùng cả hai (use --month or --in-month, not both)");
        }

        return new ScoringArguments(campaign, entries, month, format, unit, inMonth) { Units = units, English = english };
    }

    private static ScoringArguments? Usage(string verb, TextWriter error, string message)
    {
        error.WriteLine($"emulation {verb}: {message}");
        error.WriteLine(CommandLine.Help);
        return null;
    }
}
