using DocumentFormat.OpenXml.Packaging;

namespace Emulation.Web.Infrastructure;

/// <summary>
/// Brands an Office file the application writes (.xlsx, .docx): the issuing body as its author, a
/// title, and the province and help desk in its description, shown by Excel and Word under File ›
/// Info. Cells and text are left exactly as they are: the workbooks' first row stays the header
/// row the import and scripts read.
/// </summary>
public static class DocumentProperties
{
    public static byte[] Stamp(byte[] office, BrandingView brand, string title)
    {
        ArgumentNullException.ThrowIfNull(office);
        ArgumentNullException.ThrowIfNull(brand);
        using var stream = new MemoryStream();
        stream.Write(office);
        stream.Position = 0;
        var spreadsheet = IsSpreadsheet(stream);
        using (OpenXmlPackage package = spreadsheet ? SpreadsheetDocument.Open(stream, isEditable: true) : WordprocessingDocument.Open(stream, isEditable: true))
        {
            package.PackageProperties.Creator = brand.IssuingBody;
            package.PackageProperties.Title = title;
            package.PackageProperties.Description = Contacts(brand);
        }

        return stream.ToArray();
    }

    /// <summary>"Tiền Giang · UBND tỉnh Tiền Giang · Điện thoại hỗ trợ: … · E-mail: …"</summary>
    public static string Contacts(BrandingView brand)
    {
        ArgumentNullException.ThrowIfNull(brand);
        var parts = new List<string> { $"Tỉnh {brand.Province}", brand.IssuingBody };
        if (brand.HelpDeskPhone is { } phone)
        {
            parts.Add($"Điện thoại hỗ trợ: {phone}");
        }

        if (brand.HelpDeskEmail is { } email)
        {
            parts.Add($"E-mail: {email}");
        }

        return string.Join(" · ", parts);
    }

    private static bool IsSpreadsheet(MemoryStream stream)
    {
        using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
        var spreadsheet = zip.GetEntry("xl/workbook.xml") is not null;
        stream.Position = 0;
        return spreadsheet;
    }
}
