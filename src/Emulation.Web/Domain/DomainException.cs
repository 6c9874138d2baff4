namespace Emulation.Web.Domain;

/// <summary>
/// An illegal move refused by a domain object. It carries a resource key and its arguments, not
/// a sentence: one page filter turns it into a form error in the reader's language, through the
/// .resx like every other text (<c>Infrastructure/DomainExceptionFilter</c>).
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string key, params object[] arguments)
        : base(arguments.Length == 0 ? key : $"{key}: {string.Join(", ", arguments)}")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        Key = key;
        Arguments = arguments;
    }

    /// <summary>The resource key of the message, e.g. <c>Submission.NotEditable</c>.</summary>
    public string Key { get; }

    /// <summary>The message's arguments, in the order of its placeholders.</summary>
    public IReadOnlyList<object> Arguments { get; }
}
