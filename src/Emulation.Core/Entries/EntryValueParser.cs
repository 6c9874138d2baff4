using System.Globalization;
using System.Text;
using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;

namespace Emulation.Core.Entries;

/// <summary>The input field an <see cref="EntryValueError"/> is about.</summary>
public enum EntryField
{
    /// <summary>The value: yes/no, option code, numerator, number or points.</summary>
    Value,
    /// <summary>The denominator of a ratio.</summary>
    Denominator,
}

/// <summary>What is wrong with a typed value, for callers that word the error themselves.</summary>
public enum EntryValueErrorKind
{
    /// <summary>Nothing was typed.</summary>
    Missing,
    /// <summary>Not a value the method takes (not yes/no, not an option code, not a number).</summary>
    Invalid,
    /// <summary>A number below 0.</summary>
    Negative,
    /// <summary>A count or number of occurrences with a fraction.</summary>
    NotWhole,
    /// <summary>Manual points above the criterion's maximum.</summary>
    AboveMax,
    /// <summary>Manual points that are not a multiple of the step.</summary>
    OffStep,
    /// <summary>A denominator for a criterion that is not a ratio.</summary>
    UnexpectedDenominator,
    /// <summary>A ratio without a denominator.</summary>
    MissingDenominator,
}

/// <summary>
/// Why a typed value cannot be taken: the field it concerns, what is wrong (<see cref="Kind"/>) and
/// the message, "Vietnamese (English)".
/// </summary>
public sealed record EntryValueError(EntryField Field, string Message, EntryValueErrorKind Kind = EntryValueErrorKind.Invalid)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}

/// <summary>
/// Turns what a person typed (a CSV field, a form input) into the <see cref="EntryValue"/> a leaf
/// criterion's method takes, or says why it cannot. Numbers are read with the invariant culture
/// (a dot for decimals), never the UI culture. Surrounding white space is ignored.
/// </summary>
/// <remarks>
/// Per method: binary — yes/no, true/false, 1/0, có/không (any letter case); levels — an option
/// code (exact); ratio — numerator and denominator, numbers ≥ 0; count and deduction — a whole
/// number ≥ 0; manual — points in [0, max], a multiple of the step. Only a ratio takes a
/// denominator.
/// </remarks>
public static class EntryValueParser
{
    private const NumberStyles Number = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>Parses a value (and a denominator, for a ratio; null or empty otherwise).</summary>
    /// <exception cref="ArgumentException">The criterion is not a leaf.</exception>
    public static EntryValueResult Parse(Criterion criterion, string? value, string? denominator = null)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        return TryParse(criterion, value.AsSpan(), denominator.AsSpan(), out var parsed, out var error)
            ? new EntryValueResult(parsed, null)
            : new EntryValueResult(default, error);
    }

    /// <summary>
    /// Parses a value and a denominator (empty when absent) without allocating on success.
    /// </summary>
    /// <exception cref="ArgumentException">The criterion is not a leaf.</exception>
    public static bool TryParse(
        Criterion criterion,
        ReadOnlySpan<char> value,
        ReadOnlySpan<char> denominator,
        out EntryValue parsed,
        out EntryValueError? error)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        var method = criterion.Method
            ?? throw new ArgumentException($"Criterion {criterion.Code} has children and takes no value.", nameof(criterion));
        value = value.Trim();
        denominator = denominator.Trim();
        parsed = default;

        if (method is not RatioMethod && !denominator.IsEmpty)
        {
            error = new EntryValueError(
                EntryField.Denominator,
                $"tiêu chí {criterion.Code} ({method.Name}) không có mẫu số, nhưng có \"{denominator}\" (criterion {criterion.Code} is not a ratio and takes no denominator, got \"{denominator}\")",
                EntryValueErrorKind.UnexpectedDenominator);
            return false;
        }

        if (value.IsEmpty)
        {
            error = new EntryValueError(EntryField.Value, $"thiếu giá trị: {Expected(criterion, method)} (missing value: expected {ExpectedEn(criterion, method)})", EntryValueErrorKind.Missing);
            return false;
        }

        error = null;
        switch (method)
        {
            case BinaryMethod:
                if (ParseYesNo(value) is { } yes)
                {
                    parsed = EntryValue.Binary(yes);
                    return true;
                }

                error = Invalid(criterion, method, value);
                return false;

            case LevelsMethod levels:
                foreach (var option in levels.Options)
                {
                    if (value.SequenceEqual(option.Code))
                    {
                        parsed = EntryValue.Level(option.Code);
                        return true;
                    }
                }

                error = Invalid(criterion, method, value);
                return false;

            case RatioMethod:
                if (!TryNonNegative(criterion, method, value, EntryField.Value, out var numerator, out error))
                {
                    return false;
                }

                if (denominator.IsEmpty)
                {
                    error = new EntryValueError(
                        EntryField.Denominator,
                        $"thiếu mẫu số: tiêu chí {criterion.Code} là tỉ lệ, cần một số ≥ 0 (missing denominator: criterion {criterion.Code} is a ratio and needs a number ≥ 0)",
                        EntryValueErrorKind.MissingDenominator);
                    return false;
                }

                if (!TryNonNegative(criterion, method, denominator, EntryField.Denominator, out var below, out error))
                {
                    return false;
                }

                parsed = EntryValue.Ratio(numerator, below);
                return true;

            case CountMethod or DeductionMethod:
                if (!TryNonNegative(criterion, method, value, EntryField.Value, out var count, out error))
                {
                    return false;
                }

                if (count != decimal.Truncate(count))
                {
                    error = new EntryValueError(
                        EntryField.Value,
                        $"\"{value}\" không phải số nguyên: tiêu chí {criterion.Code} cần {Expected(criterion, method)} (\"{value}\" is not a whole number: criterion {criterion.Code} expects {ExpectedEn(criterion, method)})",
                        EntryValueErrorKind.NotWhole);
                    return false;
                }

                parsed = new EntryValue(count);
                return true;

            case ManualMethod manual:
                if (!TryNonNegative(criterion, method, value, EntryField.Value, out var points, out error))
                {
                    return false;
                }

                if (points > criterion.Max)
                {
                    error = new EntryValueError(
                        EntryField.Value,
                        $"{Show(points)} điểm vượt quá tối đa {Show(criterion.Max)} của tiêu chí {criterion.Code} (\"{value}\" points exceed criterion {criterion.Code}'s maximum of {Show(criterion.Max)})",
                        EntryValueErrorKind.AboveMax);
                    return false;
                }

                if (points % manual.Step != 0)
                {
                    error = new EntryValueError(
                        EntryField.Value,
                        $"{Show(points)} điểm không phải bội số của bước {Show(manual.Step)} (\"{value}\" points are not a multiple of criterion {criterion.Code}'s step {Show(manual.Step)})",
                        EntryValueErrorKind.OffStep);
                    return false;
                }

                parsed = new EntryValue(points);
                return true;

            default:
                throw new ArgumentException($"Unknown method {method.Name}.", nameof(criterion));
        }
    }

    /// <summary>yes/no, true/false, 1/0, có/không in any letter case; null when it is none of them.</summary>
    public static bool? ParseYesNo(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.Equals("yes", StringComparison.OrdinalIgnoreCase) || text.Equals("true", StringComparison.OrdinalIgnoreCase) || text is "1"
            || text.Equals("có", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (text.Equals("no", StringComparison.OrdinalIgnoreCase) || text.Equals("false", StringComparison.OrdinalIgnoreCase) || text is "0"
            || text.Equals("không", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // "có" typed with a combining accent (NFD), as some keyboards and spreadsheets produce.
        foreach (var c in text)
        {
            if (c > 127)
            {
                var composed = text.ToString().Normalize(NormalizationForm.FormC);
                return composed.Length != text.Length ? ParseYesNo(composed) : null;
            }
        }

        return null;
    }

    private static bool TryNonNegative(
        Criterion criterion,
        ScoringMethod method,
        ReadOnlySpan<char> text,
        EntryField field,
        out decimal number,
        out EntryValueError? error)
    {
        error = null;
        if (TryWholeNumber(text, out number))
        {
            return true;
        }

        if (!decimal.TryParse(text, Number, CultureInfo.InvariantCulture, out number))
        {
            error = field == EntryField.Denominator
                ? new EntryValueError(field, $"mẫu số \"{text}\" không phải số (dùng dấu chấm thập phân) (denominator \"{text}\" is not a number: expected a number ≥ 0 with a decimal dot)")
                : Invalid(criterion, method, text);
            return false;
        }

        if (number < 0)
        {
            error = new EntryValueError(
                field,
                field == EntryField.Denominator
                    ? $"mẫu số {Show(number)} âm, cần một số ≥ 0 (denominator \"{text}\" is negative: expected a number ≥ 0)"
                    : $"{Show(number)} âm: tiêu chí {criterion.Code} cần {Expected(criterion, method)} (\"{text}\" is negative: criterion {criterion.Code} expects {ExpectedEn(criterion, method)})",
                EntryValueErrorKind.Negative);
            return false;
        }

        return true;
    }

    /// <summary>Plain digits (most values in a file): read without the general number parser.</summary>
    private static bool TryWholeNumber(ReadOnlySpan<char> text, out decimal number)
    {
        number = 0;
        if (text.IsEmpty || text.Length > 18)
        {
            return false;
        }

        long value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        number = value;
        return true;
    }

    private static EntryValueError Invalid(Criterion criterion, ScoringMethod method, ReadOnlySpan<char> value) =>
        new(EntryField.Value,
            $"giá trị \"{value}\" không hợp lệ: tiêu chí {criterion.Code} cần {Expected(criterion, method)} (invalid value \"{value}\": criterion {criterion.Code} expects {ExpectedEn(criterion, method)})");

    private static string Expected(Criterion criterion, ScoringMethod method) => method switch
    {
        BinaryMethod => "có/không, yes/no, true/false hoặc 1/0",
        LevelsMethod levels => $"một trong các mã {Codes(levels)}",
        RatioMethod => "tử số và mẫu số ≥ 0, dấu chấm thập phân",
        CountMethod => "một số nguyên ≥ 0",
        DeductionMethod => "số lần vi phạm, một số nguyên ≥ 0",
        ManualMethod manual => $"số điểm từ 0 đến {Show(criterion.Max)}, bội số của {Show(manual.Step)}, dấu chấm thập phân",
        _ => method.Name,
    };

    private static string ExpectedEn(Criterion criterion, ScoringMethod method) => method switch
    {
        BinaryMethod => "yes/no, true/false, 1/0 or có/không",
        LevelsMethod levels => $"one of the option codes {Codes(levels)}",
        RatioMethod => "a numerator and a denominator ≥ 0 with a decimal dot",
        CountMethod => "a whole number ≥ 0",
        DeductionMethod => "a number of occurrences, a whole number ≥ 0",
        ManualMethod manual => $"points from 0 to {Show(criterion.Max)} in steps of {Show(manual.Step)}, with a decimal dot",
        _ => method.Name,
    };

    private static string Codes(LevelsMethod levels) => string.Join(", ", levels.Options.Select(o => o.Code));

    private static string Show(decimal number) => number.ToString("0.############", CultureInfo.InvariantCulture);
}

/// <summary>A parsed <see cref="EntryValue"/>, or the error that kept it from parsing.</summary>
public readonly record struct EntryValueResult(EntryValue Value, EntryValueError? Error)
{
    /// <summary>Whether the value parsed.</summary>
    public bool Succeeded => Error is null;
}
