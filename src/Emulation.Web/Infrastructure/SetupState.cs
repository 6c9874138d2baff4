using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// Whether an administrator exists. Outside demo mode no account has a known password: until the
/// first administrator is created at /Setup, every request goes there; afterwards /Setup is gone.
/// Setting up needs a one-time code the server writes to its log and to <see cref="CodeFileName"/>
/// in the data folder (readable by the server's account only), so whoever reaches the page first
/// cannot take the server; the creation itself runs one at a time.
/// </summary>
public sealed partial class SetupState(ILogger<SetupState> logger) : IDisposable
{
    public const string CodeFileName = "setup-code.txt";

    // Without look-alikes (0/O, 1/I/L): the code is read from a log and typed.
    private const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    private readonly SemaphoreSlim creating = new(1, 1);
    private volatile bool administratorExists;
    private string? code;
    private string? codeFile;

    public bool AdministratorExists => administratorExists;

    /// <summary>Lets one setup run at a time; dispose the result when done.</summary>
    public async Task<IDisposable> Exclusive(CancellationToken ct)
    {
        await creating.WaitAsync(ct);
        return new Release(creating);
    }

    public bool Accepts(string? typed)
    {
        var expected = code;
        if (expected is null || typed is null)
        {
            return false;
        }

        var normalised = typed.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToUpperInvariant();
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(normalised), Encoding.ASCII.GetBytes(expected));
    }

    internal async Task Refresh(IServiceProvider scoped, string dataPath)
    {
        var users = scoped.GetRequiredService<UserManager<IdentityUser>>();
        // An account locked for good (a demo leftover) is no administrator; a brief lockout still is.
        administratorExists = (await users.GetUsersInRoleAsync(Roles.Administrator)).Any(u => u.LockoutEnd != DateTimeOffset.MaxValue);
        if (!administratorExists)
        {
            IssueCode(dataPath);
        }
    }

    private void IssueCode(string dataPath)
    {
        var chars = new char[15];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = (i + 1) % 5 == 0 ? '-' : Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        var issued = new string(chars).TrimEnd('-');
        codeFile = Path.Combine(dataPath, CodeFileName);
        PrivateFiles.WriteText(codeFile, issued + Environment.NewLine);
        code = issued.Replace("-", "", StringComparison.Ordinal);
        LogCodeIssued(logger, issued, codeFile);
    }

    internal void AdministratorCreated()
    {
        administratorExists = true;
        code = null;
        if (codeFile is { } file)
        {
            File.Delete(file);
        }
    }

    public void Dispose() => creating.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "No administrator yet. Open /Setup and type the one-time setup code {Code} (also in {File}, readable by this server's account only).")]
    private static partial void LogCodeIssued(ILogger logger, string code, string file);

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        public void Dispose() => semaphore.Release();
    }
}

/// <summary>Sends every request to /Setup while no administrator exists.</summary>
public sealed class SetupGateMiddleware(RequestDelegate next, SetupState state)
{
    private static readonly string[] Open = ["/Setup", "/health", "/css", "/js", "/lib", "/favicon", "/Language", "/Error"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (state.AdministratorExists || Open.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        context.Response.Redirect(context.Request.PathBase + "/Setup");
        return Task.CompletedTask;
    }
}
