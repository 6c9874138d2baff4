using Emulation.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class UserProfileConfiguration : IEntityTypeConfiguration<UserProfile>
{
    public void Configure(EntityTypeBuilder<UserProfile> builder)
    {
        builder.HasKey(p => p.UserId);
        builder.HasOne<IdentityUser>().WithOne().HasForeignKey<UserProfile>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.DisplayName).HasMaxLength(UserProfile.MaxDisplayNameLength);
        builder.Property(p => p.Position).HasMaxLength(UserProfile.MaxPositionLength);
        builder.Property(p => p.DisabledBy).HasMaxLength(AuditEntry.MaxWhoLength);
        builder.Ignore(p => p.IsDisabled);
    }
}
