using System.Security.Claims;
using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Emulation.Web.Infrastructure.Backups;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Emulation.Web.Pages.Admin.Backups;

/// <summary>
/// Backups (Administrators only, by the /Admin folder's policy): make one now (in the background,
/// the page polls its state), the archives to download, and how to restore one.
/// </summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public View Data { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Data = await mediator.Send(new Query(), ct);

    /// <summary>The running backup's state, for the page's script.</summary>
    public async Task<IActionResult> OnGetStatusAsync(CancellationToken ct)
    {
        var data = await mediator.Send(new Query(), ct);
        return new JsonResult(new { state = data.Job?.State.ToString(), file = data.Job?.FileName });
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        await mediator.Send(new Start(User), ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetDownloadAsync([FromQuery] string? name, CancellationToken ct)
    {
        var path = await mediator.Send(new Download(User, name), ct);
        return PhysicalFile(path, "application/gzip", Path.GetFileName(path));
    }

    public sealed record View(BackupService.Job? Job, IReadOnlyList<BackupService.BackupFile> Files, string Folder, bool Daily, int Kept, bool MakesOwnBackups);

    public sealed record Query : IRequest<View>;

    /// <summary>Starts a backup now unless one is running.</summary>
    public sealed record Start(ClaimsPrincipal User) : IRequest<BackupService.Job?>;

    /// <summary>The path of a listed archive to send; a name not listed is a 404.</summary>
    public sealed record Download(ClaimsPrincipal User, string? Name) : IRequest<string>;

    public sealed class Handler(BackupService backups, EmulationDb db, AuditLog audit, Microsoft.Extensions.Options.IOptions<EmulationOptions> options, ILogger<Handler> logger)
        : IRequestHandler<Query, View>, IRequestHandler<Start, BackupService.Job?>, IRequestHandler<Download, string>
    {
        public ValueTask<View> Handle(Query query, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new View(backups.Current, backups.List(), backups.Folder, options.Value.DailyBackups, BackupService.DailyKept, backups.MakesOwnBackups));

        public ValueTask<BackupService.Job?> Handle(Start command, CancellationToken cancellationToken)
        {
            RequireAdministrator(command.User);
            return ValueTask.FromResult(backups.Start(command.User.Identity!.Name!));
        }

        public async ValueTask<string> Handle(Download command, CancellationToken cancellationToken)
        {
            RequireAdministrator(command.User);
            if (backups.PathOf(command.Name) is not { } path)
            {
                Log.UnknownBackup(logger, command.User.Identity?.Name ?? "-", command.Name ?? "");
                throw new NotFoundException();
            }

            audit.Write(command.User.Identity!.Name!, AuditActions.BackupDownloaded, Path.GetFileName(path), null, null, null);
            await db.SaveChangesAsync(cancellationToken);
            return path;
        }

        private static void RequireAdministrator(ClaimsPrincipal user)
        {
            if (!user.IsInRole(Roles.Administrator) || user.Identity?.Name is null)
            {
                throw new ForbiddenException();
            }
        }
    }
}

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{User} asked for backup '{Name}', which is not listed (answered 404).")]
    public static partial void UnknownBackup(ILogger logger, string user, string name);
}
