using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data;

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(64);
        builder.Property(c => c.TitleVi).HasMaxLength(500);
        builder.Property(c => c.TitleEn).HasMaxLength(500);
        builder.Property(c => c.Fingerprint).HasMaxLength(64);
    }
}

internal sealed class UnitKindConfiguration : IEntityTypeConfiguration<UnitKind>
{
    public void Configure(EntityTypeBuilder<UnitKind> builder)
    {
        builder.HasKey(k => k.Code);
        builder.Property(k => k.Code).HasMaxLength(32);
        builder.Property(k => k.NameVi).HasMaxLength(200);
        builder.Property(k => k.NameEn).HasMaxLength(200);
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Code).HasMaxLength(32);
        builder.HasIndex(u => u.Code).IsUnique();
        builder.Property(u => u.NameVi).HasMaxLength(300);
        builder.Property(u => u.NameEn).HasMaxLength(300);
        builder.Property(u => u.KindCode).HasMaxLength(32);
        builder.HasOne(u => u.Kind).WithMany().HasForeignKey(u => u.KindCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(u => u.Parent).WithMany().HasForeignKey(u => u.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BlockConfiguration : IEntityTypeConfiguration<Block>
{
    public void Configure(EntityTypeBuilder<Block> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.CampaignId).HasMaxLength(64);
        builder.Property(b => b.Code).HasMaxLength(32);
        builder.Property(b => b.TitleVi).HasMaxLength(300);
        builder.Property(b => b.TitleEn).HasMaxLength(300);
        builder.HasIndex(b => new { b.CampaignId, b.Code }).IsUnique();
        builder.HasOne<Campaign>().WithMany().HasForeignKey(b => b.CampaignId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(b => b.Memberships).WithOne(m => m.Block).HasForeignKey(m => m.BlockId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(b => b.Memberships).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class BlockMembershipConfiguration : IEntityTypeConfiguration<BlockMembership>
{
    public void Configure(EntityTypeBuilder<BlockMembership> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.CampaignId).HasMaxLength(64);
        // A unit is ranked in one block per campaign.
        builder.HasIndex(m => new { m.CampaignId, m.UnitId }).IsUnique();
        builder.HasOne(m => m.Unit).WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.CampaignId).HasMaxLength(64);
        builder.HasIndex(s => new { s.CampaignId, s.UnitId, s.Month }).IsUnique();
        builder.HasOne(s => s.Unit).WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Campaign).WithMany().HasForeignKey(s => s.CampaignId).OnDelete(DeleteBehavior.Restrict);
    }
}

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
    }
}
