using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Audit;

/// <summary>
/// How an audited action reads: the text "AuditAction.&lt;action&gt;" in the reader's language when
/// there is one, else the action as written, so a line of a newer kind still shows.
/// </summary>
public static class AuditActionLabel
{
    public static string For(IStringLocalizer localizer, string action)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var text = localizer["AuditAction." + action];
        return text.ResourceNotFound ? action : text.Value;
    }

    public static bool IsKnown(IStringLocalizer localizer, string action)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return !localizer["AuditAction." + action].ResourceNotFound;
    }
}
