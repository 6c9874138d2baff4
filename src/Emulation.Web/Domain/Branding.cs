using System.Net.Mail;

namespace Emulation.Web.Domain;

/// <summary>
/// The province's branding and contacts, one row: its name, the body that issues the campaign's
/// documents, and the help desk's phone and e-mail. Shown in the header and footer, on the sign-in
/// and public pages and on printed documents. Until an administrator saves it, the configuration's
/// values stand in (<c>Emulation:Province</c>, <c>IssuingBody</c>, <c>HelpDeskPhone</c>, <c>HelpDeskEmail</c>).
/// </summary>
public sealed class Branding
{
    public const int TheId = 1;
    public const int MaxProvinceLength = 100;
    public const int MaxIssuingBodyLength = 200;
    public const int MaxPhoneLength = 30;
    public const int MaxEmailLength = 254;

    private Branding()
    {
    }

    public int Id { get; private set; } = TheId;
    public string Province { get; private set; } = "";
    public string IssuingBody { get; private set; } = "";
    public string? HelpDeskPhone { get; private set; }
    public string? HelpDeskEmail { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public string UpdatedBy { get; private set; } = "";

    /// <summary>Concurrency token: the form carries it back.</summary>
    public int Version { get; private set; }

    public static Branding Create() => new();

    /// <summary>Sets every field after checking it; returns "field: old → new" lines of what changed.</summary>
    /// <exception cref="DomainException">
    /// <c>Branding.ProvinceRequired</c>, <c>Branding.IssuingBodyRequired</c>, <c>Branding.TooLong</c> [field, max],
    /// <c>Branding.BadPhone</c> or <c>Branding.BadEmail</c>: nothing changes.
    /// </exception>
    public IReadOnlyList<string> Change(string? province, string? issuingBody, string? phone, string? email, string who, DateTime utcNow)
    {
        var p = Clean(province);
        var body = Clean(issuingBody);
        var ph = Clean(phone);
        var em = Clean(email);
        if (p.Length == 0)
        {
            throw new DomainException("Branding.ProvinceRequired");
        }

        if (body.Length == 0)
        {
            throw new DomainException("Branding.IssuingBodyRequired");
        }

        Limit("Branding.Province", p, MaxProvinceLength);
        Limit("Branding.IssuingBody", body, MaxIssuingBodyLength);
        Limit("Branding.Phone", ph, MaxPhoneLength);
        Limit("Branding.Email", em, MaxEmailLength);
        if (ph.Length > 0 && !IsPhone(ph))
        {
            throw new DomainException("Branding.BadPhone");
        }

        if (em.Length > 0 && !IsEmail(em))
        {
            throw new DomainException("Branding.BadEmail");
        }

        var changes = new List<string>();
        Note(changes, "province", Province, p);
        Note(changes, "issuingBody", IssuingBody, body);
        Note(changes, "helpDeskPhone", HelpDeskPhone ?? "", ph);
        Note(changes, "helpDeskEmail", HelpDeskEmail ?? "", em);
        Province = p;
        IssuingBody = body;
        HelpDeskPhone = ph.Length == 0 ? null : ph;
        HelpDeskEmail = em.Length == 0 ? null : em;
        UpdatedAtUtc = utcNow;
        UpdatedBy = who;
        Version++;
        return changes;
    }

    /// <summary>Digits with spaces, dots, dashes, brackets and a leading +; at least 6 digits.</summary>
    public static bool IsPhone(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.StartsWith('+') ? text[1..] : text;
        return body.AsSpan().IndexOfAnyExcept("0123456789 .-()") < 0 && body.Count(char.IsAsciiDigit) is >= 6 and <= 15;
    }

    public static bool IsEmail(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return !text.Any(char.IsWhiteSpace) && MailAddress.TryCreate(text, out var address) && address.Address == text && address.Host.Contains('.', StringComparison.Ordinal);
    }

    private static string Clean(string? text) => (text ?? "").Trim().Normalize(System.Text.NormalizationForm.FormC);

    private static void Limit(string field, string value, int max)
    {
        if (value.Length > max)
        {
            throw new DomainException("Branding.TooLong", field, max);
        }
    }

    private static void Note(List<string> changes, string field, string old, string value)
    {
        if (!string.Equals(old, value, StringComparison.Ordinal))
        {
            changes.Add($"{field}: {old} → {value}");
        }
    }
}
