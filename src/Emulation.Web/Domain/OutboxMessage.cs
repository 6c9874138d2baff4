namespace Emulation.Web.Domain;

/// <summary>
/// The e-mail of one notice, recorded whether or not it can be sent: addressed to the e-mail
/// addresses of the notice's readers (none when nobody has one), the text in Vietnamese and, below
/// it, in English. A sender takes an attempt (<see cref="BeginAttempt"/>; <see cref="Attempts"/> is
/// the concurrency token, so two servers never both take the same one), then records the outcome.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxToLength = 4000;
    public const int MaxSubjectLength = 256;
    public const int MaxBodyLength = 8000;
    public const int MaxErrorLength = 1000;

    /// <summary>After this many failed attempts a message is given up.</summary>
    public const int MaxAttempts = 5;

    private OutboxMessage(DateTime createdAtUtc, string to, string subject, string body)
    {
        CreatedAtUtc = createdAtUtc;
        To = to;
        Subject = subject;
        Body = body;
    }

    public long Id { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    /// <summary>The addresses, comma-separated; empty when none of the readers has an e-mail address.</summary>
    public string To { get; private set; }

    public string Subject { get; private set; }
    public string Body { get; private set; }
    public long NotificationId { get; private set; }
    public Notification? Notification { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public int Attempts { get; private set; }

    /// <summary>Not to be tried again before this instant (the backoff after a failure).</summary>
    public DateTime? NextAttemptAtUtc { get; private set; }

    public string? LastError { get; private set; }

    public bool HasAddress => To.Length > 0;

    public bool GivenUp => SentAtUtc is null && Attempts >= MaxAttempts;

    public static OutboxMessage For(Notification notification, IReadOnlyCollection<string> to, string subject, string body, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(body);
        var addresses = string.Join(", ", to.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a.Trim()).Distinct(StringComparer.OrdinalIgnoreCase));
        return new OutboxMessage(utcNow, Cut(addresses, MaxToLength), Cut(subject.ReplaceLineEndings(" "), MaxSubjectLength), Cut(body, MaxBodyLength))
        {
            Notification = notification,
        };
    }

    /// <summary>Takes the next attempt: refused when the message was sent, has no address, was given up or waits for its backoff.</summary>
    public void BeginAttempt(DateTime utcNow)
    {
        if (SentAtUtc is not null || !HasAddress || Attempts >= MaxAttempts || (NextAttemptAtUtc is { } next && next > utcNow))
        {
            throw new InvalidOperationException($"Outbox message {Id} is not due for sending.");
        }

        Attempts++;
        // Reserved while it is being sent; a failure keeps this as the backoff.
        NextAttemptAtUtc = utcNow + Backoff(Attempts);
    }

    public void Delivered(DateTime utcNow)
    {
        SentAtUtc = utcNow;
        NextAttemptAtUtc = null;
        LastError = null;
    }

    public void Failed(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        LastError = Cut(error, MaxErrorLength);
    }

    /// <summary>The wait after the n-th attempt: 1, 4, 16, 64 minutes …</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromMinutes(Math.Pow(4, Math.Max(0, attempts - 1)));

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}
