namespace Emulation.Web.Domain;

/// <summary>
/// A file proving an entry (tài liệu kiểm chứng). The bytes are stored once by their SHA-256 under
/// the data folder; this row says which entry they prove, under which name, and who gave them.
/// </summary>
public sealed class EvidenceFile
{
    public const int MaxFileNameLength = 200;

    private EvidenceFile(string criterion, string sha256, string fileName, string contentType, long size, string uploadedBy, DateTime uploadedAtUtc)
    {
        Criterion = criterion;
        Sha256 = sha256;
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        UploadedBy = uploadedBy;
        UploadedAtUtc = uploadedAtUtc;
    }

    public int Id { get; private set; }
    public int SubmissionId { get; private set; }
    public string Criterion { get; private set; }

    /// <summary>The content's SHA-256, lower-case hex: where the bytes are stored.</summary>
    public string Sha256 { get; private set; }

    /// <summary>The name the file had on the uploader's computer.</summary>
    public string FileName { get; private set; }

    public string ContentType { get; private set; }
    public long Size { get; private set; }
    public string UploadedBy { get; private set; }
    public DateTime UploadedAtUtc { get; private set; }

    internal static EvidenceFile Create(string criterion, StoredFile file, string who, DateTime utcNow) =>
        new(criterion, file.Sha256, file.FileName, file.ContentType, file.Size, who, utcNow);
}

/// <summary>A file already stored by content: what an upload hands to the submission.</summary>
public sealed record StoredFile(string Sha256, string FileName, string ContentType, long Size);

/// <summary>
/// A reference to an official document proving an entry instead of a file: its number (số văn
/// bản), date and issuer, e.g. "125/KH-UBND", 12/01/2017, "UBND huyện Chợ Gạo".
/// </summary>
public sealed class EvidenceReference
{
    public const int MaxNumberLength = 100;
    public const int MaxIssuerLength = 300;

    private EvidenceReference(string criterion, string number, DateOnly issuedOn, string issuer, string addedBy, DateTime addedAtUtc)
    {
        Criterion = criterion;
        Number = number;
        IssuedOn = issuedOn;
        Issuer = issuer;
        AddedBy = addedBy;
        AddedAtUtc = addedAtUtc;
    }

    public int Id { get; private set; }
    public int SubmissionId { get; private set; }
    public string Criterion { get; private set; }
    public string Number { get; private set; }
    public DateOnly IssuedOn { get; private set; }
    public string Issuer { get; private set; }
    public string AddedBy { get; private set; }
    public DateTime AddedAtUtc { get; private set; }

    internal static EvidenceReference Create(string criterion, string number, DateOnly issuedOn, string issuer, string who, DateTime utcNow) =>
        new(criterion, number, issuedOn, issuer, who, utcNow);

    public override string ToString() => $"{Number}, {IssuedOn.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}, {Issuer}";
}
