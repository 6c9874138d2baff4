using Emulation.Web.Infrastructure.Evidence;

namespace Emulation.Web.Tests;

public sealed class EvidenceTypesTests
{
    public static TheoryData<string, string, string?> Cases => new()
    {
        // Each accepted kind, under each of its extensions, in any case.
        { "pdf", "Báo cáo.pdf", EvidenceTypes.Pdf },
        { "pdf", "BÁO CÁO.PDF", EvidenceTypes.Pdf },
        { "png", "ảnh.png", EvidenceTypes.Png },
        { "jpeg", "ảnh.jpg", EvidenceTypes.Jpeg },
        { "jpeg", "ảnh.JPEG", EvidenceTypes.Jpeg },
        { "docx", "kế hoạch.docx", EvidenceTypes.Docx },
        { "xlsx", "bảng điểm.xlsx", EvidenceTypes.Xlsx },
        { "ole2", "công văn cũ.doc", EvidenceTypes.Doc },
        { "ole2", "bảng cũ.XLS", EvidenceTypes.Xls },

        // The name says one accepted kind, the bytes are another.
        { "exe", "báo cáo.pdf", null },
        { "png", "ảnh.pdf", null },
        { "jpeg", "ảnh.png", null },
        { "pdf", "kế hoạch.docx", null },
        { "docx", "bảng điểm.xlsx", null },
        { "xlsx", "kế hoạch.docx", null },
        { "docx", "kế hoạch.doc", null },
        { "ole2", "kế hoạch.docx", null },
        { "two bytes", "ảnh.jpg", null },

        // Not accepted whatever the name.
        { "zip", "kế hoạch.docx", null },
        { "zip", "bảng điểm.xlsx", null },
        { "zip without content types", "kế hoạch.docx", null },
        { "zip without content types", "bảng điểm.xlsx", null },
        { "corrupt zip", "kế hoạch.docx", null },
        { "html", "trang.pdf", null },
        { "html", "trang.html", null },
        { "svg", "ảnh.svg", null },
        { "text", "ghi chú.txt", null },
        { "exe", "chương trình.exe", null },
        { "pdf", "báo cáo.pdf.exe", null },
        { "pdf", "báo cáo", null },
        { "pdf", "", null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_type_is_the_content_s_when_the_extension_names_it(string sample, string fileName, string? expected)
    {
        using var content = new MemoryStream(EvidenceSamples.ByName[sample]);

        Assert.Equal(expected, EvidenceTypes.Detect(content, fileName));
    }

    [Fact]
    public void A_docx_cut_anywhere_is_refused_without_an_exception()
    {
        var docx = EvidenceSamples.Docx;

        for (var length = 0; length < docx.Length; length++)
        {
            using var content = new MemoryStream(docx[..length]);
            Assert.Null(EvidenceTypes.Detect(content, "kế hoạch.docx"));
        }
    }
}
