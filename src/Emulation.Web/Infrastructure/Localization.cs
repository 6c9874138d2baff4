using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Emulation.Web.Infrastructure;

/// <summary>Vietnamese first (the default), English second; chosen by a cookie, never by the browser.</summary>
public static class Localization
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    /// <summary>
    /// English with the day first (25/11/2026): the English pages are read by Vietnamese readers, and
    /// by foreigners reading Vietnamese documents, who both expect dd/MM/yyyy.
    /// </summary>
    public static readonly CultureInfo English = DayFirst("en-US");
    public static IReadOnlyList<CultureInfo> Supported { get; } = [Vietnamese, English];

    public static void Configure(RequestLocalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DefaultRequestCulture = new RequestCulture(Vietnamese);
        options.SupportedCultures = [.. Supported];
        options.SupportedUICultures = [.. Supported];
        options.RequestCultureProviders = [new CookieRequestCultureProvider()];
    }

    private static CultureInfo DayFirst(string name)
    {
        var culture = new CultureInfo(name);
        culture.DateTimeFormat.ShortDatePattern = "dd/MM/yyyy";
        culture.DateTimeFormat.ShortTimePattern = "HH:mm";
        culture.DateTimeFormat.LongTimePattern = "HH:mm:ss";
        return CultureInfo.ReadOnly(culture);
    }

    /// <summary>The supported culture named <paramref name="name"/> (e.g. "en"), or null.</summary>
    public static CultureInfo? Find(string? name) =>
        Supported.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(c.TwoLetterISOLanguageName, name, StringComparison.OrdinalIgnoreCase));
}
