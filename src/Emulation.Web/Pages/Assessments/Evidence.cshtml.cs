using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Emulation.Web.Infrastructure.Evidence;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Emulation.Web.Pages.Assessments;

/// <summary>
/// An evidence file, for those allowed to see the submission it proves (the unit's people,
/// verifiers, administrators); anyone else gets 404. PDFs and pictures open in the browser,
/// Word and Excel files download, all under their original name.
/// </summary>
public sealed class EvidenceModel(IMediator mediator) : PageModel
{
    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var file = await mediator.Send(new Query(User, id), ct);
        return Send(this, file);
    }

    /// <summary>Answers with a stored file: its type, its name, inline when the browser shows it, and a policy that runs nothing.</summary>
    internal static IActionResult Send(PageModel page, Download file)
    {
        var inline = file.ContentType is "application/pdf" or "image/png" or "image/jpeg";
        var disposition = new ContentDispositionHeaderValue(inline ? "inline" : "attachment");
        disposition.SetHttpFileName(file.Name);
        page.Response.Headers.ContentDisposition = disposition.ToString();
        page.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; object-src 'self'; frame-ancestors 'none'";
        page.Response.Headers.CacheControl = "private, no-store";
        return new FileStreamResult(file.Content, file.ContentType);
    }

    public sealed record Download(string Name, string ContentType, Stream Content);

    public sealed record Query(ClaimsPrincipal User, int Id) : IRequest<Download>;

    public sealed class Handler(EmulationDb db, UnitAccess access, EvidenceStore store) : IRequestHandler<Query, Download>
    {
        public async ValueTask<Download> Handle(Query query, CancellationToken cancellationToken)
        {
            var file = await db.EvidenceFiles.Where(f => f.Id == query.Id)
                .Join(db.Submissions, f => f.SubmissionId, s => s.Id, (f, s) => new { f.FileName, f.ContentType, f.Sha256, s.UnitCode })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException();
            await access.Require(query.User, file.UnitCode, UnitOperations.Read, cancellationToken);
            return new Download(file.FileName, file.ContentType, store.Open(file.Sha256));
        }
    }
}
