using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// Requests the server refuses to read are the client's error: a verb no page takes (TRACE, PUT …)
/// is answered 405, a form that cannot be read (too many keys, a value too long, a broken multipart
/// body) 400, each with the localised error page and one line in the log, never a 500 with a stack trace.
/// </summary>
public sealed partial class RequestGuardMiddleware(RequestDelegate next, ILogger<RequestGuardMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = context.Request.Method;
        if (!HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsPost(method))
        {
            LogRefusedVerb(logger, method, context.Request.Path);
            context.Response.Headers.Allow = "GET, HEAD, POST";
            Refuse(context, StatusCodes.Status405MethodNotAllowed);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception e) when (IsMalformed(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            LogMalformed(logger, context.Request.Path, e.GetType().Name, e.Message);
            context.Response.Clear();
            Refuse(context, e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>The status code pages render the error page for this code, as a GET without the unreadable body.</summary>
    private static void Refuse(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Request.Method = HttpMethods.Get;
        context.Request.Body = Stream.Null;
        context.Request.ContentType = null;
        context.Request.ContentLength = 0;
        context.Features.Set<IFormFeature>(null);
    }

    internal static bool IsMalformed(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is InvalidDataException or BadHttpRequestException or Microsoft.AspNetCore.Mvc.ModelBinding.ValueProviderException
                || (e is AntiforgeryValidationException && e.InnerException is InvalidDataException or IOException)
                // A body that ends in the middle of a form (a broken multipart body), not a failing disk.
                || (e is IOException && e.TargetSite?.DeclaringType?.FullName?.StartsWith("Microsoft.AspNetCore.WebUtilities", StringComparison.Ordinal) == true))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a {Method} request to {Path}: no page takes this verb.")]
    private static partial void LogRefusedVerb(ILogger logger, string method, PathString path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a malformed request to {Path}: {Kind}: {Reason}")]
    private static partial void LogMalformed(ILogger logger, PathString path, string kind, string reason);
}

/// <summary>Files the server writes are readable by its own account only.</summary>
public static class PrivateFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates a folder (and its missing parents) readable by the server's account only.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>Makes an existing file or folder private; a path the server does not own stays as it is.</summary>
    public static void Restrict(string path, bool folder)
    {
        if (OperatingSystem.IsWindows() || !Path.Exists(path))
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(path, folder ? FolderMode : FileMode);
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Writes a new file readable by the server's account only (replacing an earlier one).</summary>
    public static void WriteText(string path, string text)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(text);
    }

    /// <summary>Writes a new file readable by the server's account only (replacing an earlier one).</summary>
    public static void WriteBytes(string path, byte[] content)
    {
        File.Delete(path);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        using var stream = new FileStream(path, options);
        stream.Write(content);
    }
}
