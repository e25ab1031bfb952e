namespace Perceptor.Training.Checkpoints;

/// <summary>A checkpoint file that cannot be used (truncated, corrupt, wrong format), with the file named.</summary>
public sealed class CheckpointException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/> with the <paramref name="problem"/> found.</summary>
    public CheckpointException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        FilePath = path;
        Problem = problem;
    }

    /// <summary>Creates an exception without a path.</summary>
    public CheckpointException()
        : this("(unknown file)", "unusable checkpoint")
    {
    }

    /// <summary>Creates an exception with a message only.</summary>
    public CheckpointException(string message)
        : this("(unknown file)", message)
    {
    }

    /// <summary>Creates an exception with a message and an inner exception.</summary>
    public CheckpointException(string message, Exception innerException)
        : this("(unknown file)", message, innerException)
    {
    }

    /// <summary>The checkpoint file.</summary>
    public string FilePath { get; }

    /// <summary>What is wrong, without the path.</summary>
    public string Problem { get; }
}
