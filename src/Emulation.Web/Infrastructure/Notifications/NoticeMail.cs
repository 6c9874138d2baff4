using Emulation.Web.Data;
using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Emulation.Web.Infrastructure.Notifications;

/// <summary>
/// Records in the outbox, in the same unit of work, the e-mail of each new notice: to the e-mail
/// addresses of the people who read it (a unit's head and staff, or the verifiers), Vietnamese
/// first and English below. A message nobody can receive is recorded too, with no address.
/// </summary>
public sealed class NoticeMail(IStringLocalizerFactory localizers, IOptions<SmtpOptions> smtp)
{
    private readonly IStringLocalizer localizer = localizers.Create(typeof(SharedResource));

    /// <param name="sync">Read the database synchronously (inside a synchronous SaveChanges).</param>
    public async Task Record(EmulationDb db, IReadOnlyList<Notification> notices, bool sync, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notices);
        if (notices.Count == 0)
        {
            return;
        }

        var unitIds = notices.Select(n => n.UnitId).Distinct().ToList();
        var names = (await Run(db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).Select(u => new { u.Id, u.NameVi, u.NameEn }), sync, ct))
            .ToDictionary(u => u.Id);
        var addresses = new Dictionary<(NoticeAudience, string), IReadOnlyList<string>>();
        foreach (var notice in notices)
        {
            var audience = (notice.Audience, notice.Audience == NoticeAudience.Unit ? notice.UnitCode : "");
            if (!addresses.TryGetValue(audience, out var to))
            {
                to = await Run(Addresses(db, notice.Audience, notice.UnitCode), sync, ct);
                addresses[audience] = to;
            }

            var name = names.GetValueOrDefault(notice.UnitId);
            var (subject, body) = Compose(notice, name?.NameVi ?? notice.UnitCode, name?.NameEn ?? notice.UnitCode);
            db.OutboxMessages.Add(OutboxMessage.For(notice, to, subject, body, notice.CreatedAtUtc));
        }
    }

    /// <summary>The subject (Vietnamese) and the body: Vietnamese, then English.</summary>
    public (string Subject, string Body) Compose(Notification notice, string unitNameVi, string unitNameEn)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var site = smtp.Value.SiteUrl?.TrimEnd('/');
        var link = string.IsNullOrWhiteSpace(site) ? notice.Link : site + notice.Link;
        string Part(string unitName) =>
            string.Join(Environment.NewLine + Environment.NewLine,
                localizer.Say(notice.TextKey, notice.Arguments, unitName),
                localizer["Mail.Open", link].Value,
                localizer["Mail.Footer"].Value);
        var vi = NoticeText.In(Localization.Vietnamese, () => Part(unitNameVi));
        var en = NoticeText.In(Localization.English, () => Part(unitNameEn));
        var subject = NoticeText.In(Localization.Vietnamese,
            () => $"{localizer["App.Name"].Value}: {localizer.Say(notice.TextKey, notice.Arguments, unitNameVi)}");
        return (subject, vi + Environment.NewLine + Environment.NewLine + "-----" + Environment.NewLine + Environment.NewLine + en);
    }

    /// <summary>The e-mail addresses of a unit's head and staff, or of the verifiers.</summary>
    internal static IQueryable<string> Addresses(EmulationDb db, NoticeAudience audience, string unitCode)
    {
        string[] roles = audience == NoticeAudience.Unit ? [Roles.UnitHead, Roles.UnitStaff] : [Roles.Verifier];
        var roleIds = db.Roles.Where(r => roles.Contains(r.Name!)).Select(r => r.Id);
        var users = db.Users.Where(u => u.Email != null && u.Email != ""
            && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
        if (audience == NoticeAudience.Unit)
        {
            users = users.Where(u => db.UserClaims.Any(c => c.UserId == u.Id && c.ClaimType == EmulationClaims.Unit && c.ClaimValue == unitCode));
        }

        return users.OrderBy(u => u.Email).Select(u => u.Email!);
    }

    private static async Task<List<T>> Run<T>(IQueryable<T> query, bool sync, CancellationToken ct) =>
        sync ? [.. query] : await query.ToListAsync(ct);
}
