using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

public sealed class AuditLogTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    [Fact]
    public async Task The_writer_stamps_the_business_time_and_saves_with_the_unit_of_work()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var db = scope.ServiceProvider.GetRequiredService<Data.EmulationDb>();
        var clock = scope.ServiceProvider.GetRequiredService<BusinessClock>();

        var entry = audit.Write("noivu", "test.action", "unit:CHOGAO", "1", "2", "a reason");
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == "test.action"));
        await db.SaveChangesAsync();

        var stored = await factory.WithDb(d => d.AuditEntries.SingleAsync(a => a.Action == "test.action"));
        Assert.Equal(entry.Id, stored.Id);
        Assert.Equal(("noivu", "unit:CHOGAO", "1", "2", "a reason"), (stored.Who, stored.Entity, stored.OldValue, stored.NewValue, stored.Reason));
        Assert.Equal(clock.Today.Year, stored.AtUtc.Year);
        Assert.InRange(stored.AtUtc, clock.UtcNow.AddMinutes(-1), clock.UtcNow);
    }

    [Fact]
    public async Task Audit_entries_can_be_neither_changed_nor_deleted()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        var db = scope.ServiceProvider.GetRequiredService<Data.EmulationDb>();
        var entry = audit.Write("admin", "test.append-only", "x", null, null, null);
        await db.SaveChangesAsync();

        db.AuditEntries.Remove(entry);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }
}
