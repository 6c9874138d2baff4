using Emulation.Web.Domain;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Audit;

/// <summary>
/// How a stored old or new value reads on the page: a submission's status and a dispute's decision
/// (stored by name, as every enum) in the reader's language, anything else as stored. The CSV keeps
/// the stored value.
/// </summary>
public static class AuditValue
{
    private static readonly string[] Statuses = Enum.GetNames<SubmissionStatus>();
    private static readonly string[] Decisions = Enum.GetNames<DisputeDecision>();

    public static string? Display(IStringLocalizer localizer, string action, string? value)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(action);
        if (value is null)
        {
            return null;
        }

        var key = action.StartsWith("submission.", StringComparison.Ordinal) && Statuses.Contains(value, StringComparer.Ordinal) ? "Status." + value
            : action == "entry.dispute-answered" && Decisions.Contains(value, StringComparer.Ordinal) ? "Audit.Decision." + value
            : null;
        if (key is null)
        {
            return value;
        }

        var text = localizer[key];
        return text.ResourceNotFound ? value : text.Value;
    }
}
