using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class ProposalConfiguration : IEntityTypeConfiguration<Proposal>
{
    public void Configure(EntityTypeBuilder<Proposal> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.CampaignId).HasMaxLength(64);
        builder.Property(p => p.CampaignTitleVi).HasMaxLength(500);
        builder.Property(p => p.CampaignTitleEn).HasMaxLength(500);
        builder.Property(p => p.ForcedReason).HasMaxLength(Proposal.MaxReasonLength);
        builder.Property(p => p.Because).HasMaxLength(500);
        builder.Property(p => p.Basis).HasMaxLength(500);
        builder.Property(p => p.GeneratedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.Property(p => p.ClosedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.Property(p => p.DecidedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        // An application-managed version: SQLite has no rowversion.
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.CampaignId, p.Number }).IsUnique();
        builder.HasOne<StoredCampaign>().WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Candidates).WithOne().HasForeignKey(c => c.ProposalId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Votes).WithOne().HasForeignKey(v => v.ProposalId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Candidates).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Navigation(p => p.Votes).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(p => p.AuditName);
        builder.Ignore(p => p.Rules);
    }
}
