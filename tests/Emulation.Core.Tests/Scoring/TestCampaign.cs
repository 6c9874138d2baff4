using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Scoring;

/// <summary>
/// Builds campaigns in code for the engine's tests. Defaults: 2017, months 1–11, deadline day 5,
/// late 0.5 per day capped at 5, missing month 0, normalised, bands 90/70/50/0, tie-breaks
/// lowestMonth then fewerLateMonths, one kind "department".
/// </summary>
internal sealed class TestCampaign
{
    private readonly Dictionary<string, List<Area>> frameworks = new(StringComparer.Ordinal);
    private readonly List<Award> awards = [];
    private int year = 2017, first = 1, last = 11, deadlineDay = 5;
    private LatePenalty late = new(0.5m, 5m);
    private decimal missing;
    private bool normalise = true;
    private TieBreak[] tieBreaks = [TieBreak.LowestMonth, TieBreak.FewerLateMonths];

    public static TestCampaign Create() => new();

    public TestCampaign Year(int value) { year = value; return this; }
    public TestCampaign Months(int firstMonth, int lastMonth) { first = firstMonth; last = lastMonth; return this; }
    public TestCampaign DeadlineDay(int day) { deadlineDay = day; return this; }
    public TestCampaign Late(decimal perDay, decimal cap) { late = new LatePenalty(perDay, cap); return this; }
    public TestCampaign MissingMonthScore(decimal score) { missing = score; return this; }
    public TestCampaign Normalise(bool value) { normalise = value; return this; }
    public TestCampaign TieBreaks(params TieBreak[] chain) { tieBreaks = chain; return this; }
    public TestCampaign Award(Award award) { awards.Add(award); return this; }

    /// <summary>Adds an area whose max is the sum of its criteria's maxima.</summary>
    public TestCampaign Area(string code, params Criterion[] criteria) => AreaOf("department", code, criteria);

    public TestCampaign AreaOf(string kind, string code, params Criterion[] criteria)
    {
        if (!frameworks.TryGetValue(kind, out var areas))
        {
            frameworks.Add(kind, areas = []);
        }

        areas.Add(new Area(code, Text(code), criteria.Sum(c => c.Max), criteria));
        return this;
    }

    public Campaign Build() => new()
    {
        Id = "test",
        Title = Text("test"),
        Year = year,
        FirstMonth = first,
        LastMonth = last,
        DeadlineDay = deadlineDay,
        Late = late,
        MissingMonthScore = missing,
        DisputeDays = 5,
        Normalise = normalise,
        Classification =
        [
            new ClassificationBand("excellent", Text("excellent"), 90m),
            new ClassificationBand("good", Text("good"), 70m),
            new ClassificationBand("fair", Text("fair"), 50m),
            new ClassificationBand("weak", Text("weak"), 0m),
        ],
        TieBreak = tieBreaks,
        UnitKinds = [.. frameworks.Keys.Select(k => new UnitKindDefinition(k, Text(k)))],
        Frameworks = frameworks.ToDictionary(
            f => f.Key,
            f => new Framework(f.Key, [.. f.Value.Select(a => a with { Criteria = [.. a.Criteria.Select(Resolve)] })]),
            StringComparer.Ordinal),
        Awards = awards,
        Committee = new CommitteeRules(0.67m, 0.7m, ThresholdBase.Present),
        Fingerprint = "test",
    };

    private Criterion Resolve(Criterion criterion) => criterion with
    {
        DueMonths = criterion.Frequency.MonthsWithin(first, last),
        Children = [.. criterion.Children.Select(Resolve)],
    };

    public static LocalizedText Text(string text) => new(text, text);
}

/// <summary>Criteria for tests; due months are resolved from the frequency when the campaign is built.</summary>
internal static class C
{
    public static Criterion Binary(string code, decimal max, Frequency? frequency = null) =>
        Leaf(code, max, new BinaryMethod(), frequency);

    public static Criterion Levels(string code, decimal max, params (string Code, decimal Points)[] options) =>
        Leaf(code, max, new LevelsMethod([.. options.Select(o => new LevelOption(o.Code, TestCampaign.Text(o.Code), o.Points))]));

    public static Criterion Proportional(string code, decimal max, decimal floor = 0m, WhenNoData whenNoData = WhenNoData.Zero) =>
        Leaf(code, max, new RatioMethod
        {
            Proportional = true,
            Floor = floor,
            WhenNoData = whenNoData,
            Numerator = TestCampaign.Text("n"),
            Denominator = TestCampaign.Text("d"),
        });

    public static Criterion RatioBands(string code, decimal max, WhenNoData whenNoData, params (decimal Min, decimal Points)[] bands) =>
        Leaf(code, max, new RatioMethod
        {
            Bands = [.. bands.Select(b => new Band(b.Min, b.Points))],
            WhenNoData = whenNoData,
            Numerator = TestCampaign.Text("n"),
            Denominator = TestCampaign.Text("d"),
        });

    public static Criterion Count(string code, decimal max, params (decimal Min, decimal Points)[] bands) =>
        Leaf(code, max, new CountMethod([.. bands.Select(b => new Band(b.Min, b.Points))]));

    public static Criterion Deduction(string code, decimal perOccurrence, decimal cap) =>
        Leaf(code, 0m, new DeductionMethod(perOccurrence, cap));

    public static Criterion Manual(string code, decimal max, decimal step = 0.01m, Frequency? frequency = null) =>
        Leaf(code, max, new ManualMethod(step), frequency);

    public static Criterion Parent(string code, params Criterion[] children) => new()
    {
        Code = code,
        Title = TestCampaign.Text(code),
        Max = children.Sum(c => c.Max),
        Frequency = Frequency.Monthly,
        DueMonths = new HashSet<int>(),
        Children = children,
    };

    public static Criterion Leaf(string code, decimal max, ScoringMethod method, Frequency? frequency = null) => new()
    {
        Code = code,
        Title = TestCampaign.Text(code),
        Max = max,
        Frequency = frequency ?? Frequency.Monthly,
        DueMonths = new HashSet<int>(),
        Method = method,
    };

    public static Frequency InMonths(params int[] months) => new(FrequencyKind.Months, months);
}

/// <summary>Builds a scoring input: units, then their months.</summary>
internal sealed class TestInput
{
    private readonly List<Competitor> units = [];
    private readonly List<MonthEntries> submissions = [];

    public static TestInput Create() => new();

    public TestInput Unit(string code, string block = "B1", string kind = "department")
    {
        units.Add(new Competitor(code, kind, block));
        return this;
    }

    /// <summary>A submission with no date (on time).</summary>
    public TestInput Month(string unit, int month, params CriterionAnswer[] entries) => Month(unit, month, null, null, entries);

    public TestInput Month(string unit, int month, DateOnly? submittedOn, DateOnly? deadline, params CriterionAnswer[] entries)
    {
        submissions.Add(new MonthEntries(unit, month, submittedOn, deadline, entries));
        return this;
    }

    public ScoringInput Build() => new([.. units], [.. submissions]);
}

/// <summary>Entries for tests.</summary>
internal static class E
{
    public static CriterionAnswer Yes(string code) => new(code, EntryValue.Binary(true));
    public static CriterionAnswer No(string code) => new(code, EntryValue.Binary(false));
    public static CriterionAnswer Level(string code, string option) => new(code, EntryValue.Level(option));
    public static CriterionAnswer Ratio(string code, decimal numerator, decimal denominator) => new(code, EntryValue.Ratio(numerator, denominator));
    public static CriterionAnswer Number(string code, decimal number) => new(code, new EntryValue(number));
}
