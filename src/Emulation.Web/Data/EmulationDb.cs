using Emulation.Web.Domain;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Data;

/// <summary>
/// The application's database: the domain and ASP.NET Core Identity side by side, with the
/// data-protection keys every server shares. This type carries the SQLite migrations;
/// <see cref="PostgreSqlEmulationDb"/> derives from it to carry PostgreSQL's (one context type per
/// provider, as EF Core documents for migrations with several providers).
/// </summary>
public class EmulationDb : IdentityDbContext<IdentityUser>, IDataProtectionKeyContext
{
    public EmulationDb(DbContextOptions<EmulationDb> options)
        : base(options)
    {
    }

    /// <summary>For the provider's derived context.</summary>
    protected EmulationDb(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<StoredCampaign> Campaigns => Set<StoredCampaign>();
    public DbSet<UnitKind> UnitKinds => Set<UnitKind>();
    public DbSet<Unit> Units => Set<Unit>();
    public DbSet<Block> Blocks => Set<Block>();
    public DbSet<BlockMembership> BlockMemberships => Set<BlockMembership>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<SubmissionEntry> SubmissionEntries => Set<SubmissionEntry>();
    public DbSet<SubmissionVersion> SubmissionVersions => Set<SubmissionVersion>();
    public DbSet<Dispute> Disputes => Set<Dispute>();
    public DbSet<EvidenceFile> EvidenceFiles => Set<EvidenceFile>();
    public DbSet<EvidenceReference> EvidenceReferences => Set<EvidenceReference>();
    public DbSet<SubmitDelegation> SubmitDelegations => Set<SubmitDelegation>();
    public DbSet<Infrastructure.PendingPost> PendingPosts => Set<Infrastructure.PendingPost>();
    public DbSet<Publication> Publications => Set<Publication>();
    public DbSet<PublishedUnit> PublishedUnits => Set<PublishedUnit>();
    public DbSet<PublishedEntry> PublishedEntries => Set<PublishedEntry>();
    public DbSet<Proposal> Proposals => Set<Proposal>();
    public DbSet<ProposalCandidate> ProposalCandidates => Set<ProposalCandidate>();
    public DbSet<ProposalVote> ProposalVotes => Set<ProposalVote>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationRead> NotificationReads => Set<NotificationRead>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<UserProfile> UserProfiles => Set<UserProfile>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<Branding> Brandings => Set<Branding>();
    public DbSet<Infrastructure.Lease> Leases => Set<Infrastructure.Lease>();

    /// <summary>The keys protecting sign-in cookies and antiforgery tokens, shared by every server.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(EmulationDb).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Every enum is stored by name, so the database reads the same after members are added.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
        // Instants are stored in UTC; SQLite hands them back unmarked, so mark them on the way in.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    public sealed override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        WriteAuditRecords();
        RefuseAuditChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public sealed override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        WriteAuditRecords();
        RefuseAuditChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Written as UTC (PostgreSQL's timestamptz takes nothing else; SQLite stores the same text).
    private sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    /// <summary>What audited entities recorded about themselves becomes audit lines of the same save.</summary>
    private void WriteAuditRecords()
    {
        var records = ChangeTracker.Entries().Select(e => e.Entity).OfType<IAudited>().SelectMany(e => e.TakeAuditRecords()).ToList();
        AuditEntries.AddRange(records.OrderBy(r => r.AtUtc).Select(AuditEntry.From));
    }

    private void RefuseAuditChanges()
    {
        if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The audit log is append-only: entries are never changed or deleted.");
        }
    }
}
