namespace Emulation.Web.Domain;

/// <summary>
/// A campaign as stored: its identity, title, the fingerprint of the file it came from and
/// that file's JSON. The rules themselves live in <see cref="Emulation.Core.Campaigns.Campaign"/>.
/// </summary>
public sealed class Campaign
{
    private Campaign(string id, string titleVi, string titleEn, string fingerprint, string json, DateTime loadedAtUtc)
    {
        Id = id;
        TitleVi = titleVi;
        TitleEn = titleEn;
        Fingerprint = fingerprint;
        Json = json;
        LoadedAtUtc = loadedAtUtc;
    }

    public string Id { get; private set; }
    public string TitleVi { get; private set; }
    public string TitleEn { get; private set; }
    public string Fingerprint { get; private set; }
    public string Json { get; private set; }
    public DateTime LoadedAtUtc { get; private set; }

    public static Campaign Create(string id, string titleVi, string titleEn, string fingerprint, string json, DateTime utcNow)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint);
        return new Campaign(id, titleVi, titleEn, fingerprint, json, utcNow);
    }

    /// <summary>Whether the file this campaign was loaded from says something else now.</summary>
    public bool DiffersFrom(string fingerprint) => !string.Equals(Fingerprint, fingerprint, StringComparison.Ordinal);

    /// <summary>
    /// Takes a changed file. Criteria change by issuing a new campaign id, never under existing
    /// scores, so a campaign with submissions refuses.
    /// </summary>
    public void Replace(string titleVi, string titleEn, string fingerprint, string json, bool hasSubmissions, DateTime utcNow)
    {
        if (!DiffersFrom(fingerprint))
        {
            throw new DomainException($"Campaign '{Id}' is unchanged; there is nothing to replace.");
        }

        if (hasSubmissions)
        {
            throw new DomainException(
                $"Chuyên đề '{Id}' đã thay đổi nhưng đã có bản tự chấm điểm; hãy khôi phục tệp cũ hoặc đặt mã chuyên đề mới cho tệp đã sửa " +
                $"(campaign '{Id}' has changed (fingerprint {Short(Fingerprint)} → {Short(fingerprint)}) but already has submissions. " +
                "Criteria change by issuing a new campaign id, never under existing scores: restore the original file or give the changed one a new id).");
        }

        TitleVi = titleVi;
        TitleEn = titleEn;
        Fingerprint = fingerprint;
        Json = json;
        LoadedAtUtc = utcNow;
    }

    private static string Short(string fingerprint) => fingerprint.Length > 12 ? fingerprint[..12] : fingerprint;
}
