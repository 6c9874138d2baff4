using System.Globalization;

namespace Emulation.Web.Infrastructure;

/// <summary>Picks the reader's language of a text stored in both (Vietnamese first, English second).</summary>
public static class CultureText
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The English text for an English reader when there is one, else the Vietnamese.</summary>
    public static string Pick(string vi, string? en) => IsEnglish && !string.IsNullOrWhiteSpace(en) ? en : vi;
}
