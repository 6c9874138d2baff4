using Emulation.Core.Scoring;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

/// <summary>The demo year, January–October published on first start through the publisher.</summary>
public sealed class PublishedDemoFactory : EmulationFactory
{
    public override bool DemoHistory => true;
}

/// <summary>
/// The test classes that share one demo year (writing it takes a while): they run one after the
/// other, and each reads what it checks from the current state, whatever ran before.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PublishedDemoYear : ICollectionFixture<PublishedDemoFactory>
{
    public const string Name = "Published demo year";
}

/// <summary>
/// Locking and publishing a month: the snapshot's figures are the engine's for the same entries;
/// refusals; reopening, re-appraising and publishing again, which publishes the later months anew.
/// </summary>
[Collection(PublishedDemoYear.Name)]
public sealed class MonthPublisherTests(PublishedDemoFactory factory)
{
    private const string CampaignId = AssessmentSupport.CampaignId;

    [Fact]
    public async Task The_demo_year_publishes_January_to_October_through_the_publisher()
    {
        var months = await factory.WithDb(db => db.Publications.Where(p => p.CampaignId == CampaignId && p.SupersededAtUtc == null)
            .Select(p => p.Month).OrderBy(m => m).ToListAsync());
        // Each of the 61 units' submissions of January–October was locked once (other tests reopen some later).
        var locked = await factory.WithDb(db => db.AuditEntries.Where(a => a.Action == "submission.locked" && a.Month <= 10 && a.Who == "noivu")
            .GroupBy(a => a.Month).Select(g => new { Month = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Month!.Value, g => g.Count));
        var november = await factory.WithDb(db => db.Submissions.AnyAsync(s => s.CampaignId == CampaignId && s.Month == 11 && s.Status == SubmissionStatus.Locked));

        Assert.Equal(Enumerable.Range(1, 10), months);
        Assert.All(Enumerable.Range(1, 10), m => Assert.True(locked.GetValueOrDefault(m) >= 61, $"month {m} was locked"));
        Assert.False(november);
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == MonthPublisher.MonthPublished && a.Month == 10 && a.Who == "noivu")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(10)]
    public async Task A_snapshots_figures_are_the_engines_for_the_same_entries(int month)
    {
        var campaign = factory.Campaign();
        var (input, _) = await Input(month);
        var year = ScoringEngine.Rank(campaign, input, month);
        var alone = ScoringEngine.RankMonth(campaign, input, month);

        var units = await factory.WithDb(db => db.PublishedUnits
            .Where(u => db.Publications.Any(p => p.Id == u.PublicationId && p.CampaignId == CampaignId && p.Month == month && p.SupersededAtUtc == null))
            .Include(u => u.Entries).ToListAsync());

        Assert.Equal(61, units.Count);
        foreach (var unit in units)
        {
            var ytd = year.Find(unit.UnitCode)!;
            var m = alone.Find(unit.UnitCode)!;
            Assert.Equal((ytd.Score, ytd.BlockRank, ytd.OverallRank, ytd.Classification, ytd.LateMonths, ytd.LowestMonth),
                (unit.YearScore, unit.BlockRank, unit.OverallRank, unit.Classification, unit.YearLateMonths, unit.YearLowestMonth));
            Assert.Equal((m.Score, m.BlockRank, m.OverallRank, m.Classification), (unit.MonthTotal, unit.MonthBlockRank, unit.MonthOverallRank, unit.MonthClassification));
            Assert.Equal(ytd.Areas.Values, unit.AreaFigures().Select(a => a.YearMean));
        }

        var tie = units.Where(u => u.BlockCode == "K-XA-TP").GroupBy(u => u.BlockRank).Where(g => g.Count() > 1).ToList();
        Assert.True(month < 10 || tie.Count > 0, "the demo year's twin communes share a rank");
    }

    [Fact]
    public async Task November_cannot_be_published_while_units_are_not_verified()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var publisher = scope.ServiceProvider.GetRequiredService<MonthPublisher>();

        var refused = await Assert.ThrowsAsync<DomainException>(() => publisher.Publish(factory.Campaign(), 11, "noivu", CancellationToken.None));

        Assert.Equal("Publish.NotVerified", refused.Key);
        var readiness = await publisher.Check(factory.Campaign(), 11, CancellationToken.None);
        Assert.Contains("CHOGAO", readiness.NotVerified);
        Assert.Contains("STP", readiness.NotVerified);
    }

    [Fact]
    public async Task Reopening_reappraising_and_publishing_again_keeps_the_old_snapshot_and_publishes_the_later_month_anew()
    {
        var campaign = factory.Campaign();
        var before = await Current(9, "CHOGAO");
        var octoberBefore = await Current(10, "CHOGAO");

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var publisher = scope.ServiceProvider.GetRequiredService<MonthPublisher>();
            var db = scope.ServiceProvider.GetRequiredService<EmulationDb>();
            var empty = await Assert.ThrowsAsync<DomainException>(() => publisher.Reopen(campaign, 9, " ", "admin", CancellationToken.None));
            Assert.Equal("Reason.Required", empty.Key);
            await publisher.Reopen(campaign, 9, "Sai số liệu một cửa của huyện Chợ Gạo", "admin", CancellationToken.None);
            await db.SaveChangesAsync();
        }

        // Reopened: the public figures are still the first publication's.
        Assert.Equal(before.Id, (await Current(9, "CHOGAO")).Id);
        var onTime = factory.Month("district", 9).DueLeaves.First(c => c.Method is Emulation.Core.Campaigns.RatioMethod).Code;
        await factory.Act("CHOGAO", 9, (s, m, now) => s.Reappraise(m, [new Adjustment(onTime, "0", "10", "Hồ sơ trễ hạn chưa được tính đúng")], "noivu", now));
        var publicClient = factory.CreateBrowserlikeClient();
        Assert.Equal(Vi(before.MonthTotal), await PublicTotal(publicClient));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var publisher = scope.ServiceProvider.GetRequiredService<MonthPublisher>();
            var db = scope.ServiceProvider.GetRequiredService<EmulationDb>();
            var again = await publisher.Publish(campaign, 9, "noivu", CancellationToken.None);
            await db.SaveChangesAsync();
            Assert.Equal(2, again.Number);
        }

        var after = await Current(9, "CHOGAO");
        Assert.True(after.MonthTotal < before.MonthTotal);
        Assert.Equal(Vi(after.MonthTotal), await PublicTotal(publicClient));
        Assert.Equal(before.MonthTotal, after.PreviousMonthTotal);
        Assert.Equal(before.YearScore, after.PreviousYearScore);
        var october = await Current(10, "CHOGAO");
        Assert.NotEqual(octoberBefore.Id, october.Id);
        Assert.True(october.YearScore < octoberBefore.YearScore);
        Assert.Equal(octoberBefore.MonthTotal, october.MonthTotal);
        var old = await factory.WithDb(db => db.Publications.SingleAsync(p => p.CampaignId == CampaignId && p.Month == 9 && p.Number == 1));
        Assert.NotNull(old.SupersededAtUtc);
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == MonthPublisher.MonthReopened && a.Month == 9 && a.Who == "admin")));
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == MonthPublisher.MonthRepublished && a.Month == 10)));
        Assert.Equal(SubmissionStatus.Locked, (await factory.Stored("CHOGAO", 9))!.Status);
    }

    [Fact]
    public async Task A_month_with_an_open_dispute_cannot_be_locked()
    {
        var campaign = factory.Campaign();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<EmulationDb>();
            await scope.ServiceProvider.GetRequiredService<MonthPublisher>().Reopen(campaign, 8, "Kiểm tra giải trình", "admin", CancellationToken.None);
            await db.SaveChangesAsync();
        }

        var code = factory.Month("district", 8).DueLeaves[0].Code;
        await factory.Act("TANPHUOC", 8, (s, m, now) => s.Dispute(m, [new DisputeInput(code, "Số liệu chưa đúng")], "tanphuoc", s.VerifiedAtUtc!.Value.AddHours(1)));

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() =>
                scope.ServiceProvider.GetRequiredService<MonthPublisher>().Publish(campaign, 8, "noivu", CancellationToken.None));
            Assert.Equal("Lock.OpenDispute", refused.Key);
            Assert.Contains("TANPHUOC", refused.Arguments[0].ToString(), StringComparison.Ordinal);
        }
    }

    private static string Vi(decimal points) => points.ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("vi-VN"));

    /// <summary>Chợ Gạo's September total as the public page shows it.</summary>
    private static async Task<string> PublicTotal(HttpClient client) =>
        (await client.GetDocument("/Public/Unit/CHOGAO?month=9&period=month")).QuerySelector(".big-score strong")!.TextContent;

    private Task<PublishedUnit> Current(int month, string unit) =>
        factory.WithDb(db => db.PublishedUnits.SingleAsync(u => u.UnitCode == unit
            && db.Publications.Any(p => p.Id == u.PublicationId && p.CampaignId == CampaignId && p.Month == month && p.SupersededAtUtc == null)));

    /// <summary>The engine's input from the appraised submissions of the months up to <paramref name="month"/>.</summary>
    private async Task<(ScoringInput Input, int Count)> Input(int month)
    {
        var campaign = factory.Campaign();
        return await factory.WithDb(async db =>
        {
            var members = await db.BlockMemberships.Where(m => m.CampaignId == CampaignId)
                .Select(m => new Competitor(m.Unit!.Code, m.Unit.KindCode, m.Block!.Code)).ToListAsync();
            var kinds = members.ToDictionary(m => m.Unit, m => m.Kind);
            var submissions = await db.Submissions.AsNoTracking().Include(s => s.Entries)
                // A month another test reopened keeps its appraised values until they change: read them whatever the state.
                .Where(s => s.CampaignId == CampaignId && s.Month <= month
                    && (s.Status == SubmissionStatus.Locked || s.Status == SubmissionStatus.Verified || s.Status == SubmissionStatus.Disputed)
                    && (s.LockedFrom == null || s.LockedFrom != SubmissionStatus.Missing))
                .ToListAsync();
            var entries = submissions.Select(s => s.ToEngine(MonthFramework.For(campaign, kinds[s.UnitCode], s.Month), appraised: true)).ToList();
            return (new ScoringInput(members, entries), entries.Count);
        });
    }
}
