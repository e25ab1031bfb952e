namespace Perceptor.Models.Weights;

/// <summary>
/// A state dict that does not describe a network Perceptor can build: names the first key that is missing,
/// unexpected or of the wrong shape (with the shape that was expected).
/// </summary>
public sealed class StateDictMismatchException : Exception
{
    /// <summary>Creates the exception for <paramref name="key"/> with the <paramref name="problem"/> found.</summary>
    public StateDictMismatchException(string key, string problem)
        : base($"'{key}' {problem}")
    {
        Key = key;
    }

    /// <summary>Creates an exception without a key.</summary>
    public StateDictMismatchException()
        : this("(none)", "does not fit")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public StateDictMismatchException(string message)
        : base(message)
    {
        Key = "(none)";
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public StateDictMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
        Key = "(none)";
    }

    /// <summary>The first offending key.</summary>
    public string Key { get; }
}
