using Emulation.Web.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// A page whose data must be read again before it is shown after a refused post (the posted
/// values themselves stay in the model state, so the form keeps what was typed).
/// </summary>
public interface IReloadAfterRefusal
{
    Task ReloadAsync(CancellationToken ct);
}

/// <summary>
/// The one place where a refusal becomes words: a <see cref="DomainException"/> (or a concurrent
/// change caught by the database) thrown by a page handler turns into a form error in the reader's
/// language, and the page is shown again with what was posted; a <see cref="NotFoundException"/> is a 404, a
/// <see cref="ForbiddenException"/> a 403. A script's request
/// (<c>X-Requested-With: fetch</c>) gets the message as JSON with status 409.
/// </summary>
public sealed partial class DomainExceptionFilter(IStringLocalizer<SharedResource> localizer, ILogger<DomainExceptionFilter> logger) : IAsyncPageFilter
{
    public const string ScriptHeader = "X-Requested-With";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        if (executed.Exception is NotFoundException && !executed.ExceptionHandled)
        {
            executed.ExceptionHandled = true;
            executed.Result = new NotFoundResult();
            return;
        }

        if (executed.Exception is ForbiddenException && !executed.ExceptionHandled)
        {
            executed.ExceptionHandled = true;
            LogForbidden(logger, context.HttpContext.User.Identity?.Name ?? "-", context.HttpContext.Request.Path);
            executed.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
            return;
        }

        var refused = executed.Exception switch
        {
            DomainException domain => domain,
            DbUpdateConcurrencyException => new DomainException("Concurrency.Conflict"),
            _ => null,
        };
        if (refused is null || executed.ExceptionHandled)
        {
            return;
        }

        executed.ExceptionHandled = true;
        LogRefused(logger, context.HttpContext.User.Identity?.Name ?? "-", context.HttpContext.Request.Path, refused.Message);
        var message = localizer.Say(refused);
        if (IsScript(context.HttpContext.Request))
        {
            executed.Result = new JsonResult(new { error = message }) { StatusCode = StatusCodes.Status409Conflict };
            return;
        }

        executed.ModelState.AddModelError("", message);
        if (executed.HandlerInstance is IReloadAfterRefusal page)
        {
            await page.ReloadAsync(context.HttpContext.RequestAborted);
        }

        executed.Result = new PageResult();
    }

    public static bool IsScript(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers[ScriptHeader] == "fetch";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused for {User} on {Path}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string user, string path, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forbidden for {User} on {Path} (answered 403).")]
    private static partial void LogForbidden(ILogger logger, string user, string path);
}
