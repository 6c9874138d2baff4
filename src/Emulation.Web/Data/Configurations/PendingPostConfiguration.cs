using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class PendingPostConfiguration : IEntityTypeConfiguration<PendingPost>
{
    public void Configure(EntityTypeBuilder<PendingPost> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasMaxLength(32);
        builder.Property(p => p.Action).HasMaxLength(2048);
        builder.HasIndex(p => p.CreatedAtUtc);
    }
}
