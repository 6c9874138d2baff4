using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class ProposalCandidateConfiguration : IEntityTypeConfiguration<ProposalCandidate>
{
    public void Configure(EntityTypeBuilder<ProposalCandidate> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Award).HasMaxLength(64);
        builder.Property(c => c.UnitCode).HasMaxLength(32);
        builder.Property(c => c.NameVi).HasMaxLength(300);
        builder.Property(c => c.NameEn).HasMaxLength(300);
        builder.Property(c => c.Kind).HasMaxLength(32);
        builder.Property(c => c.Block).HasMaxLength(32);
        builder.Property(c => c.BlockTitleVi).HasMaxLength(300);
        builder.Property(c => c.BlockTitleEn).HasMaxLength(300);
        builder.Property(c => c.Classification).HasMaxLength(64);
        builder.Property(c => c.Recused).HasMaxLength(2000);
        builder.HasIndex(c => new { c.ProposalId, c.Award, c.UnitCode }).IsUnique();
        builder.Ignore(c => c.RecusedMembers);
    }
}
