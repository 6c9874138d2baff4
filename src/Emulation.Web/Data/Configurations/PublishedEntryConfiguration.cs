using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class PublishedEntryConfiguration : IEntityTypeConfiguration<PublishedEntry>
{
    public void Configure(EntityTypeBuilder<PublishedEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Criterion).HasMaxLength(32);
        builder.Property(e => e.Value).HasMaxLength(Submission.MaxValueLength);
        builder.Property(e => e.Denominator).HasMaxLength(Submission.MaxValueLength);
        builder.HasIndex(e => e.PublishedUnitId);
    }
}
