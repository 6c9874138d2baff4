namespace Emulation.Web.Infrastructure.Notifications;

/// <summary>How the connection to the mail server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text: only for a relay on the same machine or network.</summary>
    None,

    /// <summary>Connect in plain text, then require STARTTLS (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Ssl,
}

/// <summary>
/// The <c>Emulation:Smtp</c> configuration section. Without a <see cref="Host"/> nothing is sent:
/// every message is still recorded in the outbox.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Emulation:Smtp";

    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Signs in to the mail server when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Thi đua CCHC &lt;thidua@snv.tiengiang.gov.vn&gt;</c>; required with a host.</summary>
    public string? From { get; set; }

    /// <summary>The application's address (e.g. <c>https://thidua.tiengiang.gov.vn</c>): messages link to pages under it.</summary>
    public string? SiteUrl { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    /// <summary>Whether the settings can work: a host needs a port and a sender; a site address is absolute.</summary>
    public bool IsValid =>
        (!IsConfigured || (Port is > 0 and <= 65535 && MimeKit.MailboxAddress.TryParse(From ?? "", out _)))
        && (string.IsNullOrWhiteSpace(SiteUrl) || (Uri.TryCreate(SiteUrl, UriKind.Absolute, out var site) && site.Scheme is "http" or "https"));
}
