using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class EvidenceReferenceConfiguration : IEntityTypeConfiguration<EvidenceReference>
{
    public void Configure(EntityTypeBuilder<EvidenceReference> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Criterion).HasMaxLength(32);
        builder.Property(r => r.Number).HasMaxLength(EvidenceReference.MaxNumberLength);
        builder.Property(r => r.Issuer).HasMaxLength(EvidenceReference.MaxIssuerLength);
        builder.Property(r => r.AddedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.HasIndex(r => new { r.SubmissionId, r.Criterion });
    }
}
