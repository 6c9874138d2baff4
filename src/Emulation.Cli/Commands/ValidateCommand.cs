using System.Text.Json;
using Emulation.Core.Campaigns;
using Emulation.Core.Output;
using Emulation.Core.Units;

namespace Emulation.Cli.Commands;

/// <summary>
/// <c>emulation validate &lt;file&gt;…</c>: loads campaign and units files and prints every error
/// (exit 1) or one line per file (exit 0). A units file is checked against the campaigns named on
/// the same command line, or else against the campaign files in the folder above it.
/// </summary>
internal static class ValidateCommand
{
    public static int Run(string[] files, TextWriter output, TextWriter error)
    {
        if (files.Length == 0)
        {
            error.WriteLine("Cần ít nhất một tệp (at least one file is needed): emulation validate <campaign.json|units.json>…");
            return CommandLine.Usage;
        }

        var lines = new List<string>();
        var errors = new List<LoadError>();
        var campaigns = new List<Campaign>();
        var unitsFiles = files.Where(IsUnitsFile).ToList();
        foreach (var path in files.Except(unitsFiles))
        {
            var result = CampaignLoader.LoadFile(path);
            errors.AddRange(result.Errors);
            if (result.Value is { } campaign)
            {
                campaigns.Add(campaign);
                lines.Add(ValidationReport.Valid(path, campaign));
            }
        }

        foreach (var path in unitsFiles)
        {
            var against = campaigns.Count > 0 ? campaigns : CampaignsBeside(path);
            var result = OrganisationLoader.LoadFile(path, against);
            errors.AddRange(result.Errors);
            if (result.Value is { } organisation)
            {
                lines.Add(ValidationReport.Valid(path, organisation));
            }
        }

        if (errors.Count > 0)
        {
            foreach (var line in ValidationReport.ErrorLines(errors))
            {
                error.WriteLine(line);
            }

            return CommandLine.Failed;
        }

        foreach (var line in lines)
        {
            output.WriteLine(line);
        }

        return CommandLine.Ok;
    }

    /// <summary>The campaigns of the criteria folder above a units file (criteria/units/x.json → criteria/*.json).</summary>
    private static List<Campaign> CampaignsBeside(string unitsFile)
    {
        var folder = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetFullPath(unitsFile)));
        if (folder is null || !Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Select(CampaignLoader.LoadFile)
            .Where(r => r.Succeeded)
            .Select(r => r.Value!)
            .ToList();
    }

    /// <summary>A units file is a JSON object with a <c>units</c> property.</summary>
    private static bool IsUnitsFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("units", out _);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
