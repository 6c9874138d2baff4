using System.Text;
using System.Text.Json;
using Emulation.Core.Campaigns;
using Emulation.Core.Output;
using Emulation.Core.Units;

namespace Emulation.Web.Pages.Admin.Campaigns;

/// <summary>
/// Reads an uploaded campaign or units file by its content, never its name: a file that is not
/// UTF-8 JSON text is refused with a reason (a resource key); otherwise it is checked by the same
/// loaders as <c>emulation validate</c>, and its errors are the lines that command prints.
/// </summary>
public static class UploadCheck
{
    public sealed record Outcome<T>(T? Value, string Text, string? Problem, IReadOnlyList<string> ErrorLines)
        where T : class;

    public static Outcome<Campaign> Campaign(byte[] content, string fileName)
    {
        if (Sniff(content, UploadKind.Campaign) is { } problem)
        {
            return new(null, "", problem, []);
        }

        using var stream = new MemoryStream(content, writable: false);
        var result = CampaignLoader.Load(stream, fileName);
        return new(result.Value, Text(content), null, ValidationReport.ErrorLines(result.Errors));
    }

    public static Outcome<Organisation> Units(byte[] content, string fileName, IReadOnlyCollection<Campaign> campaigns)
    {
        if (Sniff(content, UploadKind.Units) is { } problem)
        {
            return new(null, "", problem, []);
        }

        var text = Text(content);
        var result = OrganisationLoader.Load(text, fileName, campaigns);
        return new(result.Value, text, null, ValidationReport.ErrorLines(result.Errors));
    }

    /// <summary>The text as the loaders read it: strict UTF-8, a byte order mark dropped.</summary>
    private static string Text(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content, writable: false), new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Why the content cannot be a file of this kind, or null to let the loader judge it.</summary>
    private static string? Sniff(byte[] content, UploadKind kind)
    {
        if (content.Length == 0)
        {
            return "Campaigns.EmptyFile";
        }

        // A binary file (an image, a PDF, a Word or Excel file renamed) is not JSON, whatever its name.
        var first = content.AsSpan(content.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0).TrimStart(" \t\r\n"u8);
        if (content.AsSpan().Contains((byte)0) || first.Length == 0 || (first[0] != (byte)'{' && first[0] != (byte)'/'))
        {
            return "Campaigns.NotJson";
        }

        string text;
        try
        {
            text = Text(content);
        }
        catch (DecoderFallbackException)
        {
            return "Campaigns.NotUtf8";
        }

        try
        {
            using var document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 64 });
            var root = document.RootElement;
            var isUnits = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("units", out _);
            var isCampaign = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("frameworks", out _);
            return kind switch
            {
                UploadKind.Campaign when isUnits && !isCampaign => "Campaigns.LooksLikeUnits",
                UploadKind.Units when isCampaign && !isUnits => "Campaigns.LooksLikeCampaign",
                _ => null,
            };
        }
        catch (JsonException)
        {
            // Malformed JSON: the loader names the line, as `emulation validate` does.
            return null;
        }
    }
}
