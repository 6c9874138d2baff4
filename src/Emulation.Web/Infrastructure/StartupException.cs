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

    private static string Format(string summary, IReadOnlyList<string> problems) =>
        problems.Count == 0 ? summary : summary + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  " + p));
}
