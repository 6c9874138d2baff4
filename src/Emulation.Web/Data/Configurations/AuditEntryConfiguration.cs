using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Who).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Entity).HasMaxLength(256);
        builder.Property(a => a.Reason).HasMaxLength(2000);
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.UnitId, a.Month });
        // The audit page filters, counts and pages by person, by action and by month alone, and
        // lists the actions present; each index also orders its lines by id (the rowid).
        builder.HasIndex(a => a.Who);
        builder.HasIndex(a => a.Action);
        builder.HasIndex(a => a.Month);
    }
}
