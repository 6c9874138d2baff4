using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class PublicationConfiguration : IEntityTypeConfiguration<Publication>
{
    public void Configure(EntityTypeBuilder<Publication> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.CampaignId).HasMaxLength(64);
        builder.Property(p => p.PublishedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.Property(p => p.Reason).HasMaxLength(Submission.MaxReasonLength);
        builder.HasIndex(p => new { p.CampaignId, p.Month, p.Number }).IsUnique();
        builder.HasIndex(p => new { p.CampaignId, p.SupersededAtUtc });
        builder.HasOne<StoredCampaign>().WithMany().HasForeignKey(p => p.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Units).WithOne().HasForeignKey(u => u.PublicationId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(p => p.Units).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(p => p.IsCurrent);
    }
}
