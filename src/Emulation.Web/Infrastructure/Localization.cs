using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Emulation.Web.Infrastructure;

/// <summary>Vietnamese first (the default), English second; chosen by a cookie, never by the browser.</summary>
public static class Localization
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");
    public static IReadOnlyList<CultureInfo> Supported { get; } = [Vietnamese, English];

    public static void Configure(RequestLocalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultRequestCulture = new RequestCulture(Vietnamese);
        options.SupportedCultures = [.. Supported];
        options.SupportedUICultures = [.. Supported];
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
    }

    /// <summary>The supported culture named <paramref name="name"/> (e.g. "en"), or null.</summary>
    public static CultureInfo? Find(string? name) =>
        Supported.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(c.TwoLetterISOLanguageName, name, StringComparison.OrdinalIgnoreCase));
}
