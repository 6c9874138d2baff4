using System.Collections.Frozen;
using System.IO.Compression;

namespace Emulation.Web.Infrastructure.Evidence;

/// <summary>
/// The kinds of file accepted as evidence. The extension says what a file claims to be and its
/// bytes must prove it: the name and the browser's Content-Type are only the uploader's word.
/// </summary>
public static class EvidenceTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Doc = "application/msword";
    public const string Xls = "application/vnd.ms-excel";

    private static readonly FrozenDictionary<string, (string ContentType, Func<Stream, bool> Proves)> ByExtension =
        new Dictionary<string, (string, Func<Stream, bool>)>
        {
            [".pdf"] = (Pdf, s => StartsWith(s, "%PDF-"u8)),
            [".png"] = (Png, s => StartsWith(s, [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])),
            [".jpg"] = (Jpeg, IsJpeg),
            [".jpeg"] = (Jpeg, IsJpeg),
            [".docx"] = (Docx, s => IsOfficePackage(s, "word/document.xml")),
            [".xlsx"] = (Xlsx, s => IsOfficePackage(s, "xl/workbook.xml")),
            // Word and Excel 97–2003 share one container; telling them apart would mean parsing
            // it, and a wrong guess between the two harms nobody.
            [".doc"] = (Doc, IsCompoundFile),
            [".xls"] = (Xls, IsCompoundFile),
        }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The content type of <paramref name="content"/> when it is an accepted kind and the extension
    /// of <paramref name="fileName"/> names that kind; otherwise <see langword="null"/>.
    /// </summary>
    /// <param name="content">A seekable stream, read from its start; its position is left anywhere.</param>
    /// <param name="fileName">The file's name; only its extension counts, in any case.</param>
    public static string? Detect(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(fileName);
        return ByExtension.TryGetValue(Path.GetExtension(fileName), out var kind) && kind.Proves(content) ? kind.ContentType : null;
    }

    private static bool IsJpeg(Stream content) => StartsWith(content, [0xFF, 0xD8, 0xFF]);

    private static bool IsCompoundFile(Stream content) => StartsWith(content, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);

    private static bool StartsWith(Stream content, ReadOnlySpan<byte> signature)
    {
        content.Position = 0;
        Span<byte> start = stackalloc byte[signature.Length];
        return content.ReadAtLeast(start, start.Length, throwOnEndOfStream: false) == start.Length && start.SequenceEqual(signature);
    }

    /// <summary>An Office Open XML package: a zip holding the content-types part and the document's main part.</summary>
    private static bool IsOfficePackage(Stream content, string mainPart)
    {
        if (!StartsWith(content, "PK\u0003\u0004"u8))
        {
            return false;
        }

        content.Position = 0;
        try
        {
            // Only the central directory is read: nothing is decompressed, so a zip bomb costs nothing.
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            return HasPart(zip, "[Content_Types].xml") && HasPart(zip, mainPart);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    // Part names of a package are case-insensitive (ECMA-376 part 2).
    private static bool HasPart(ZipArchive zip, string name) =>
        zip.Entries.Any(e => string.Equals(e.FullName, name, StringComparison.OrdinalIgnoreCase));
}
