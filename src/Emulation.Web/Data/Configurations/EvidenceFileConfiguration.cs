using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Criterion).HasMaxLength(32);
        builder.Property(f => f.Sha256).HasMaxLength(64);
        builder.Property(f => f.FileName).HasMaxLength(EvidenceFile.MaxFileNameLength);
        builder.Property(f => f.ContentType).HasMaxLength(128);
        builder.Property(f => f.UploadedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.HasIndex(f => new { f.SubmissionId, f.Criterion });
        builder.HasIndex(f => f.Sha256);
    }
}
