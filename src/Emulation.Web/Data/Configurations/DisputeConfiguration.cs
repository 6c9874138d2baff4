using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Criterion).HasMaxLength(32);
        builder.Property(d => d.Reason).HasMaxLength(Submission.MaxReasonLength);
        builder.Property(d => d.LodgedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.Property(d => d.Answer).HasMaxLength(Submission.MaxReasonLength);
        builder.Property(d => d.AnsweredBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.Ignore(d => d.IsOpen);
    }
}
