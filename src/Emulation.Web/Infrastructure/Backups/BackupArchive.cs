using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json;
using Emulation.Web.Domain;
using Microsoft.Data.Sqlite;

namespace Emulation.Web.Infrastructure.Backups;

/// <summary>
/// One backup as a file: a gzip-compressed tar holding <c>emulation-backup.json</c> (what it is and
/// when it was made), <c>emulation.db</c> (a consistent copy made with SQLite's <c>VACUUM INTO</c>)
/// , <c>evidence/ab/abcd…</c> (every stored evidence file) and the campaign and units files activated
/// on /Admin/Campaigns (<c>campaigns/&lt;id&gt;.json</c>, <c>units.json</c>). <see cref="Restore"/> puts a backup
/// back; it refuses, changing nothing, any file that is not such an archive.
/// </summary>
public static class BackupArchive
{
    public const string Extension = ".tar.gz";
    public const string ManifestName = "emulation-backup.json";
    public const string DatabaseName = "emulation.db";
    public const string EvidenceFolder = "evidence";
    public const string CampaignsFolder = "campaigns";
    public const string UnitsFile = "units.json";
    public const string Application = "Emulation";

    private static readonly byte[] SqliteHeader = "SQLite format 3\0"u8.ToArray();

    /// <summary>What the archive says of itself.</summary>
    public sealed record Manifest(string Application, int Format, DateTime CreatedAtUtc, string CreatedBy, int EvidenceFiles);

    /// <summary>
    /// Writes a backup of the database at <paramref name="connectionString"/> and of the evidence
    /// folder under <paramref name="dataPath"/> to <paramref name="target"/> (written beside it
    /// first, then renamed, so a half-written archive never carries the name).
    /// </summary>
    public static async Task<Manifest> Create(string connectionString, string dataPath, string target, DateTime createdAtUtc, string createdBy, CancellationToken ct)
    {
        var folder = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(folder);
        var work = Path.Combine(folder, $".tmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var copy = Path.Combine(work, DatabaseName);
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString()))
            {
                await connection.OpenAsync(ct);
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA busy_timeout = 5000; VACUUM INTO $path;";
                command.Parameters.AddWithValue("$path", copy);
                await command.ExecuteNonQueryAsync(ct);
            }

            var evidenceRoot = Path.Combine(dataPath, EvidenceFolder);
            var evidence = Directory.Exists(evidenceRoot)
                ? Directory.EnumerateFiles(evidenceRoot, "*", SearchOption.AllDirectories)
                    .Where(f => IsEvidencePath(Path.GetRelativePath(dataPath, f).Replace('\\', '/')))
                    .Order(StringComparer.Ordinal)
                    .ToList()
                : [];
            var campaignsRoot = Path.Combine(dataPath, CampaignsFolder);
            var activated = (Directory.Exists(campaignsRoot) ? Directory.EnumerateFiles(campaignsRoot, "*.json", SearchOption.TopDirectoryOnly) : [])
                .Append(Path.Combine(dataPath, UnitsFile))
                .Where(f => File.Exists(f) && IsActivatedFilePath(Path.GetRelativePath(dataPath, f).Replace('\\', '/')))
                .Order(StringComparer.Ordinal)
                .ToList();
            var manifest = new Manifest(Application, 1, createdAtUtc, createdBy, evidence.Count);
            var partial = Path.Combine(work, "archive" + Extension);
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await using (var gzip = new GZipStream(file, CompressionLevel.Optimal, leaveOpen: true))
                {
                    await using var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true);
                    var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest));
                    await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, ManifestName) { DataStream = json }, ct);
                    await tar.WriteEntryAsync(copy, DatabaseName, ct);
                    foreach (var path in evidence.Concat(activated))
                    {
                        await tar.WriteEntryAsync(path, Path.GetRelativePath(dataPath, path).Replace('\\', '/'), ct);
                    }
                }

                await file.FlushAsync(ct);
                file.Flush(flushToDisk: true);
            }

            File.Move(partial, target, overwrite: false);
            return manifest;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// Puts a backup back: the database to <paramref name="databasePath"/> and the evidence files
    /// under <paramref name="dataPath"/>. The archive is read whole and checked into a folder beside
    /// the database first; nothing in place changes unless it is a backup of this application. An
    /// existing database is refused unless <paramref name="replace"/>, which keeps it beside as
    /// <c>emulation.db.before-restore-…</c>.
    /// </summary>
    /// <exception cref="DomainException">
    /// <c>Backup.NotABackup</c> [file], <c>Backup.Missing</c> [file] or <c>Backup.DatabaseExists</c> [path].
    /// </exception>
    public static async Task<Manifest> Restore(string archive, string databasePath, string dataPath, bool replace, DateTime nowUtc, CancellationToken ct)
    {
        if (!File.Exists(archive))
        {
            throw new DomainException("Backup.Missing", archive);
        }

        if (File.Exists(databasePath) && !replace)
        {
            throw new DomainException("Backup.DatabaseExists", databasePath);
        }

        var databaseFolder = Path.GetDirectoryName(Path.GetFullPath(databasePath))!;
        Directory.CreateDirectory(databaseFolder);
        Directory.CreateDirectory(dataPath);
        var staging = Path.Combine(databaseFolder, $".restore-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var manifest = await Unpack(archive, staging, ct) ?? throw new DomainException("Backup.NotABackup", Path.GetFileName(archive));

            if (File.Exists(databasePath))
            {
                File.Move(databasePath, $"{databasePath}.before-restore-{nowUtc:yyyyMMddHHmmss}");
            }

            foreach (var suffix in new[] { "-wal", "-shm" })
            {
                File.Delete(databasePath + suffix);
            }

            File.Move(Path.Combine(staging, DatabaseName), databasePath);
            var stagedEvidence = Path.Combine(staging, EvidenceFolder);
            if (Directory.Exists(stagedEvidence))
            {
                foreach (var file in Directory.EnumerateFiles(stagedEvidence, "*", SearchOption.AllDirectories))
                {
                    var destination = Path.Combine(dataPath, Path.GetRelativePath(staging, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    // Evidence is stored by content: a file already there holds the same bytes.
                    if (!File.Exists(destination))
                    {
                        File.Move(file, destination);
                    }
                }
            }

            // The activated campaign and units files go back with the database that records them.
            foreach (var name in Directory.EnumerateFiles(staging, "*.json", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(staging, f).Replace('\\', '/'))
                .Where(IsActivatedFilePath))
            {
                var destination = Path.Combine(dataPath, name);
                PrivateFiles.CreateFolder(Path.GetDirectoryName(destination)!);
                File.Move(Path.Combine(staging, name), destination, overwrite: true);
                PrivateFiles.Restrict(destination, folder: false);
            }

            return manifest;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Reads a backup's manifest without unpacking it; null when the file is not a backup.</summary>
    public static async Task<Manifest?> ReadManifest(string archive, CancellationToken ct)
    {
        try
        {
            await using var file = File.OpenRead(archive);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            var entry = await tar.GetNextEntryAsync(copyData: false, ct);
            return entry is { Name: ManifestName, DataStream: { } data } ? await ParseManifest(data, ct) : null;
        }
        catch (Exception e) when (e is InvalidDataException or IOException or JsonException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static async Task<Manifest?> Unpack(string archive, string staging, CancellationToken ct)
    {
        try
        {
            await using var file = File.OpenRead(archive);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            Manifest? manifest = null;
            var database = false;
            while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                if (entry.EntryType is TarEntryType.Directory)
                {
                    continue;
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null)
                {
                    return null;
                }

                if (entry.Name == ManifestName)
                {
                    manifest = await ParseManifest(entry.DataStream, ct);
                    continue;
                }

                if (entry.Name != DatabaseName && !IsEvidencePath(entry.Name) && !IsActivatedFilePath(entry.Name))
                {
                    return null;
                }

                var destination = Path.Combine(staging, entry.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                await using (var output = File.Create(destination))
                {
                    await entry.DataStream.CopyToAsync(output, ct);
                }

                database |= entry.Name == DatabaseName;
            }

            return manifest is { Application: Application } && database && HasSqliteHeader(Path.Combine(staging, DatabaseName)) ? manifest : null;
        }
        catch (Exception e) when (e is InvalidDataException or JsonException or FormatException or ArgumentException or EndOfStreamException)
        {
            return null;
        }
    }

    private static async Task<Manifest?> ParseManifest(Stream data, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await data.CopyToAsync(buffer, ct);
        return buffer.Length > 64 * 1024 ? null : JsonSerializer.Deserialize<Manifest>(buffer.ToArray());
    }

    private static bool HasSqliteHeader(string path)
    {
        var header = new byte[SqliteHeader.Length];
        using var file = File.OpenRead(path);
        return file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false) == header.Length && header.AsSpan().SequenceEqual(SqliteHeader);
    }

    /// <summary><c>units.json</c> or <c>campaigns/&lt;id&gt;.json</c> with a plain campaign id (letters, digits, '-', '_', '.').</summary>
    private static bool IsActivatedFilePath(string name)
    {
        if (name == UnitsFile)
        {
            return true;
        }

        var parts = name.Split('/');
        return parts is [CampaignsFolder, { Length: > 5 and <= 128 } file]
            && file.EndsWith(".json", StringComparison.Ordinal)
            && !file.StartsWith('.')
            && !file.Contains("..", StringComparison.Ordinal)
            && file.AsSpan().IndexOfAnyExcept("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") < 0;
    }

    /// <summary><c>evidence/ab/ab…</c> with a 64-character lower-case SHA-256: the only other names an archive holds.</summary>
    private static bool IsEvidencePath(string name)
    {
        var parts = name.Split('/');
        return parts is [EvidenceFolder, { Length: 2 } prefix, { Length: 64 } hash]
            && hash.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0
            && hash.StartsWith(prefix, StringComparison.Ordinal);
    }
}
