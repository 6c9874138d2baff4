using System.Runtime.CompilerServices;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Emulation.Web.Infrastructure.Notifications;

/// <summary>
/// Turns the workflow's audit lines into notices in the same save: a notice (and its e-mail in the
/// outbox) exists exactly when the change it tells of was saved. EmulationDb writes the audit
/// lines before the save starts, so they are in the change tracker here.
/// </summary>
public sealed class NoticeInterceptor(CampaignCatalog catalog, NoticeMail mail) : SaveChangesInterceptor
{
    private static readonly object Mark = new();

    // Lines already turned into notices: a save that failed and is tried again must not repeat them.
    private readonly ConditionalWeakTable<AuditEntry, object> handled = [];
    private readonly ConditionalWeakTable<DbContext, object> silenced = [];

    /// <summary>No notices from this unit of work until disposed (the demo year's back-story).</summary>
    public IDisposable Silence(DbContext db)
    {
        silenced.AddOrUpdate(db, Mark);
        return new Unsilence(() => silenced.Remove(db));
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is EmulationDb db)
        {
            // Synchronous all the way down: the task is complete when it returns.
            Notify(db, sync: true, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is EmulationDb db)
        {
            await Notify(db, sync: false, cancellationToken);
        }

        return result;
    }

    private async Task Notify(EmulationDb db, bool sync, CancellationToken ct)
    {
        if (silenced.TryGetValue(db, out _))
        {
            return;
        }

        // Every new line, not only those that make a notice: they tell how many entries were adjusted or disputed.
        var lines = db.ChangeTracker.Entries<AuditEntry>()
            .Where(e => e.State == EntityState.Added && !handled.TryGetValue(e.Entity, out _))
            .Select(e => e.Entity)
            .ToList();
        if (!lines.Any(l => SubmissionNotices.Actions.Contains(l.Action)))
        {
            return;
        }

        // Only a submission records these lines, and it is in the same unit of work.
        var submissions = db.ChangeTracker.Entries<Submission>().Select(e => e.Entity).ToList();
        var notices = new List<Notification>();
        foreach (var submission in submissions)
        {
            var own = lines.Where(l => l.UnitId == submission.UnitId && l.Month == submission.Month
                && (l.Entity == submission.AuditName || l.Entity.StartsWith(submission.AuditName + "/", StringComparison.Ordinal))).ToList();
            if (own.Count > 0 && catalog.Find(submission.CampaignId) is { } campaign)
            {
                notices.AddRange(SubmissionNotices.For(submission, campaign.Year, own));
            }
        }

        foreach (var line in lines)
        {
            handled.AddOrUpdate(line, Mark);
        }

        db.Notifications.AddRange(notices);
        await mail.Record(db, notices, sync, ct);
    }

    private sealed class Unsilence(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
