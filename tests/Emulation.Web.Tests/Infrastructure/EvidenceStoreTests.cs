using System.Security.Cryptography;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Emulation.Web.Infrastructure.Evidence;
using Microsoft.Extensions.Options;

namespace Emulation.Web.Tests;

public sealed class EvidenceStoreTests
{
    private readonly string folder = TestFolders.Create("evidence");
    private readonly EvidenceStore store;

    public EvidenceStoreTests() => store = new EvidenceStore(Options.Create(new EmulationOptions { DataDirectory = folder }));

    [Theory]
    [InlineData("pdf", "Báo cáo tháng 11.pdf", EvidenceTypes.Pdf)]
    [InlineData("png", "Ảnh hội nghị.PNG", EvidenceTypes.Png)]
    [InlineData("jpeg", "Ảnh hội nghị.jpeg", EvidenceTypes.Jpeg)]
    [InlineData("docx", "Kế hoạch 125-KH-UBND.docx", EvidenceTypes.Docx)]
    [InlineData("xlsx", "Bảng điểm.xlsx", EvidenceTypes.Xlsx)]
    [InlineData("ole2", "Công văn 2016.doc", EvidenceTypes.Doc)]
    [InlineData("ole2", "Bảng điểm 2016.xls", EvidenceTypes.Xls)]
    public async Task Each_accepted_type_is_stored_under_its_hash_and_reads_back_unchanged(string sample, string fileName, string contentType)
    {
        var bytes = EvidenceSamples.ByName[sample];
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var stored = await Save(bytes, fileName);

        Assert.Equal(new StoredFile(sha256, fileName, contentType, bytes.Length), stored);
        Assert.Equal([Path.Combine(folder, "evidence", sha256[..2], sha256)], StoredFiles());
        Assert.Equal(bytes, await ReadBack(sha256));
    }

    [Fact]
    public async Task The_same_content_uploaded_twice_is_stored_once_and_the_stored_file_is_kept()
    {
        var first = await Save(EvidenceSamples.Pdf, "Kế hoạch.pdf");
        var path = Assert.Single(StoredFiles());
        var marked = new DateTime(2017, 1, 12, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, marked);

        var second = await Save(EvidenceSamples.Pdf, "Kế hoạch (bản sao).pdf");

        Assert.Equal(first.Sha256, second.Sha256);
        Assert.Equal("Kế hoạch (bản sao).pdf", second.FileName);
        Assert.Equal([path], StoredFiles());
        Assert.Equal(marked, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public async Task The_name_is_kept_trimmed_and_in_composed_Unicode()
    {
        // "Báo cáo.pdf" as macOS sends it: each á an a followed by a combining acute accent.
        var stored = await Save(EvidenceSamples.Pdf, "  Ba\u0301o ca\u0301o.pdf ");

        Assert.Equal("B\u00E1o c\u00E1o.pdf", stored.FileName);
    }

    [Theory]
    [InlineData("exe", "báo cáo.pdf")]
    [InlineData("png", "ảnh.pdf")]
    [InlineData("zip", "kế hoạch.docx")]
    [InlineData("corrupt zip", "kế hoạch.docx")]
    [InlineData("html", "trang.pdf")]
    [InlineData("svg", "ảnh.svg")]
    [InlineData("text", "ghi chú.txt")]
    public async Task Content_of_another_type_than_its_name_says_or_of_no_accepted_type_is_refused(string sample, string fileName)
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() => Save(EvidenceSamples.ByName[sample], fileName));

        Assert.Equal("Evidence.BadType", refused.Key);
        Assert.Equal([fileName], refused.Arguments);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() => Save([], "trống.pdf"));

        Assert.Equal("Evidence.Empty", refused.Key);
        Assert.Equal(["trống.pdf"], refused.Arguments);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task A_file_one_byte_over_10_MB_is_refused_and_leaves_nothing_behind()
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() => Save(EvidenceSamples.PdfOfSize(EvidenceStore.MaxFileSize + 1), "lớn.pdf"));

        Assert.Equal("Evidence.TooLarge", refused.Key);
        Assert.Equal(["lớn.pdf", 10], refused.Arguments);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(folder, "evidence", "tmp")));
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task An_endless_upload_is_read_only_just_past_10_MB()
    {
        var endless = new EndlessStream();

        var refused = await Assert.ThrowsAsync<DomainException>(() => store.Save(endless, "vô tận.pdf", CancellationToken.None));

        Assert.Equal("Evidence.TooLarge", refused.Key);
        Assert.InRange(endless.Given, EvidenceStore.MaxFileSize + 1, EvidenceStore.MaxFileSize + (128 * 1024));
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task A_file_of_exactly_10_MB_is_accepted()
    {
        var bytes = EvidenceSamples.PdfOfSize(EvidenceStore.MaxFileSize);

        var stored = await Save(bytes, "đúng 10 MB.pdf");

        Assert.Equal(EvidenceStore.MaxFileSize, stored.Size);
        Assert.Equal(bytes, await ReadBack(stored.Sha256));
    }

    public static TheoryData<string> BadNames => new()
    {
        "",
        "   ",
        "..",
        "../x.pdf",
        "..\\x.pdf",
        "a/b.pdf",
        "a\\b.pdf",
        "C:\\fakepath\\x.pdf",
        "/etc/passwd.pdf",
        "báo cáo..pdf",
        "x\u0000.pdf",
        "x\n.pdf",
        "x\u007F.pdf",
        "x\u202E.pdf",
        "báo cáo\u202Efdp.exe",
        "x\u2066.pdf",
        "x\uD800.pdf",
        new string('a', 197) + ".pdf",
    };

    [Theory]
    [MemberData(nameof(BadNames), DisableDiscoveryEnumeration = true)]
    public async Task A_name_that_could_leave_the_folder_or_disguise_the_file_is_refused(string fileName)
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() => Save(EvidenceSamples.Pdf, fileName));

        Assert.Equal("Evidence.BadName", refused.Key);
        Assert.Empty(StoredFiles());
    }

    [Fact]
    public async Task A_name_of_200_characters_is_accepted()
    {
        var name = new string('a', 196) + ".pdf";

        var stored = await Save(EvidenceSamples.Pdf, name);

        Assert.Equal(name, stored.FileName);
    }

    [Fact]
    public async Task A_refused_name_goes_back_into_the_message_harmless_and_cut_short()
    {
        var reversed = await Assert.ThrowsAsync<DomainException>(() => Save(EvidenceSamples.Pdf, "báo cáo\u202Efdp.exe"));
        var long201 = await Assert.ThrowsAsync<DomainException>(() => Save(EvidenceSamples.Pdf, new string('a', 201)));

        Assert.Equal(["báo cáo\uFFFDfdp.exe"], reversed.Arguments);
        Assert.Equal([new string('a', 200) + "…"], long201.Arguments);
    }

    [Fact]
    public async Task Open_answers_not_found_for_anything_but_the_lower_case_hash_of_a_stored_file()
    {
        var stored = await Save(EvidenceSamples.Pdf, "x.pdf");
        // Where an upper-case hash leads on a case-insensitive disk (Windows, macOS): only the check refuses it.
        var upper = stored.Sha256.ToUpperInvariant();
        Directory.CreateDirectory(Path.Combine(folder, "evidence", upper[..2]));
        File.Copy(Path.Combine(folder, "evidence", stored.Sha256[..2], stored.Sha256), Path.Combine(folder, "evidence", upper[..2], upper));
        string[] asked =
        [
            "../../etc/passwd",
            "../" + stored.Sha256[3..],
            upper,
            stored.Sha256[..63],
            stored.Sha256 + "0",
            stored.Sha256[..2] + new string('0', 62),
            new string('0', 64),
            "",
        ];

        Assert.All(asked, sha256 => Assert.Throws<NotFoundException>(() => store.Open(sha256)));
        Assert.Equal(EvidenceSamples.Pdf, await ReadBack(stored.Sha256));
    }

    private Task<StoredFile> Save(byte[] bytes, string fileName) => store.Save(new MemoryStream(bytes), fileName, CancellationToken.None);

    private async Task<byte[]> ReadBack(string sha256)
    {
        await using var stored = store.Open(sha256);
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Every file under the data folder, the temporary folder included.</summary>
    private string[] StoredFiles() =>
        Directory.Exists(folder) ? [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)] : [];

    /// <summary>An upload that never ends, counting what it gave.</summary>
    private sealed class EndlessStream : Stream
    {
        public long Given { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Given; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            buffer.Fill((byte)'%');
            Given += buffer.Length;
            return buffer.Length;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
