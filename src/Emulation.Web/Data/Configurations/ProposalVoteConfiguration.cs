using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class ProposalVoteConfiguration : IEntityTypeConfiguration<ProposalVote>
{
    public void Configure(EntityTypeBuilder<ProposalVote> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Member).HasMaxLength(AuditEntry.MaxWhoLength);
        // One vote per member and candidate: the same vote posted twice is counted once.
        builder.HasIndex(v => new { v.CandidateId, v.Member }).IsUnique();
        builder.HasOne<ProposalCandidate>().WithMany().HasForeignKey(v => v.CandidateId).OnDelete(DeleteBehavior.Restrict);
    }
}
