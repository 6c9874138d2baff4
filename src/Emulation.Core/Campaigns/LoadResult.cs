namespace Emulation.Core.Campaigns;

/// <summary>
/// One problem in a campaign or units file: <c>file:json-path: message</c>, the path like
/// <c>$.frameworks.department.areas[0].criteria[1].max</c>.
/// </summary>
public sealed record LoadError(string File, string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Path}: {Message}";
}

/// <summary>A loaded file, or every error that kept it from loading (then nothing of it is loaded).</summary>
public sealed class LoadResult<T>
    where T : class
{
    private LoadResult(T? value, IReadOnlyList<LoadError> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>The loaded value; null when there are errors.</summary>
    public T? Value { get; }

    /// <summary>Every error found; empty on success.</summary>
    public IReadOnlyList<LoadError> Errors { get; }

    /// <summary>Whether the file loaded.</summary>
    public bool Succeeded => Value is not null;

    /// <summary>A loaded file.</summary>
    public static LoadResult<T> Success(T value) => new(value, []);

    /// <summary>A refused file.</summary>
    public static LoadResult<T> Failure(IReadOnlyList<LoadError> errors) =>
        errors.Count == 0 ? throw new ArgumentException("A failure needs at least one error.", nameof(errors)) : new(null, errors);
}
