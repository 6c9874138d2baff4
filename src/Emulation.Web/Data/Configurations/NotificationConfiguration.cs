using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.HasKey(n => n.Id);
        builder.Property(n => n.UnitCode).HasMaxLength(32);
        builder.Property(n => n.CampaignId).HasMaxLength(64);
        builder.Property(n => n.Key).HasMaxLength(Notification.MaxKeyLength);
        builder.Property(n => n.TextKey).HasMaxLength(Notification.MaxTextKeyLength);
        builder.Property(n => n.Arguments).HasMaxLength(Notification.MaxArgumentsLength);
        builder.Ignore(n => n.Link);
        // A reminder is sent once: a second insert of the same key fails, whichever server tries it.
        builder.HasIndex(n => n.Key).IsUnique();
        // The shell's unread count: a unit's notices, or the verifiers'.
        builder.HasIndex(n => new { n.Audience, n.UnitCode });
        builder.HasOne<Unit>().WithMany().HasForeignKey(n => n.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
