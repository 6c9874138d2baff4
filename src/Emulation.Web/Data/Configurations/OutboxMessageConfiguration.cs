using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Emulation.Web.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.To).HasMaxLength(OutboxMessage.MaxToLength);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.MaxSubjectLength);
        builder.Property(m => m.Body).HasMaxLength(OutboxMessage.MaxBodyLength);
        builder.Property(m => m.LastError).HasMaxLength(OutboxMessage.MaxErrorLength);
        // Taking an attempt moves it on: of two senders, the second one's save is refused.
        builder.Property(m => m.Attempts).IsConcurrencyToken();
        builder.Ignore(m => m.HasAddress);
        builder.Ignore(m => m.GivenUp);
        builder.HasOne(m => m.Notification).WithOne().HasForeignKey<OutboxMessage>(m => m.NotificationId).OnDelete(DeleteBehavior.Cascade);
        // What is left to send.
        builder.HasIndex(m => m.SentAtUtc);
    }
}
