using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;
using Emulation.Web.Data.Seeding;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

public sealed class DemoHistorySeederTests(DemoHistorySeederTests.HistoryFactory factory) : IClassFixture<DemoHistorySeederTests.HistoryFactory>
{
    private const string CampaignId = DemoHistorySeeder.CampaignId;
    private const int October = 10;
    private const int November = 11;
    private static readonly DateOnly DemoToday = new(2017, 11, 28);

    [Fact]
    public async Task January_to_October_are_verified_locked_and_published_for_every_block_member()
    {
        var year = await factory.Year;

        foreach (var member in year.Members)
        {
            var months = year.Submissions.Where(s => s.UnitCode == member.Unit && s.Month <= October).ToList();
            Assert.Equal(Enumerable.Range(1, October), months.Select(s => s.Month).Order());
            Assert.All(months, s => Assert.Equal((SubmissionStatus.Locked, SubmissionStatus.Verified), (s.Status, s.LockedFrom)));
        }

        Assert.Equal(61, year.Members.Count);
    }

    [Fact]
    public async Task Every_submitted_month_answers_exactly_its_due_criteria_and_has_no_problem()
    {
        var year = await factory.Year;

        foreach (var submission in year.Submissions.Where(s => s.Status != SubmissionStatus.Draft))
        {
            var month = year.Framework(submission);
            Assert.Equal(month.DueLeaves.Select(l => l.Code).Order(StringComparer.Ordinal), submission.Entries.Select(e => e.Criterion).Order(StringComparer.Ordinal));
            Assert.Empty(submission.Problems(month));
        }
    }

    [Fact]
    public async Task The_demo_year_tells_the_verifiers_of_Novembers_submissions_only_and_reminds_nobody_on_the_demo_date()
    {
        var year = await factory.Year;
        await factory.Services.GetRequiredService<Infrastructure.Notifications.ReminderService>().RunOnce(CancellationToken.None);

        var notices = await factory.WithDb(db => db.Notifications.AsNoTracking().ToListAsync());

        Assert.Equal(
            year.Submissions.Where(s => s.Month == November && s.Status == SubmissionStatus.Submitted).Select(s => s.UnitCode).Order(StringComparer.Ordinal),
            notices.Select(n => n.UnitCode).Order(StringComparer.Ordinal));
        Assert.All(notices, n => Assert.Equal((NoticeKind.Submitted, NoticeAudience.Verifiers, November), (n.Kind, n.Audience, n.Month)));
        Assert.Equal(notices.Count, await factory.WithDb(db => db.OutboxMessages.CountAsync()));
    }

    [Fact]
    public async Task November_is_open_with_a_third_not_started_a_third_drafts_and_a_third_submitted()
    {
        var year = await factory.Year;
        var november = year.Submissions.Where(s => s.Month == November).ToList();
        var members = year.Members.Count;

        var drafts = november.Where(s => s.Status == SubmissionStatus.Draft).ToList();
        var submitted = november.Where(s => s.Status == SubmissionStatus.Submitted).ToList();
        Assert.Equal(november.Count, drafts.Count + submitted.Count);
        Assert.InRange(members - november.Count, members / 5, members / 2);
        Assert.InRange(drafts.Count, members / 5, members / 2);
        Assert.InRange(submitted.Count, members / 5, members / 2);
        foreach (var draft in drafts)
        {
            var due = year.Framework(draft).DueLeaves.Select(l => l.Code).ToHashSet();
            Assert.Subset(due, draft.Entries.Select(e => e.Criterion).ToHashSet());
            Assert.InRange(draft.Entries.Count, 0.35 * due.Count, 0.85 * due.Count);
        }

        Assert.All(submitted, s => Assert.InRange(s.FirstSubmittedOn!.Value, new DateOnly(2017, 11, 1), DemoToday.AddDays(-1)));
        Assert.Equal(SubmissionStatus.Draft, november.Single(s => s.UnitCode == "CHOGAO").Status);
        Assert.Equal(SubmissionStatus.Submitted, november.Single(s => s.UnitCode == "TANPHUOC").Status);
        Assert.DoesNotContain(november, s => s.UnitCode == "STP");
    }

    [Fact]
    public async Task Sở_Tư_pháp_leads_its_block_on_the_year_to_date_after_October()
    {
        var standings = (await factory.Year).RankAfterOctober();

        var stp = standings.Find("STP")!;
        Assert.Equal(1, stp.BlockRank);
        Assert.All(standings.Units.Where(u => u.Block == stp.Block && u.Unit != "STP"), u => Assert.True(u.BlockRank > 1));
    }

    [Fact]
    public async Task Two_communes_share_a_rank_with_the_same_score_and_tie_break_figures()
    {
        var standings = (await factory.Year).RankAfterOctober();

        var shared = standings.Units.GroupBy(u => (u.Block, u.BlockRank)).Where(g => g.Count() > 1).ToList();
        Assert.NotEmpty(shared);
        Assert.All(shared, g => Assert.Single(g.Select(u => (u.Score, u.LowestMonth, u.LateMonths)).Distinct()));
        var (first, second) = (standings.Find("TP-TANLAP1")!, standings.Find("TP-TANLAP2")!);
        Assert.Equal((first.Block, first.BlockRank, first.Score), (second.Block, second.BlockRank, second.Score));
    }

    [Fact]
    public async Task Chợ_Gạo_September_was_returned_corrected_by_the_staff_and_resubmitted()
    {
        var september = (await factory.Year).Submissions.Single(s => s.UnitCode == "CHOGAO" && s.Month == 9);
        var audit = await AuditOf("CHOGAO", 9);

        Assert.Equal((SubmissionStatus.Locked, SubmissionStatus.Verified), (september.Status, september.LockedFrom));
        Assert.Equal([1, 2], september.Versions.Select(v => v.Number).Order());
        var returned = Assert.Single(audit, a => a.Action == "submission.returned");
        var resubmitted = Assert.Single(audit, a => a.Action == "submission.resubmitted");
        Assert.Equal(("noivu", "chogao"), (returned.Who, resubmitted.Who));
        Assert.Contains(audit, a => a.Action == "entry.changed" && a.Who == "chogao.staff" && a.AtUtc > returned.AtUtc && a.AtUtc < resubmitted.AtUtc);
        var (first, second) = (september.Versions.Single(v => v.Number == 1), september.Versions.Single(v => v.Number == 2));
        Assert.NotEqual(first.Entries().Single(e => e.Criterion == "8.2.1.1").Denominator, second.Entries().Single(e => e.Criterion == "8.2.1.1").Denominator);
        Assert.Equal(0, september.DaysLate((await factory.Year).Framework(september)));
    }

    [Fact]
    public async Task Tân_Phước_August_was_adjusted_disputed_within_the_window_and_answered()
    {
        var year = await factory.Year;
        var august = year.Submissions.Single(s => s.UnitCode == "TANPHUOC" && s.Month == 8);
        var audit = await AuditOf("TANPHUOC", 8);

        Assert.Equal((SubmissionStatus.Locked, SubmissionStatus.Verified), (august.Status, august.LockedFrom));
        var dispute = Assert.Single(august.Disputes);
        Assert.Equal(("tanphuoc", "noivu", DisputeDecision.Changed), (dispute.LodgedBy, dispute.AnsweredBy, dispute.Decision));
        Assert.False(string.IsNullOrWhiteSpace(dispute.Answer));
        Assert.InRange(VietnamTime.DateOf(dispute.LodgedAtUtc), august.VerifiedOn!.Value, august.DisputeUntil(year.Framework(august))!.Value);
        Assert.Contains(audit, a => a.Action == "entry.adjusted" && a.Who == "noivu" && a.AtUtc < dispute.LodgedAtUtc);
        Assert.Single(audit, a => a.Action == "submission.disputes-answered");
        var entry = august.EntryFor(dispute.Criterion)!;
        Assert.Equal((entry.Value, entry.Denominator), entry.Final);
    }

    [Fact]
    public async Task A_few_months_are_late_and_one_deadline_was_extended_before_the_unit_submitted()
    {
        var year = await factory.Year;
        var history = year.Submissions.Where(s => s.Month <= October).ToList();

        var late = history.Where(s => s.DaysLate(year.Framework(s)) > 0).ToList();
        Assert.InRange(late.Count, 0.02 * history.Count, 0.06 * history.Count);
        Assert.All(late, s => Assert.InRange(s.DaysLate(year.Framework(s)), 1, 4));
        Assert.DoesNotContain(late, s => s.UnitCode == "STP");

        var extended = Assert.Single(year.Submissions, s => s.ExtendedDeadline is not null);
        var month = year.Framework(extended);
        Assert.True(extended.FirstSubmittedOn > month.Deadline);
        Assert.Equal(0, extended.DaysLate(month));
        Assert.False(string.IsNullOrWhiteSpace(extended.ExtensionReason));
        var extension = Assert.Single(await AuditOf(extended.UnitCode, extended.Month), a => a.Action == "submission.deadline-extended");
        Assert.True(extension.AtUtc < extended.FirstSubmittedAtUtc);
    }

    [Fact]
    public async Task About_one_verification_in_fifteen_adjusts_an_entry_with_a_reason()
    {
        var verified = (await factory.Year).Submissions.Where(s => s.VerifiedAtUtc is not null).ToList();

        var adjusted = verified.Where(s => s.Entries.Any(e => e.Adjusted)).ToList();
        Assert.InRange((double)adjusted.Count / verified.Count, 0.04, 0.1);
        Assert.All(adjusted.SelectMany(s => s.Entries.Where(e => e.Adjusted)), e =>
        {
            Assert.Equal("noivu", e.AdjustedBy);
            Assert.False(string.IsNullOrWhiteSpace(e.AdjustmentReason));
        });
    }

    [Fact]
    public async Task The_years_audit_lines_are_numbered_in_time_order()
    {
        await factory.Year;
        var history = await factory.WithDb(db => db.AuditEntries.Where(a => a.Entity.StartsWith("submission:"))
            .OrderBy(a => a.Id).Select(a => a.AtUtc).ToListAsync());

        Assert.True(history.Count > 1000);
        Assert.Equal(history.Order(), history);
    }

    [Fact]
    public async Task Every_transition_is_in_the_audit_log()
    {
        var submissions = (await factory.Year).Submissions;
        var actions = await factory.WithDb(db => db.AuditEntries
            .Where(a => a.Entity.StartsWith("submission:" + CampaignId + "/"))
            .GroupBy(a => a.Action)
            .Select(g => new { Action = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Action, g => g.Count));

        Assert.Equal(submissions.Count(s => s.VerifiedAtUtc is not null), actions["submission.verified"]);
        Assert.Equal(submissions.Count(s => s.FirstSubmittedAtUtc is not null), actions["submission.submitted"]);
        Assert.Equal(submissions.Count, actions["submission.draft-started"]);
        Assert.Equal(submissions.Sum(s => s.References.Count), actions["evidence.referenced"]);
        Assert.Equal(submissions.Count(s => s.VerifiedAtUtc is not null), submissions.Count(s => s.Month <= October));
    }

    [Fact]
    public async Task Everything_happens_on_working_days_in_office_hours_before_the_demo_date()
    {
        var year = await factory.Year;
        var times = await factory.WithDb(db => db.AuditEntries
            .Where(a => a.Entity.StartsWith("submission:" + CampaignId + "/"))
            .Select(a => a.AtUtc)
            .ToListAsync());

        Assert.All(times.Select(VietnamTime.ToLocal), local =>
        {
            Assert.InRange(local.TimeOfDay, TimeSpan.FromHours(8), TimeSpan.FromHours(16.5));
            Assert.True(local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday), $"{local} is a weekend");
            Assert.True(DateOnly.FromDateTime(local) < DemoToday, $"{local} is not before the demo date");
        });
        foreach (var submission in year.Submissions)
        {
            Assert.True(submission.FirstSubmittedAtUtc is null || VietnamTime.DateOf(submission.CreatedAtUtc) < VietnamTime.DateOf(submission.FirstSubmittedAtUtc.Value));
            if (submission.VerifiedAtUtc is { } verified)
            {
                Assert.InRange((VietnamTime.DateOf(verified).DayNumber - VietnamTime.DateOf(submission.LastSubmittedAtUtc!.Value).DayNumber), 2, 6);
            }

            Assert.All(submission.References, r =>
            {
                Assert.Equal((2017, submission.Month), (r.IssuedOn.Year, r.IssuedOn.Month));
                Assert.True(r.IssuedOn <= VietnamTime.DateOf(r.AddedAtUtc));
                Assert.Equal(submission.Unit!.NameVi, r.Issuer);
                Assert.Matches(@"^\d+/(BC|KH|QĐ|TB)-\S+$", r.Number);
            });
        }
    }

    [Fact]
    public async Task One_stop_figures_are_those_of_real_offices()
    {
        var year = await factory.Year;

        foreach (var submission in year.Submissions.Where(s => s.Status != SubmissionStatus.Draft))
        {
            var entry = submission.EntryFor("8.2.1.1")!;
            var (onTime, resolved) = (int.Parse(entry.Value!, System.Globalization.CultureInfo.InvariantCulture), int.Parse(entry.Denominator!, System.Globalization.CultureInfo.InvariantCulture));
            var (fewest, most) = submission.Unit!.KindCode switch
            {
                "district" => (800, 2000),
                "commune" => (20, 200),
                _ => (50, 600),
            };
            Assert.InRange(resolved, fewest, most);
            Assert.InRange((double)onTime / resolved, 0.875, 1);
        }
    }

    [Fact]
    public async Task A_second_start_on_the_same_database_writes_nothing_more()
    {
        _ = factory.Server;
        var before = await Counts(factory);

        using var second = new SameDatabaseFactory(factory.ConnectionString);
        _ = second.Server;

        Assert.Equal(before, await Counts(second));
        Assert.True(before.Submissions > 600);
    }

    [Fact]
    public async Task Without_DemoHistory_demo_mode_writes_no_submission()
    {
        using var plain = new EmulationFactory();
        Assert.False(plain.DemoHistory);

        _ = plain.Server;

        Assert.False(await plain.WithDb(db => db.Submissions.AnyAsync()));
        Assert.True(await plain.WithDb(db => db.Users.AnyAsync(u => u.UserName == "noivu")));
    }

    private Task<List<AuditEntry>> AuditOf(string unit, int month) =>
        factory.WithDb(db => db.AuditEntries.AsNoTracking()
            .Where(a => a.Entity == $"submission:{CampaignId}/{unit}/{month}" || a.Entity.StartsWith($"submission:{CampaignId}/{unit}/{month}/"))
            .ToListAsync());

    private static Task<(int Submissions, int Audit)> Counts(EmulationFactory app) =>
        app.WithDb(async db => (await db.Submissions.CountAsync(), await db.AuditEntries.CountAsync(a => a.Entity.StartsWith("submission:"))));

    /// <summary>The demo application with its history, and the year it wrote, read once for all the tests.</summary>
    public sealed class HistoryFactory : EmulationFactory
    {
        private readonly Lazy<Task<DemoYear>> year;

        public HistoryFactory()
        {
            year = new Lazy<Task<DemoYear>>(Read);
        }

        public override bool DemoHistory => true;

        public Task<DemoYear> Year => year.Value;

        private async Task<DemoYear> Read()
        {
            var campaign = Services.GetRequiredService<CampaignCatalog>().Find(CampaignId)!;
            var members = await WithDb(db => db.BlockMemberships.Where(m => m.CampaignId == CampaignId)
                .Select(m => new Competitor(m.Unit!.Code, m.Unit.KindCode, m.Block!.Code))
                .ToListAsync());
            var submissions = await WithDb(db => db.Submissions.AsNoTracking().AsSplitQuery()
                .Where(s => s.CampaignId == CampaignId)
                .Include(s => s.Unit)
                .Include(s => s.Entries)
                .Include(s => s.References)
                .Include(s => s.Files)
                .Include(s => s.Versions)
                .Include(s => s.Disputes)
                .ToListAsync());
            return new DemoYear(campaign, members, submissions);
        }
    }

    /// <summary>The demo campaign, its block members and every submission written, with their entries, evidence, versions and disputes.</summary>
    public sealed record DemoYear(Campaign Campaign, IReadOnlyList<Competitor> Members, IReadOnlyList<Submission> Submissions)
    {
        public MonthFramework Framework(Submission submission) => MonthFramework.For(Campaign, submission.Unit!.KindCode, submission.Month);

        /// <summary>The engine's standings on the appraised entries, year to date after October.</summary>
        public Standings RankAfterOctober() => ScoringEngine.Rank(Campaign, new ScoringInput(
            Members,
            [.. Submissions.Where(s => s.Month <= October).Select(s => s.ToEngine(Framework(s), appraised: true))]), October);
    }

    /// <summary>A second application on the database file of the first (not a copy).</summary>
    private sealed class SameDatabaseFactory(string connectionString) : EmulationFactory
    {
        public override bool DemoHistory => true;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Emulation", connectionString);
        }
    }
}
