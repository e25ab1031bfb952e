namespace Perceptor.Training.Data;

/// <summary>Training or evaluation data that cannot be used at all (missing folder, no usable pair).</summary>
public sealed class DataException : Exception
{
    /// <summary>Creates the exception with the problem in words (naming the folder or file).</summary>
    public DataException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the problem and its cause.</summary>
    public DataException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public DataException()
        : base("unusable data")
    {
    }
}
