using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class PublishedUnitConfiguration : IEntityTypeConfiguration<PublishedUnit>
{
    public void Configure(EntityTypeBuilder<PublishedUnit> builder)
    {
        builder.HasKey(u => u.Id);
        builder.Property(u => u.UnitCode).HasMaxLength(32);
        builder.Property(u => u.NameVi).HasMaxLength(300);
        builder.Property(u => u.NameEn).HasMaxLength(300);
        builder.Property(u => u.Kind).HasMaxLength(32);
        builder.Property(u => u.BlockCode).HasMaxLength(32);
        builder.Property(u => u.BlockTitleVi).HasMaxLength(300);
        builder.Property(u => u.BlockTitleEn).HasMaxLength(300);
        builder.Property(u => u.MonthClassification).HasMaxLength(64);
        builder.Property(u => u.Classification).HasMaxLength(64);
        builder.HasIndex(u => new { u.PublicationId, u.UnitCode }).IsUnique();
        builder.HasMany(u => u.Entries).WithOne().HasForeignKey(e => e.PublishedUnitId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(u => u.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
