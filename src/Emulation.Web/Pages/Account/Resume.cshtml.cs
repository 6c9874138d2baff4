using Emulation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Emulation.Web.Pages.Account;

/// <summary>
/// After signing in again: the form that was posted when the session had expired, offered to be
/// sent once more with a fresh security token. Nothing typed is lost to an expired session.
/// </summary>
public sealed class ResumeModel : PageModel
{
    public PendingPost? Pending { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Pending = await PendingPosts.Take(HttpContext, ct);
        return Pending is null ? LocalRedirect("/") : Page();
    }
}
