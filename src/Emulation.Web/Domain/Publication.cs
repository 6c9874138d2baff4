namespace Emulation.Web.Domain;

/// <summary>
/// A published month (kết quả công bố): the snapshot the engine computed once when the month was
/// locked — per unit its appraised entries, month total, area subtotals, days late, the year to
/// date after the month, ranks and classification. Rankings and the public page read snapshots and
/// never recompute the past. A month published again (after a reopen, or because an earlier month
/// was republished) gets a new publication; the old one is kept, superseded, and the new one's
/// units carry the figures they replace.
/// </summary>
public sealed class Publication
{
    private readonly List<PublishedUnit> units = [];

    private Publication(string campaignId, int month, int number, string publishedBy, DateTime publishedAtUtc, string? reason)
    {
        CampaignId = campaignId;
        Month = month;
        Number = number;
        PublishedBy = publishedBy;
        PublishedAtUtc = publishedAtUtc;
        Reason = reason;
    }

    public int Id { get; private set; }
    public string CampaignId { get; private set; }
    public int Month { get; private set; }

    /// <summary>1 for the month's first publication, then one more each time it is published again.</summary>
    public int Number { get; private set; }

    public string PublishedBy { get; private set; }
    public DateTime PublishedAtUtc { get; private set; }

    /// <summary>Why it was published again (null for a first publication).</summary>
    public string? Reason { get; private set; }

    /// <summary>When a newer publication of the month replaced it (null: the current one).</summary>
    public DateTime? SupersededAtUtc { get; private set; }

    public bool IsCurrent => SupersededAtUtc is null;

    public IReadOnlyList<PublishedUnit> Units => units;

    public static Publication Create(string campaignId, int month, int number, string publishedBy, DateTime utcNow, string? reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return new Publication(campaignId, month, number, publishedBy, utcNow, reason);
    }

    public void Add(PublishedUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        units.Add(unit);
    }

    public void Supersede(DateTime utcNow)
    {
        if (!IsCurrent)
        {
            throw new DomainException("Publication.AlreadySuperseded", Month, Number);
        }

        SupersededAtUtc = utcNow;
    }
}

/// <summary>One unit in a published month: the figures as people read them, frozen.</summary>
public sealed class PublishedUnit
{
    private readonly List<PublishedEntry> entries = [];

    public int Id { get; private set; }
    public int PublicationId { get; private set; }
    public int UnitId { get; init; }
    public required string UnitCode { get; init; }
    public required string NameVi { get; init; }
    public required string NameEn { get; init; }
    public required string Kind { get; init; }
    public required string BlockCode { get; init; }
    public required string BlockTitleVi { get; init; }
    public required string BlockTitleEn { get; init; }

    /// <summary>No submission: the month scores the campaign's missing-month score and is late.</summary>
    public bool Missing { get; init; }

    public DateOnly? SubmittedOn { get; init; }

    /// <summary>The extended deadline when a verifier set one (null: the campaign's).</summary>
    public DateOnly? ExtendedDeadline { get; init; }

    public int DaysLate { get; init; }
    public bool Late { get; init; }
    public decimal MonthRaw { get; init; }
    public decimal MonthDueMax { get; init; }
    public decimal MonthLateness { get; init; }
    public decimal MonthTotal { get; init; }
    public int MonthBlockRank { get; init; }
    public int MonthOverallRank { get; init; }
    public required string MonthClassification { get; init; }

    /// <summary>The year to date after the month.</summary>
    public decimal YearScore { get; init; }

    public int YearLateMonths { get; init; }
    public decimal YearLowestMonth { get; init; }
    public int BlockRank { get; init; }
    public int OverallRank { get; init; }
    public required string Classification { get; init; }

    /// <summary>Area code → the month's subtotal and due maximum, and the year-to-date mean, as JSON (<see cref="PublishedArea"/>[]).</summary>
    public required string Areas { get; init; }

    /// <summary>The figures of the publication this one replaced (null for a first publication).</summary>
    public decimal? PreviousMonthTotal { get; init; }

    public decimal? PreviousYearScore { get; init; }
    public int? PreviousBlockRank { get; init; }
    public int? PreviousOverallRank { get; init; }

    public IReadOnlyList<PublishedEntry> Entries => entries;

    public void Add(PublishedEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entries.Add(entry);
    }

    public IReadOnlyList<PublishedArea> AreaFigures() =>
        System.Text.Json.JsonSerializer.Deserialize<List<PublishedArea>>(Areas, PublishedArea.Json) ?? [];
}

/// <summary>An area's figures in a published month.</summary>
public sealed record PublishedArea(string Code, decimal Subtotal, decimal DueMax, decimal YearMean)
{
    public static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);
}

/// <summary>
/// One appraised entry of a published month, with its points: what the entries export writes and
/// what the public page's per-criterion points read.
/// </summary>
public sealed class PublishedEntry
{
    public int Id { get; private set; }
    public int PublishedUnitId { get; private set; }
    public required string Criterion { get; init; }
    public string? Value { get; init; }
    public string? Denominator { get; init; }
    public decimal Points { get; init; }
    public decimal DueMax { get; init; }

    /// <summary>Whether the verifier changed the unit's inputs.</summary>
    public bool Adjusted { get; init; }
}
