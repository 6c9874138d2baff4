using Emulation.Core.Campaigns;
using Emulation.Core.Entries;
using Emulation.Core.Scoring;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Emulation.Web.Pages.Rankings;

/// <summary>A campaign's published months as the rankings, the public page and the exports read them.</summary>
/// <param name="Campaign">The campaign.</param>
/// <param name="Months">Month → its current publication's units, in overall year-to-date rank order (equal ranks by code).</param>
/// <param name="Publications">Month → the current publication's number and date.</param>
public sealed record PublishedYear(
    Campaign Campaign,
    IReadOnlyDictionary<int, IReadOnlyList<PublishedUnit>> Months,
    IReadOnlyDictionary<int, (int Number, DateTime PublishedAtUtc)> Publications)
{
    // What is computed from the year is computed once per cached year: the publications never
    // change under it (a new publication makes a new year).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, ScoringInput> inputs = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Unit, int Month, bool Alone), UnitExplanation> explanations = new();

    /// <summary>The published months, in order.</summary>
    public IReadOnlyList<int> PublishedMonths => [.. Months.Keys.Order()];

    /// <summary>The last published month, or null when nothing is published.</summary>
    public int? LastMonth => Months.Count == 0 ? null : Months.Keys.Max();

    public IReadOnlyList<PublishedUnit>? Of(int month) => Months.GetValueOrDefault(month);

    /// <summary>
    /// The engine's input as the publications hold it: every unit that competes, and the appraised
    /// entries of the published months up to <paramref name="month"/>. Ranking it gives the
    /// snapshots' figures; it is also what the entries export writes.
    /// </summary>
    public ScoringInput Input(int month) => inputs.GetOrAdd(month, Build);

    /// <summary>The engine's explanation of a unit for the month alone or the year to date after it, computed once.</summary>
    public UnitExplanation Explain(string unit, int month, bool alone) =>
        explanations.GetOrAdd((unit, month, alone), key => key.Alone
            ? ScoringEngine.Explain(Campaign, Input(key.Month), key.Unit, month: key.Month)
            : ScoringEngine.Explain(Campaign, Input(key.Month), key.Unit, throughMonth: key.Month));

    private ScoringInput Build(int month)
    {
        var units = Months[month];
        var months = new List<MonthEntries>();
        foreach (var (m, published) in Months.Where(p => p.Key <= month).OrderBy(p => p.Key))
        {
            foreach (var unit in published.Where(u => !u.Missing))
            {
                var framework = MonthFramework.For(Campaign, unit.Kind, m);
                var answers = new List<CriterionAnswer>();
                foreach (var entry in unit.Entries)
                {
                    if (framework.FindDue(entry.Criterion) is { } criterion && EntryCheck.Value(criterion, entry.Value, entry.Denominator, out var value) is null)
                    {
                        answers.Add(new CriterionAnswer(entry.Criterion, value));
                    }
                }

                months.Add(new MonthEntries(unit.UnitCode, m, unit.SubmittedOn, unit.ExtendedDeadline, answers));
            }
        }

        return new ScoringInput([.. units.Select(u => new Competitor(u.UnitCode, u.Kind, u.BlockCode))], months);
    }

    /// <summary>The published months' appraised entries as <c>entries.csv</c> rows, month by month, unit by unit.</summary>
    public IEnumerable<EntriesRow> EntriesRows()
    {
        foreach (var (month, units) in Months.OrderBy(p => p.Key))
        {
            foreach (var unit in units.OrderBy(u => u.UnitCode, StringComparer.Ordinal))
            {
                var framework = Campaign.FrameworkFor(unit.Kind);
                foreach (var entry in unit.Entries.Where(e => e.Value is not null && framework?.Find(e.Criterion)?.IsLeaf == true))
                {
                    yield return new EntriesRow(unit.UnitCode, unit.NameVi, unit.Kind, unit.BlockCode, month, entry.Criterion, entry.Value!,
                        entry.Denominator, unit.SubmittedOn, unit.ExtendedDeadline);
                }
            }
        }
    }
}

/// <summary>
/// Reads the current publications of a campaign, once: the result is cached under a stamp of the
/// publications (the highest id and the count of current ones), which moves with every publish and
/// republish on any server, so a cached year is never stale and a reopened month keeps its snapshot.
/// </summary>
public sealed class PublishedResults(EmulationDb db, IMemoryCache cache)
{
    public async Task<PublishedYear> Year(Campaign campaign, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        var stamp = await db.Publications.Where(p => p.CampaignId == campaign.Id)
            .GroupBy(p => 1)
            .Select(g => new { Max = g.Max(p => p.Id), Count = g.Count(p => p.SupersededAtUtc == null) })
            .SingleOrDefaultAsync(ct);
        var key = $"published:{campaign.Id}:{campaign.Fingerprint}:{stamp?.Max ?? 0}:{stamp?.Count ?? 0}";
        if (cache.TryGetValue(key, out PublishedYear? year) && year is not null)
        {
            return year;
        }

        var publications = await db.Publications.AsNoTracking()
            .Where(p => p.CampaignId == campaign.Id && p.SupersededAtUtc == null)
            .Include(p => p.Units).ThenInclude(u => u.Entries)
            .AsSplitQuery()
            .ToListAsync(ct);
        year = new PublishedYear(
            campaign,
            publications.ToDictionary(p => p.Month, p => (IReadOnlyList<PublishedUnit>)[.. p.Units.OrderBy(u => u.OverallRank).ThenBy(u => u.UnitCode, StringComparer.Ordinal)]),
            publications.ToDictionary(p => p.Month, p => (p.Number, p.PublishedAtUtc)));
        cache.Set(key, year, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromHours(1), Size = 1 });
        return year;
    }
}
