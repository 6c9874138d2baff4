using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class BrandingConfiguration : IEntityTypeConfiguration<Branding>
{
    public void Configure(EntityTypeBuilder<Branding> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Province).HasMaxLength(Branding.MaxProvinceLength);
        builder.Property(b => b.IssuingBody).HasMaxLength(Branding.MaxIssuingBodyLength);
        builder.Property(b => b.HelpDeskPhone).HasMaxLength(Branding.MaxPhoneLength);
        builder.Property(b => b.HelpDeskEmail).HasMaxLength(Branding.MaxEmailLength);
        builder.Property(b => b.UpdatedBy).HasMaxLength(256);
        builder.Property(b => b.Version).IsConcurrencyToken();
    }
}
