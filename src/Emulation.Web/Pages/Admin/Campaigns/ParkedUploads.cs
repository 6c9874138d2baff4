using System.Globalization;
using Emulation.Web.Infrastructure;

namespace Emulation.Web.Pages.Admin.Campaigns;

/// <summary>What an upload on /Admin/Campaigns is.</summary>
public enum UploadKind
{
    Campaign,
    Units,
}

/// <summary>An uploaded file waiting for its activation: its content and who sent it, when.</summary>
public sealed record ParkedUpload(string Token, UploadKind Kind, string FileName, string Who, DateTime ParkedAtUtc, string ContentPath)
{
    public byte[] Read() => File.ReadAllBytes(ContentPath);
}

/// <summary>
/// Uploaded files kept between the preview and the activation: under the data folder's
/// <c>uploads</c>, by a random token, readable by the server's account only, for
/// <see cref="Lifetime"/> of the business clock; older ones are removed at the next upload.
/// </summary>
public sealed class ParkedUploads(EmulationOptions settings, BusinessClock clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);

    private string Folder => Path.Combine(settings.DataPath, "uploads");

    public string Park(UploadKind kind, string fileName, byte[] content, string who)
    {
        PrivateFiles.CreateFolder(Folder);
        Sweep();
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        PrivateFiles.WriteBytes(Path.Combine(Folder, token + ".json"), content);
        PrivateFiles.WriteText(Path.Combine(Folder, token + ".meta"),
            string.Join('\n', kind.ToString(), who, clock.UtcNow.Ticks.ToString(CultureInfo.InvariantCulture), fileName));
        return token;
    }

    /// <summary>The parked upload, or null when the token is malformed, unknown or expired.</summary>
    public ParkedUpload? Find(string? token)
    {
        if (token is not { Length: 32 } || token.AsSpan().IndexOfAnyExcept("0123456789abcdef") >= 0)
        {
            return null;
        }

        var meta = Path.Combine(Folder, token + ".meta");
        var content = Path.Combine(Folder, token + ".json");
        if (!File.Exists(meta) || !File.Exists(content))
        {
            return null;
        }

        var lines = File.ReadAllText(meta).Split('\n', 4);
        if (lines.Length != 4 || !Enum.TryParse<UploadKind>(lines[0], out var kind) || !long.TryParse(lines[2], CultureInfo.InvariantCulture, out var ticks))
        {
            return null;
        }

        var parked = new DateTime(ticks, DateTimeKind.Utc);
        return Expired(parked) ? null : new ParkedUpload(token, kind, lines[3], lines[1], parked, content);
    }

    public void Discard(string token)
    {
        if (Find(token) is not null)
        {
            File.Delete(Path.Combine(Folder, token + ".json"));
            File.Delete(Path.Combine(Folder, token + ".meta"));
        }
    }

    private bool Expired(DateTime parkedAtUtc) => (clock.UtcNow - parkedAtUtc).Duration() > Lifetime;

    private void Sweep()
    {
        foreach (var meta in Directory.EnumerateFiles(Folder, "*.meta"))
        {
            var token = Path.GetFileNameWithoutExtension(meta);
            if (Find(token) is null)
            {
                File.Delete(meta);
                File.Delete(Path.Combine(Folder, token + ".json"));
            }
        }
    }
}
