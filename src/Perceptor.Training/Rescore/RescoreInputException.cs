namespace Perceptor.Training.Rescore;

/// <summary>A rescore that cannot start: no checkpoint, a path that is not one, unusable data or output folder. The
/// message is one line naming the file and the problem.</summary>
public sealed class RescoreInputException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public RescoreInputException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the cause.</summary>
    public RescoreInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Not for use: a rescore input error names its problem.</summary>
    public RescoreInputException()
        : this("unusable rescore input")
    {
    }
}
