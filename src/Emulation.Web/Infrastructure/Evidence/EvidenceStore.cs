using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Emulation.Web.Domain;
using Microsoft.Extensions.Options;

namespace Emulation.Web.Infrastructure.Evidence;

/// <summary>
/// The evidence files' bytes, stored once by content under <c>&lt;data folder&gt;/evidence/ab/abcd…</c>
/// (the SHA-256 in lower-case hex, its first two characters as a folder). Who attached which file
/// to what, and under which name, is the database's business (<see cref="EvidenceFile"/>).
/// </summary>
public sealed class EvidenceStore(IOptions<EmulationOptions> options)
{
    /// <summary>The largest file accepted: 10 MB.</summary>
    public const long MaxFileSize = 10 * 1024 * 1024;

    private const int MaxFileSizeInMegabytes = (int)(MaxFileSize / (1024 * 1024));

    private readonly string root = Path.Combine(options.Value.DataPath, "evidence");

    // Beside the stored files, so the finished upload is moved in by a rename on the same disk.
    private string TemporaryFolder => Path.Combine(root, "tmp");

    /// <summary>
    /// Stores an upload: written to a temporary file (never held in memory), checked, hashed and
    /// moved to its place, unless the same content is already stored.
    /// </summary>
    /// <param name="content">The upload, read once from its current position.</param>
    /// <param name="fileName">The name the browser sent.</param>
    /// <param name="ct">Stops reading the upload.</param>
    /// <returns>The content's hash, the cleaned name (trimmed, Unicode composed), type and size.</returns>
    /// <exception cref="DomainException">
    /// <c>Evidence.BadName</c> [name], <c>Evidence.Empty</c> [name], <c>Evidence.TooLarge</c> [name, 10]
    /// or <c>Evidence.BadType</c> [name]: nothing is stored.
    /// </exception>
    public async Task<StoredFile> Save(Stream content, string fileName, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = CleanName(fileName);
        PrivateFiles.CreateFolder(TemporaryFolder);
        var temporary = Path.Combine(TemporaryFolder, Guid.NewGuid().ToString("N"));
        try
        {
            string sha256, contentType;
            long size;
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.ReadWrite, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = PrivateFiles.FileMode;
            }

            await using (var file = new FileStream(temporary, create))
            {
                (sha256, size) = await CopyAndHash(content, file, name, ct);
                if (size == 0)
                {
                    throw new DomainException("Evidence.Empty", name);
                }

                contentType = EvidenceTypes.Detect(file, name) ?? throw new DomainException("Evidence.BadType", name);

                // A stored file is never written again: it must be whole on disk before it has its name.
                file.Flush(flushToDisk: true);
            }

            var target = PathOf(sha256);
            PrivateFiles.CreateFolder(Path.GetDirectoryName(target)!);
            try
            {
                File.Move(temporary, target, overwrite: false);
            }
            catch (IOException) when (File.Exists(target))
            {
                // The same content, stored before or by a simultaneous upload: the same bytes.
            }

            return new StoredFile(sha256, name, contentType, size);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Opens a stored file for reading.</summary>
    /// <param name="sha256">The content's SHA-256: 64 lower-case hex characters.</param>
    /// <exception cref="NotFoundException">The hash is malformed or no such file is stored.</exception>
    public Stream Open(string sha256)
    {
        if (!IsHash(sha256))
        {
            throw new NotFoundException();
        }

        try
        {
            return new FileStream(PathOf(sha256), new FileStreamOptions { Share = FileShare.Read, Options = FileOptions.Asynchronous | FileOptions.SequentialScan });
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new NotFoundException();
        }
    }

    private string PathOf(string sha256) => Path.Combine(root, sha256[..2], sha256);

    private static bool IsHash(string? text) =>
        text is { Length: 64 } && text.AsSpan().IndexOfAnyExcept("0123456789abcdef") < 0;

    private static async Task<(string Sha256, long Size)> CopyAndHash(Stream content, FileStream file, string name, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long size = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > MaxFileSize)
                {
                    throw new DomainException("Evidence.TooLarge", name, MaxFileSizeInMegabytes);
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// The name as it will be shown and offered on download. It is only ever a label (files are
    /// stored by hash), but one that escapes a folder, hides its real extension behind a
    /// right-to-left override or breaks a header is refused rather than quietly repaired.
    /// </summary>
    private static string CleanName(string? fileName)
    {
        var name = fileName?.Trim() ?? "";
        if (name.Length == 0 || name.Contains("..", StringComparison.Ordinal) || !AllCharactersAllowed(name))
        {
            throw new DomainException("Evidence.BadName", Shown(name));
        }

        // macOS sends decomposed Vietnamese (e + combining marks); stored composed, names compare and sort as typed.
        name = name.Normalize(NormalizationForm.FormC);
        if (name.Length > EvidenceFile.MaxFileNameLength)
        {
            throw new DomainException("Evidence.BadName", Shown(name));
        }

        return name;
    }

    private static bool AllCharactersAllowed(string name)
    {
        for (var rest = name.AsSpan(); !rest.IsEmpty;)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done || !IsAllowed(rune))
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }

    // Rune.IsControl also covers U+0080–U+009F, which no real file name holds either.
    private static bool IsAllowed(Rune rune) =>
        !Rune.IsControl(rune) && rune.Value is not ('/' or '\\' or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069));

    /// <summary>A refused name, made harmless to put back in a message.</summary>
    private static string Shown(string name)
    {
        var shown = new StringBuilder();
        foreach (var rune in name.EnumerateRunes())
        {
            if (shown.Length >= EvidenceFile.MaxFileNameLength)
            {
                return shown.Append('…').ToString();
            }

            shown.Append(IsAllowed(rune) ? rune.ToString() : "\uFFFD");
        }

        return shown.ToString();
    }
}
