using System.Diagnostics;
using System.Text;

namespace Emulation.Core.Tests.Cli;

/// <summary>
/// Runs the built <c>emulation</c> command as a separate process: the JIT build beside the tests, or
/// the published (Native AOT) executable named by the environment variable <c>EMULATION_COMMAND</c>
/// (e.g. <c>EMULATION_COMMAND=$PWD/out/emulation dotnet test …</c>).
/// </summary>
internal static class EmulationProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>The repository's root folder (the one holding Emulation.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<Result> RunAsync(params string[] args)
    {
        var published = Published();
        var start = new ProcessStartInfo(published ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = RepositoryRoot,
        };
        if (published is null)
        {
            start.ArgumentList.Add(CommandPath());
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await error);
    }

    /// <summary>The built emulation.dll, or the published executable <c>EMULATION_COMMAND</c> names.</summary>
    public static string CommandPath()
    {
        if (Published() is { } published)
        {
            return published;
        }

        // The test project references the CLI project, so it is built alongside, in the same configuration.
        var output = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var configuration = Path.GetFileName(Path.GetDirectoryName(output))!;
        var path = Path.Combine(RepositoryRoot, "src", "Emulation.Cli", "bin", configuration, "net10.0", "emulation.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the emulation command was not found.", path);
    }

    private static string? Published() =>
        Environment.GetEnvironmentVariable("EMULATION_COMMAND") is { Length: > 0 } path
            ? File.Exists(path) ? Path.GetFullPath(path) : throw new FileNotFoundException("EMULATION_COMMAND names no file.", path)
            : null;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Emulation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Emulation.sln not found above the test folder.");
    }
}
