namespace Perceptor.Audio;

/// <summary>An audio file that cannot be used, with the file's path and what is wrong with it.</summary>
public sealed class AudioFileException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/> with the <paramref name="problem"/> found.</summary>
    public AudioFileException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>Creates an exception without a path (serialisation, tests).</summary>
    public AudioFileException()
        : this("(unknown file)", "unusable audio file")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public AudioFileException(string message)
        : this("(unknown file)", message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public AudioFileException(string message, Exception innerException)
        : this("(unknown file)", message, innerException)
    {
    }

    /// <summary>The file that could not be used.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, in words, without the path.</summary>
    public string Problem { get; }
}
