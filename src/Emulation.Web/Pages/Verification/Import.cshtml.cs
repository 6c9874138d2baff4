using System.Security.Claims;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Pages.Rankings.Export;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Verification;

/// <summary>
/// <c>/Verification/Import</c> — Sở Nội vụ brings a province's earlier months in from an
/// <c>entries.csv</c> or the same columns in an .xlsx workbook (<see cref="EntriesImport"/>): all
/// or nothing, every error listed with its line. The months come in verified, to be locked and
/// published from the queue. The file is kept in a temporary file while it is read (twice), never
/// whole in memory.
/// </summary>
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class ImportModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    /// <summary>The largest file taken: 200,000 rows of entries.csv take some 15 MB.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>The request around the file may be a little larger; beyond it the server refuses to read (413).</summary>
    public const long MaxRequestBytes = MaxFileBytes + (1024 * 1024);

    public const int MaxFileNameLength = 260;

    [BindProperty]
    public bool Replace { get; set; }

    public ImportOutcome? Outcome { get; private set; }

    public string? FileName { get; private set; }

    public bool MayAct => VerifierRights.MayAct(User);

    public IActionResult OnGet()
    {
        VerifierRights.RequireRead(User);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        VerifierRights.RequireAct(User);
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("", localizer["Import.NoFile"]);
            return Page();
        }

        if (file.Length > MaxFileBytes)
        {
            ModelState.AddModelError("", localizer["Import.TooLarge", file.Length / (1024 * 1024), MaxFileBytes / (1024 * 1024)]);
            return Page();
        }

        FileName = Path.GetFileName(file.FileName ?? "");
        if (FileName.Length > MaxFileNameLength)
        {
            FileName = FileName[..MaxFileNameLength];
        }

        await using var upload = file.OpenReadStream();
        Outcome = await mediator.Send(new Command(User, upload, FileName, Replace), ct);
        if (!Outcome.Succeeded)
        {
            return Page();
        }

        TempData["Notice"] = localizer["Import.Done", Outcome.Rows, Outcome.Submissions, string.Join(", ", Outcome.Months), Outcome.Replaced].Value;
        var next = Url.Page("/Verification/Index", new { month = Outcome.Months[0] })!;
        return Request.Headers["X-Requested-With"] == "import" ? new JsonResult(new { redirect = next }) : Redirect(next);
    }

    /// <summary>Imports an uploaded file; <paramref name="FileName"/> says whether it is a workbook (.xlsx), else it is read as CSV.</summary>
    public sealed record Command(ClaimsPrincipal User, Stream Upload, string FileName, bool Replace, string? Campaign = null) : IRequest<ImportOutcome>;

    public sealed class Handler(EntriesImport import, CampaignCatalog catalog, BusinessClock clock) : IRequestHandler<Command, ImportOutcome>
    {
        public async ValueTask<ImportOutcome> Handle(Command command, CancellationToken cancellationToken)
        {
            VerifierRights.RequireAct(command.User);
            var campaign = (command.Campaign is null ? catalog.Current(clock.Today) : catalog.Find(command.Campaign)) ?? throw new NotFoundException();
            var folder = Path.Combine(Path.GetTempPath(), "emulation-import");
            Directory.CreateDirectory(folder);
            var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".csv");
            try
            {
                await using (var csv = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
                {
                    if (command.FileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
                    {
                        // The workbook is a ZIP archive, read from a seekable copy.
                        var workbookPath = path + ".xlsx";
                        try
                        {
                            await using (var workbook = new FileStream(workbookPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
                            {
                                await command.Upload.CopyToAsync(workbook, cancellationToken);
                                workbook.Position = 0;
                                Workbooks.EntriesToCsv(workbook, csv);
                            }
                        }
                        finally
                        {
                            System.IO.File.Delete(workbookPath);
                        }
                    }
                    else
                    {
                        await command.Upload.CopyToAsync(csv, cancellationToken);
                    }

                    csv.Position = 0;
                    return await import.Run(campaign, csv, command.FileName, command.Replace, VerifierRights.Who(command.User), cancellationToken);
                }
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }
    }
}
