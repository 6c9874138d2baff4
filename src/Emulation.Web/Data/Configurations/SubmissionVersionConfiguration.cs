using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class SubmissionVersionConfiguration : IEntityTypeConfiguration<SubmissionVersion>
{
    public void Configure(EntityTypeBuilder<SubmissionVersion> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.SubmittedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.HasIndex(v => new { v.SubmissionId, v.Number }).IsUnique();
    }
}
