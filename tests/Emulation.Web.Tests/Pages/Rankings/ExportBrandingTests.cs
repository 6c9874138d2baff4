using AngleSharp.Html.Dom;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Emulation.Web.Infrastructure;
using MiniExcelLibs;

namespace Emulation.Web.Tests;

/// <summary>
/// The saved branding on the exports: the A4 report's heading and footer, the workbooks' and award
/// documents' properties (author, description); the CSV and JSON exports are byte contracts and stay as they were.
/// </summary>
public sealed class ExportBrandingTests
{
    private const string Issuer = "Ủy ban nhân dân tỉnh Đồng Tháp";

    [Fact]
    public async Task The_report_and_the_workbooks_carry_the_saved_branding_while_csv_and_json_stay_byte_for_byte()
    {
        using var factory = new EmulationFactory();
        var rows = ImportSupport.Rows(factory.Campaign(), await factory.Members(), [1]).ToList();
        Assert.True((await factory.Import(ImportSupport.Bytes(ImportSupport.Csv(rows)))).Succeeded);
        await factory.Publish(1);
        var noivu = await factory.LoggedIn("noivu");
        string[] contracts = ["/Rankings/Export/Standings?month=1", "/Rankings/Export/Standings?month=1&format=csv", "/Rankings/Export/Entries"];
        var before = new List<byte[]>();
        foreach (var url in contracts)
        {
            before.Add(await noivu.GetByteArrayAsync(new Uri(url, UriKind.Relative)));
        }

        var admin = await factory.LoggedIn("admin");
        var form = await admin.GetDocument("/Admin/Branding");
        var fields = Forms.Fields((IHtmlFormElement)form.QuerySelector("#branding-form")!);
        fields.Set("Input.Province", "Đồng Tháp");
        fields.Set("Input.IssuingBody", Issuer);
        fields.Set("Input.HelpDeskPhone", "0277 3 851 234");
        fields.Set("Input.HelpDeskEmail", "hotro@dongthap.gov.vn");
        (await admin.Post("/Admin/Branding", fields)).Redirected("/Admin/Branding?saved=True");

        var report = await noivu.GetDocument("/Rankings/Report?month=1");
        Assert.Contains("UBND TỈNH ĐỒNG THÁP", report.QuerySelector(".doc-heading")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("Đồng Tháp, ngày", report.QuerySelector(".place-date")!.TextContent, StringComparison.Ordinal);
        var footer = report.QuerySelector(".doc-footer")!.TextContent;
        Assert.Contains(Issuer, footer, StringComparison.Ordinal);
        Assert.Contains("hotro@dongthap.gov.vn", footer, StringComparison.Ordinal);

        foreach (var url in new[] { "/Rankings/Export/Standings?month=1&format=xlsx", "/Rankings/Export/Entries?format=xlsx" })
        {
            var workbook = await noivu.GetByteArrayAsync(new Uri(url, UriKind.Relative));
            using (var stream = new MemoryStream(workbook))
            using (var document = SpreadsheetDocument.Open(stream, isEditable: false))
            {
                Assert.Equal(Issuer, document.PackageProperties.Creator);
                Assert.Contains("0277 3 851 234", document.PackageProperties.Description, StringComparison.Ordinal);
                Assert.False(string.IsNullOrEmpty(document.PackageProperties.Title));
            }

            // The first row is still the header row scripts and the import read.
            using var cells = new MemoryStream(workbook);
            var first = cells.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().First();
            Assert.Contains(first.Values, v => v is "Hạng trong khối" or "unit" or "Mã đơn vị");
        }

        for (var i = 0; i < contracts.Length; i++)
        {
            Assert.Equal(before[i], await noivu.GetByteArrayAsync(new Uri(contracts[i], UriKind.Relative)));
        }
    }

    [Fact]
    public void An_award_document_names_the_issuing_body_and_the_help_desk_in_its_properties_and_keeps_its_text()
    {
        using var original = new MemoryStream();
        using (var word = WordprocessingDocument.Create(original, DocumentFormat.OpenXml.WordprocessingDocumentType.Document))
        {
            word.AddMainDocumentPart().Document = new Document(new Body(new Paragraph(new Run(new Text("Tờ trình")))));
        }

        var brand = new BrandingView("Đồng Tháp", Issuer, null, "hotro@dongthap.gov.vn", 1, true);

        var stamped = DocumentProperties.Stamp(original.ToArray(), brand, "Tờ trình đề nghị khen thưởng năm 2017");

        using var stream = new MemoryStream(stamped);
        using var document = WordprocessingDocument.Open(stream, isEditable: false);
        Assert.Equal(Issuer, document.PackageProperties.Creator);
        Assert.Equal("Tờ trình đề nghị khen thưởng năm 2017", document.PackageProperties.Title);
        Assert.Equal("Tỉnh Đồng Tháp · Ủy ban nhân dân tỉnh Đồng Tháp · E-mail: hotro@dongthap.gov.vn", document.PackageProperties.Description);
        Assert.Equal("Tờ trình", document.MainDocumentPart!.Document!.Body!.InnerText);
    }
}
