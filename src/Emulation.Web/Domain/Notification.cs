using System.Globalization;
using System.Text.Json;

namespace Emulation.Web.Domain;

/// <summary>What a notice is about.</summary>
public enum NoticeKind
{
    Submitted,
    Resubmitted,
    Returned,
    Verified,
    Reappraised,
    Disputed,
    DisputeAnswered,
    DueSoon,
    DeadlinePassed,
}

/// <summary>Who reads a notice: every person of the unit it concerns, or every verifier.</summary>
public enum NoticeAudience
{
    Unit,
    Verifiers,
}

/// <summary>
/// An in-app notice about one unit's month: to that unit's people (head and staff) or to the
/// verifiers. The text is a resource key and its arguments, so each reader reads it in their own
/// language; <c>{0}</c> is always the unit's name, the stored arguments follow from <c>{1}</c>.
/// Who has read it is kept per person (<see cref="NotificationRead"/>). A notice that must exist
/// once only (a reminder) carries a <see cref="Key"/>, unique in the database.
/// </summary>
public sealed class Notification
{
    public const int MaxKeyLength = 128;
    public const int MaxTextKeyLength = 64;
    public const int MaxArgumentsLength = 1000;

    private Notification(DateTime createdAtUtc, NoticeKind kind, NoticeAudience audience, int unitId, string unitCode, string campaignId, int month,
        string? key, string textKey, string arguments)
    {
        CreatedAtUtc = createdAtUtc;
        Kind = kind;
        Audience = audience;
        UnitId = unitId;
        UnitCode = unitCode;
        CampaignId = campaignId;
        Month = month;
        Key = key;
        TextKey = textKey;
        Arguments = arguments;
    }

    public long Id { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public NoticeKind Kind { get; private set; }
    public NoticeAudience Audience { get; private set; }

    /// <summary>The unit the notice is about; with <see cref="NoticeAudience.Unit"/> also the unit whose people read it.</summary>
    public int UnitId { get; private set; }

    public string UnitCode { get; private set; }
    public string CampaignId { get; private set; }
    public int Month { get; private set; }

    /// <summary>Makes the notice unique (e.g. "due-in-3:tien-giang-2017:CHOGAO:11"); null when it need not be.</summary>
    public string? Key { get; private set; }

    public string TextKey { get; private set; }

    /// <summary>The text's arguments from <c>{1}</c> on, a JSON array of strings and numbers.</summary>
    public string Arguments { get; private set; }

    /// <summary>The page the notice opens: the unit's month for its people, the verification of that month for verifiers.</summary>
    public string Link => LinkFor(Audience, UnitCode, Month);

    public static string LinkFor(NoticeAudience audience, string unitCode, int month) =>
        audience == NoticeAudience.Unit
            ? $"/Assessments/{unitCode}/{month.ToString(CultureInfo.InvariantCulture)}"
            : $"/Verification/{unitCode}/{month.ToString(CultureInfo.InvariantCulture)}";

    public static Notification Create(DateTime utcNow, NoticeKind kind, NoticeAudience audience, int unitId, string unitCode, string campaignId, int month,
        string textKey, IReadOnlyList<object> arguments, string? key = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unitCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(campaignId);
        ArgumentException.ThrowIfNullOrWhiteSpace(textKey);
        ArgumentNullException.ThrowIfNull(arguments);
        if (utcNow.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException("Notice times are UTC.", nameof(utcNow));
        }

        if (key is { Length: > MaxKeyLength } || textKey.Length > MaxTextKeyLength)
        {
            throw new ArgumentException("The key or the text key is too long.", nameof(key));
        }

        if (arguments.Any(a => a is not (string or int or long or decimal)))
        {
            throw new ArgumentException("Notice arguments are strings and numbers.", nameof(arguments));
        }

        var json = JsonSerializer.Serialize(arguments);
        if (json.Length > MaxArgumentsLength)
        {
            throw new ArgumentException("The arguments are too long.", nameof(arguments));
        }

        return new Notification(utcNow, kind, audience, unitId, unitCode, campaignId, month, key, textKey, json);
    }

    /// <summary>The stored arguments, numbers as numbers (so the reader's culture formats them).</summary>
    public static IReadOnlyList<object> ReadArguments(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrEmpty(json) ? "[]" : json);
        return [.. document.RootElement.EnumerateArray().Select(e => e.ValueKind switch
        {
            JsonValueKind.Number when e.TryGetInt64(out var whole) => (object)whole,
            JsonValueKind.Number => e.GetDecimal(),
            _ => e.ToString(),
        })];
    }
}

/// <summary>One person has read one notice.</summary>
public sealed class NotificationRead
{
    private NotificationRead(long notificationId, string userId, DateTime readAtUtc)
    {
        NotificationId = notificationId;
        UserId = userId;
        ReadAtUtc = readAtUtc;
    }

    public long NotificationId { get; private set; }
    public string UserId { get; private set; }
    public DateTime ReadAtUtc { get; private set; }

    public static NotificationRead Of(long notificationId, string userId, DateTime utcNow)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return new NotificationRead(notificationId, userId, utcNow);
    }
}
