namespace Emulation.Web.Domain;

/// <summary>
/// A campaign as stored: its identity, title, the fingerprint of the file it came from and
/// that file's JSON. The rules themselves live in <see cref="Emulation.Core.Campaigns.Campaign"/>.
/// </summary>
public sealed class StoredCampaign
{
    private StoredCampaign(string id, string titleVi, string titleEn, string fingerprint, string json, DateTime loadedAtUtc)
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
    /// <summary>When the campaign was stored, replaced or last activated (/Admin/Campaigns).</summary>
    public DateTime LoadedAtUtc { get; private set; }

    public static StoredCampaign Create(string id, string titleVi, string titleEn, string fingerprint, string json, DateTime utcNow)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(fingerprint);
        return new StoredCampaign(id, titleVi, titleEn, fingerprint, json, utcNow);
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
            throw new DomainException("Campaign.Unchanged", Id);
        }

        if (hasSubmissions)
        {
            throw new DomainException("Campaign.ChangedWithSubmissions", Id, Short(Fingerprint), Short(fingerprint));
        }

        TitleVi = titleVi;
        TitleEn = titleEn;
        Fingerprint = fingerprint;
        Json = json;
        LoadedAtUtc = utcNow;
    }

    /// <summary>Activates the campaign again: its year's pages use the campaign stored or activated last.</summary>
    public void Activate(DateTime utcNow) => LoadedAtUtc = utcNow;

    private static string Short(string fingerprint) => fingerprint.Length > 12 ? fingerprint[..12] : fingerprint;
}
