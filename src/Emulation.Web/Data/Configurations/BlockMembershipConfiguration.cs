using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class BlockMembershipConfiguration : IEntityTypeConfiguration<BlockMembership>
{
    public void Configure(EntityTypeBuilder<BlockMembership> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.CampaignId).HasMaxLength(64);
        // A unit is ranked in one block per campaign.
        builder.HasIndex(m => new { m.CampaignId, m.UnitId }).IsUnique();
        builder.HasOne(m => m.Unit).WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
