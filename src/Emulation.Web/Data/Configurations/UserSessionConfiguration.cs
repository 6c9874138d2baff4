using Emulation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(32);
        builder.HasOne<IdentityUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(s => s.UserName).HasMaxLength(256);
        builder.Property(s => s.UserAgent).HasMaxLength(UserSession.MaxUserAgentLength);
        builder.Property(s => s.Address).HasMaxLength(UserSession.MaxAddressLength);
        builder.Property(s => s.EndedBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.Property(s => s.EndReason).HasMaxLength(64);
        builder.Ignore(s => s.IsOpen);
        builder.HasIndex(s => new { s.UserId, s.EndedAtUtc });
    }
}
