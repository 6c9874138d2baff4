using System.Globalization;
using Emulation.Web.Domain;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Infrastructure.Notifications;

/// <summary>A notice's text in words: its resource key with the unit's name as <c>{0}</c> and the stored arguments after it.</summary>
public static class NoticeText
{
    public static string Say(this IStringLocalizer localizer, string textKey, string arguments, string unitName)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer[textKey, [unitName, .. Notification.ReadArguments(arguments)]];
    }

    /// <summary>Runs <paramref name="say"/> with <paramref name="culture"/> as the current culture, for texts written outside a request.</summary>
    public static string In(CultureInfo culture, Func<string> say)
    {
        ArgumentNullException.ThrowIfNull(say);
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return say();
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }
}
