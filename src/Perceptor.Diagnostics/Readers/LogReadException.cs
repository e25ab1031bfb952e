namespace Perceptor.Diagnostics.Readers;

/// <summary>A log could not be read at all (missing, empty, binary, or nothing recognisable in it).</summary>
public sealed class LogReadException : Exception
{
    /// <summary>Creates the exception; the message names the file and the problem.</summary>
    public LogReadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public LogReadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message (required by the analyzers; not used).</summary>
    public LogReadException()
    {
    }
}
