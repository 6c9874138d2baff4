using System.Text.Json;

namespace Emulation.Web.Domain;

/// <summary>
/// One submitted version of a submission, kept for good: what the unit sent (inputs, notes,
/// evidence) at that moment. Version 1 is the first submission; each resubmission adds one.
/// </summary>
public sealed class SubmissionVersion
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private SubmissionVersion(int number, string submittedBy, DateTime submittedAtUtc, string content)
    {
        Number = number;
        SubmittedBy = submittedBy;
        SubmittedAtUtc = submittedAtUtc;
        Content = content;
    }

    public int Id { get; private set; }
    public int SubmissionId { get; private set; }
    public int Number { get; private set; }
    public string SubmittedBy { get; private set; }
    public DateTime SubmittedAtUtc { get; private set; }

    /// <summary>The entries as JSON (<see cref="VersionEntry"/>[]).</summary>
    public string Content { get; private set; }

    /// <summary>The entries of this version, in the order they were sent.</summary>
    public IReadOnlyList<VersionEntry> Entries() => JsonSerializer.Deserialize<List<VersionEntry>>(Content, Json) ?? [];

    internal static SubmissionVersion Of(Submission submission, int number, string who, DateTime utcNow)
    {
        var entries = submission.Entries.Select(e => new VersionEntry(
            e.Criterion,
            e.Value,
            e.Denominator,
            e.Note,
            [.. submission.Files.Where(f => f.Criterion == e.Criterion).Select(f => new VersionFile(f.FileName, f.Size, f.Sha256, f.ContentType))],
            [.. submission.References.Where(r => r.Criterion == e.Criterion).Select(r => r.ToString())])).ToList();
        return new SubmissionVersion(number, who, utcNow, JsonSerializer.Serialize(entries, Json));
    }
}

/// <summary>An entry as it was sent in a version.</summary>
public sealed record VersionEntry(
    string Criterion,
    string? Value,
    string? Denominator,
    string? Note,
    IReadOnlyList<VersionFile> Files,
    IReadOnlyList<string> References);

/// <summary>An evidence file as it was attached in a version.</summary>
public sealed record VersionFile(string Name, long Size, string Sha256, string ContentType);
