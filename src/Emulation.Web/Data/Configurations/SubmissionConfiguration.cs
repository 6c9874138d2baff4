using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.CampaignId).HasMaxLength(64);
        builder.Property(s => s.UnitCode).HasMaxLength(32);
        builder.Property(s => s.UpdatedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.Property(s => s.LastSubmittedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.Property(s => s.ReturnedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.Property(s => s.VerifiedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.Property(s => s.ExtensionReason).HasMaxLength(Submission.MaxReasonLength);
        builder.Property(s => s.MissingReason).HasMaxLength(Submission.MaxReasonLength);
        // An application-managed version: SQLite has no rowversion.
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => new { s.CampaignId, s.UnitId, s.Month }).IsUnique();
        builder.HasIndex(s => new { s.CampaignId, s.Month, s.Status });
        builder.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StoredCampaign>().WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Restrict);

        builder.HasMany(s => s.Entries).WithOne().HasForeignKey(e => e.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Versions).WithOne().HasForeignKey(v => v.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Disputes).WithOne().HasForeignKey(d => d.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Files).WithOne().HasForeignKey(f => f.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.References).WithOne().HasForeignKey(r => r.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        foreach (var collection in new[] { nameof(Submission.Entries), nameof(Submission.Versions), nameof(Submission.Disputes), nameof(Submission.Files), nameof(Submission.References) })
        {
            builder.Navigation(collection).UsePropertyAccessMode(PropertyAccessMode.Field);
        }

        builder.Ignore(s => s.AuditName);
        builder.Ignore(s => s.IsEditableByUnit);
    }
}
