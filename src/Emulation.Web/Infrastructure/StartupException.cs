namespace Emulation.Web.Infrastructure;

/// <summary>
/// The application refuses to start: a broken campaign or units file, a changed campaign that
/// already has submissions, an unusable data folder. The message lists every problem, one a line.
/// </summary>
public sealed class StartupException : Exception
{
    public StartupException(string summary, IReadOnlyList<string> problems)
        : base(Format(summary, problems))
    {
        Summary = summary;
        Problems = problems;
    }

    public StartupException(string summary, IReadOnlyList<string> problems, Exception inner)
        : base(Format(summary, problems), inner)
    {
        Summary = summary;
        Problems = problems;
    }

    public string Summary { get; }
    public IReadOnlyList<string> Problems { get; }

    /// <summary>
    /// For <see cref="AppDomain.UnhandledException"/>: a refused start prints its reasons and exits
    /// with code 1 instead of the runtime's crash report. (Tests see the exception itself: their
    /// host catches it before it is unhandled.)
    /// </summary>
    public static void ExitCleanly(object? sender, UnhandledExceptionEventArgs e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.ExceptionObject is StartupException refused)
        {
            Console.Error.WriteLine("Emulation did not start. " + refused.Message);
            Console.Error.Flush();
            Environment.Exit(1);
        }
    }

    private static string Format(string summary, IReadOnlyList<string> problems) =>
        problems.Count == 0 ? summary : summary + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
}
