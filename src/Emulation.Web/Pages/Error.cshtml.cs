using Emulation.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Emulation.Web.Pages;

/// <summary>
/// Errors and status codes, localised, never a stack trace. A refused form (security token) says
/// what happened and offers to send it again.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public AntiforgeryFailure? RefusedForm { get; private set; }
    public string? RequestId { get; private set; }

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        Code = code ?? StatusCodes.Status500InternalServerError;
        RefusedForm = HttpContext.Items[AntiforgeryFailureFilter.ItemKey] as AntiforgeryFailure;
        RequestId = HttpContext.TraceIdentifier;
        Response.StatusCode = Code;
    }
}
