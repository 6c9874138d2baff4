using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class BlockConfiguration : IEntityTypeConfiguration<Block>
{
    public void Configure(EntityTypeBuilder<Block> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.CampaignId).HasMaxLength(64);
        builder.Property(b => b.Code).HasMaxLength(32);
        builder.Property(b => b.TitleVi).HasMaxLength(300);
        builder.Property(b => b.TitleEn).HasMaxLength(300);
        builder.HasIndex(b => new { b.CampaignId, b.Code }).IsUnique();
        builder.HasOne<StoredCampaign>().WithMany().HasForeignKey(b => b.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(b => b.Memberships).WithOne(m => m.Block).HasForeignKey(m => m.BlockId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Memberships).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
