using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class StoredCampaignConfiguration : IEntityTypeConfiguration<StoredCampaign>
{
    public void Configure(EntityTypeBuilder<StoredCampaign> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(64);
        builder.Property(c => c.TitleVi).HasMaxLength(500);
        builder.Property(c => c.TitleEn).HasMaxLength(500);
        builder.Property(c => c.Fingerprint).HasMaxLength(64);
    }
}
