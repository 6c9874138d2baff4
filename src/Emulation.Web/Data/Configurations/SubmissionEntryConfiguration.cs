using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class SubmissionEntryConfiguration : IEntityTypeConfiguration<SubmissionEntry>
{
    public void Configure(EntityTypeBuilder<SubmissionEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Criterion).HasMaxLength(32);
        builder.Property(e => e.Value).HasMaxLength(Submission.MaxValueLength);
        builder.Property(e => e.Denominator).HasMaxLength(Submission.MaxValueLength);
        builder.Property(e => e.Note).HasMaxLength(Submission.MaxNoteLength);
        builder.Property(e => e.AppraisedValue).HasMaxLength(Submission.MaxValueLength);
        builder.Property(e => e.AppraisedDenominator).HasMaxLength(Submission.MaxValueLength);
        builder.Property(e => e.AdjustmentReason).HasMaxLength(Submission.MaxReasonLength);
        builder.Property(e => e.AdjustedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.Property(e => e.Finding).HasMaxLength(Submission.MaxReasonLength);
        builder.HasIndex(e => new { e.SubmissionId, e.Criterion }).IsUnique();
        builder.Ignore(e => e.Final);
    }
}
