using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class UnitKindConfiguration : IEntityTypeConfiguration<UnitKind>
{
    public void Configure(EntityTypeBuilder<UnitKind> builder)
    {
        builder.HasKey(k => k.Code);
        builder.Property(k => k.Code).HasMaxLength(32);
        builder.Property(k => k.NameVi).HasMaxLength(200);
        builder.Property(k => k.NameEn).HasMaxLength(200);
    }
}
