using System.Globalization;
using Emulation.Web.Domain;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Infrastructure;

/// <summary>Turns a <see cref="DomainException"/> into words, through the .resx.</summary>
public static class Texts
{
    /// <summary>The refusal in the reader's language (the current UI culture).</summary>
    public static string Say(this IStringLocalizer localizer, DomainException refused)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(refused);
        // A submission's state reads in the reader's language, like every state the pages show.
        var arguments = refused.Arguments.Select(a => a is SubmissionStatus status ? localizer["Status." + status].Value : a).ToArray();
        return localizer[refused.Key, arguments];
    }

    /// <summary>
    /// Vietnamese first, English in brackets — for the server's log and start-up refusals, which
    /// IT staff of any language read.
    /// </summary>
    public static string Both(this IStringLocalizer localizer, DomainException refused)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(refused);
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = Localization.Vietnamese;
            var vi = localizer.Say(refused);
            CultureInfo.CurrentUICulture = Localization.English;
            var en = localizer.Say(refused);
            return $"{vi} ({en})";
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }
}
