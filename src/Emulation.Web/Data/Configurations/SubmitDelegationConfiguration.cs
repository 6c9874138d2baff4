using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class SubmitDelegationConfiguration : IEntityTypeConfiguration<SubmitDelegation>
{
    public void Configure(EntityTypeBuilder<SubmitDelegation> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.Property(d => d.UserName).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.Property(d => d.GrantedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.HasIndex(d => new { d.UnitId, d.UserId }).IsUnique();
        builder.HasOne<Unit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Cascade);
    }
}
