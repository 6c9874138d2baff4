using Emulation.Web.Data;
using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Emulation.Web.Infrastructure;

/// <summary>The province's branding and contacts as shown: the stored ones, else the configuration's.</summary>
public sealed record BrandingView(string Province, string IssuingBody, string? HelpDeskPhone, string? HelpDeskEmail, int Version, bool Stored);

/// <summary>
/// Reads the branding once and keeps it until an administrator changes it (<see cref="Forget"/>),
/// so every page's header and footer cost no query.
/// </summary>
public sealed class BrandingSource(IServiceScopeFactory scopes, IOptions<EmulationOptions> options)
{
    private BrandingView? cached;

    public async Task<BrandingView> Get(CancellationToken ct)
    {
        if (Volatile.Read(ref cached) is { } known)
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<EmulationDb>().Brandings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == Branding.TheId, ct);
        var view = stored is null ? Defaults() : new BrandingView(stored.Province, stored.IssuingBody, stored.HelpDeskPhone, stored.HelpDeskEmail, stored.Version, true);
        Volatile.Write(ref cached, view);
        return view;
    }

    public BrandingView Defaults()
    {
        var o = options.Value;
        return new BrandingView(o.Province, string.IsNullOrWhiteSpace(o.IssuingBody) ? $"UBND tỉnh {o.Province}" : o.IssuingBody,
            string.IsNullOrWhiteSpace(o.HelpDeskPhone) ? null : o.HelpDeskPhone, string.IsNullOrWhiteSpace(o.HelpDeskEmail) ? null : o.HelpDeskEmail, 0, false);
    }

    public void Forget() => Volatile.Write(ref cached, null);
}
