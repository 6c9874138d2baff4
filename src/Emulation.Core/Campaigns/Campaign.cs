using System.Globalization;

namespace Emulation.Core.Campaigns;

/// <summary>A text in both languages of the product: Vietnamese first, English second.</summary>
public sealed record LocalizedText(string Vi, string En)
{
    /// <summary>The text for a UI culture: English for any <c>en</c> culture, Vietnamese otherwise.</summary>
    public string For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" && En.Length > 0 ? En : Vi;

    /// <inheritdoc />
    public override string ToString() => Vi;
}

/// <summary>
/// One year's emulation campaign (chuyên đề thi đua): months, deadlines, rules, one criteria
/// framework per unit kind, and the awards. Immutable; built only by <c>CampaignLoader</c>,
/// which guarantees every rule of the campaign file format holds.
/// </summary>
public sealed record Campaign
{
    /// <summary>The campaign's identity, e.g. <c>tien-giang-2017</c>.</summary>
    public required string Id { get; init; }
    /// <summary>The campaign's title.</summary>
    public required LocalizedText Title { get; init; }
    /// <summary>The calendar year the campaign runs in.</summary>
    public required int Year { get; init; }
    /// <summary>The first month scored (1–12).</summary>
    public required int FirstMonth { get; init; }
    /// <summary>The last month scored (1–12, not before <see cref="FirstMonth"/>).</summary>
    public required int LastMonth { get; init; }
    /// <summary>Day of the next month a month's submission is due; past the month's end means its last day.</summary>
    public required int DeadlineDay { get; init; }
    /// <summary>Points lost per day late, and their cap.</summary>
    public required LatePenalty Late { get; init; }
    /// <summary>What a month with no submission scores, as it is.</summary>
    public required decimal MissingMonthScore { get; init; }
    /// <summary>Days after verification in which a unit may dispute.</summary>
    public required int DisputeDays { get; init; }
    /// <summary>Whether month totals are scaled to 100 points over the month's due maxima.</summary>
    public required bool Normalise { get; init; }
    /// <summary>Classification bands, highest <c>min</c> first; the last one's <c>min</c> is 0.</summary>
    public required IReadOnlyList<ClassificationBand> Classification { get; init; }
    /// <summary>The tie-break chain applied after the score, in order.</summary>
    public required IReadOnlyList<TieBreak> TieBreak { get; init; }
    /// <summary>The unit kinds that compete, each with one framework.</summary>
    public required IReadOnlyList<UnitKindDefinition> UnitKinds { get; init; }
    /// <summary>The criteria framework of each unit kind, by kind code.</summary>
    public required IReadOnlyDictionary<string, Framework> Frameworks { get; init; }
    /// <summary>The awards, in file order (<c>excludedBy</c> names only earlier ones).</summary>
    public required IReadOnlyList<Award> Awards { get; init; }
    /// <summary>The council's voting rules.</summary>
    public required CommitteeRules Committee { get; init; }
    /// <summary>
    /// SHA-256 (hex) of the file's JSON without comments and white space: equal for files that
    /// mean the same, different as soon as any value changes.
    /// </summary>
    public required string Fingerprint { get; init; }

    /// <summary>The campaign's months, first to last.</summary>
    public IEnumerable<int> Months => Enumerable.Range(FirstMonth, LastMonth - FirstMonth + 1);

    /// <summary>Whether <paramref name="month"/> is one of the campaign's months.</summary>
    public bool HasMonth(int month) => month >= FirstMonth && month <= LastMonth;

    /// <summary>The framework for a unit kind, or null when the campaign has none for it.</summary>
    public Framework? FrameworkFor(string unitKind) => Frameworks.GetValueOrDefault(unitKind);

    /// <summary>The award with this code, or null.</summary>
    public Award? FindAward(string code) => Awards.FirstOrDefault(a => a.Code == code);
}

/// <summary>Lateness deduction: <c>min(Cap, PerDay × days late)</c>.</summary>
public sealed record LatePenalty(decimal PerDay, decimal Cap);

/// <summary>A classification band (xếp loại): scores at or above <see cref="Min"/>.</summary>
public sealed record ClassificationBand(string Code, LocalizedText Title, decimal Min);

/// <summary>A tie-break rule applied after the score.</summary>
public enum TieBreak
{
    /// <summary>The higher lowest month total wins.</summary>
    LowestMonth,
    /// <summary>The unit with fewer late months wins.</summary>
    FewerLateMonths,
}

/// <summary>A kind of unit (loại đơn vị): data, so that kinds can come and go with reorganisations.</summary>
public sealed record UnitKindDefinition(string Code, LocalizedText Title);
