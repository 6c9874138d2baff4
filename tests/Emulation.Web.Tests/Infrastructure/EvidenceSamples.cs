using System.IO.Compression;
using System.Text;

namespace Emulation.Web.Tests;

/// <summary>Small real files of each kind an upload may be, built here rather than checked in.</summary>
internal static class EvidenceSamples
{
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    public static readonly byte[] Png =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
        0x00, 0x00, 0x00, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE,
        0x00, 0x00, 0x00, 0x00, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82,
    ];

    public static readonly byte[] Jpeg =
    [
        0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xD9,
    ];

    public static readonly byte[] Docx = Zip(
        ("[Content_Types].xml", ContentTypes("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")),
        ("_rels/.rels", Relationships("word/document.xml")),
        ("word/document.xml", """<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Báo cáo tháng 11</w:t></w:r></w:p></w:body></w:document>"""));

    public static readonly byte[] Xlsx = Zip(
        ("[Content_Types].xml", ContentTypes("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")),
        ("_rels/.rels", Relationships("xl/workbook.xml")),
        ("xl/workbook.xml", """<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>"""));

    /// <summary>The 512-byte header of an OLE2 compound file, as Word and Excel 97–2003 write.</summary>
    public static readonly byte[] CompoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

    public static readonly byte[] Exe = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, .. "This program cannot be run in DOS mode."u8];

    public static readonly byte[] PlainZip = Zip(("readme.txt", "Không phải tài liệu Office."));

    /// <summary>A zip with a Word document's main part but not the package's content types.</summary>
    public static readonly byte[] ZipWithoutContentTypes = Zip(("word/document.xml", "<w:document/>"), ("xl/workbook.xml", "<workbook/>"));

    /// <summary>A .docx cut in half: a zip's local header with no central directory.</summary>
    public static readonly byte[] CorruptZip = Docx[..(Docx.Length / 2)];

    /// <summary>Samples by name, for theories.</summary>
    public static readonly IReadOnlyDictionary<string, byte[]> ByName = new Dictionary<string, byte[]>
    {
        ["pdf"] = Pdf,
        ["png"] = Png,
        ["jpeg"] = Jpeg,
        ["docx"] = Docx,
        ["xlsx"] = Xlsx,
        ["ole2"] = CompoundFile,
        ["exe"] = Exe,
        ["zip"] = PlainZip,
        ["zip without content types"] = ZipWithoutContentTypes,
        ["corrupt zip"] = CorruptZip,
        ["html"] = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"u8.ToArray(),
        ["svg"] = """<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"""u8.ToArray(),
        ["text"] = "Báo cáo tháng 11: đã hoàn thành."u8.ToArray(),
        ["two bytes"] = [0xFF, 0xD8],
    };

    /// <summary>A PDF of exactly <paramref name="size"/> bytes.</summary>
    public static byte[] PdfOfSize(long size)
    {
        var bytes = new byte[size];
        Array.Fill(bytes, (byte)' ');
        Pdf.CopyTo(bytes, 0);
        return bytes;
    }

    private static byte[] Zip(params (string Name, string Text)[] entries)
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(text);
            }
        }

        return bytes.ToArray();
    }

    private static string ContentTypes(string mainPart, string mainType) =>
        $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
          <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
          <Default Extension="xml" ContentType="application/xml"/>
          <Override PartName="{mainPart}" ContentType="{mainType}"/>
        </Types>
        """;

    private static string Relationships(string mainPart) =>
        $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
          <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{mainPart}"/>
        </Relationships>
        """;
}
