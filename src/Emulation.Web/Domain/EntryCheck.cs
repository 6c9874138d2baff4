using Emulation.Core.Campaigns;
using Emulation.Core.Entries;
using Emulation.Core.Scoring;

namespace Emulation.Web.Domain;

/// <summary>Which part of an entry a problem is about (the form puts the message beside it).</summary>
public enum EntryPart
{
    Value,
    Denominator,
    Note,
    Evidence,

    /// <summary>The reason a verifier gives for changing the entry (an adjustment, a dispute's answer).</summary>
    Reason,

    /// <summary>A verifier's finding on the entry, sent with a return.</summary>
    Finding,
}

/// <summary>
/// A problem with one entry, as a resource key and its arguments (the criterion's code first):
/// a draft lists them, submitting refuses while any is left.
/// </summary>
public sealed record EntryProblem(string Criterion, EntryPart Part, string Key, IReadOnlyList<object> Arguments);

/// <summary>
/// Checks what a unit typed for one criterion, the way submitting does: the engine's own parser
/// (<see cref="EntryValueParser"/>), plus the rules of the form — a numerator cannot exceed its
/// denominator, and a criterion that requires evidence needs a file or a document reference.
/// </summary>
public static class EntryCheck
{
    /// <summary>The value's problem, or null when the engine takes it (and <paramref name="value"/> is set).</summary>
    public static EntryProblem? Value(Criterion criterion, string? typed, string? denominator, out EntryValue value)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        value = default;
        var code = criterion.Code;
        if (string.IsNullOrWhiteSpace(typed) && string.IsNullOrWhiteSpace(denominator))
        {
            return new EntryProblem(code, EntryPart.Value, "Entry.Missing", [code]);
        }

        var parsed = EntryValueParser.Parse(criterion, typed, denominator);
        if (parsed.Error is { } error)
        {
            var part = error.Field == EntryField.Denominator ? EntryPart.Denominator : EntryPart.Value;
            var text = (part == EntryPart.Denominator ? denominator : typed)?.Trim() ?? "";
            return error.Kind switch
            {
                EntryValueErrorKind.Missing => new EntryProblem(code, part, "Entry.Missing", [code]),
                EntryValueErrorKind.MissingDenominator => new EntryProblem(code, EntryPart.Denominator, "Entry.MissingDenominator", [code]),
                EntryValueErrorKind.UnexpectedDenominator => new EntryProblem(code, EntryPart.Denominator, "Entry.UnexpectedDenominator", [code]),
                EntryValueErrorKind.Negative => new EntryProblem(code, part, "Entry.Negative", [code, text]),
                EntryValueErrorKind.NotWhole => new EntryProblem(code, part, "Entry.NotWhole", [code, text]),
                EntryValueErrorKind.AboveMax => new EntryProblem(code, part, "Entry.AboveMax", [code, text, criterion.Max]),
                EntryValueErrorKind.OffStep => new EntryProblem(code, part, "Entry.OffStep", [code, text, ((ManualMethod)criterion.Method!).Step]),
                _ => criterion.Method switch
                {
                    BinaryMethod => new EntryProblem(code, part, "Entry.NotYesNo", [code, text]),
                    LevelsMethod levels => new EntryProblem(code, part, "Entry.NotOption", [code, text, string.Join(", ", levels.Options.Select(o => o.Code))]),
                    _ => new EntryProblem(code, part, "Entry.NotNumber", [code, text]),
                },
            };
        }

        value = parsed.Value;
        if (criterion.Method is RatioMethod && value.Denominator is { } below && value.Number > below)
        {
            return new EntryProblem(code, EntryPart.Value, "Entry.NumeratorAboveDenominator", [code, value.Number, below]);
        }

        return null;
    }
}
