namespace Perceptor.Training.Config;

/// <summary>A configuration that cannot be used: an unknown key, a value of the wrong type or out of range.</summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception with the problem in words.</summary>
    public ConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the problem and its cause.</summary>
    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception with a generic message.</summary>
    public ConfigException()
        : base("invalid configuration")
    {
    }
}
