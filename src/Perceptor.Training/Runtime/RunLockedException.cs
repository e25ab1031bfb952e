namespace Perceptor.Training.Runtime;

/// <summary>Another process holds the <see cref="RunLock"/> of a folder: the message names the folder and the holder.</summary>
public sealed class RunLockedException : IOException
{
    /// <summary>The folder is held by <paramref name="holder"/> (e.g. <c>pid 4242 (perceptor train, since ...)</c>).</summary>
    public RunLockedException(string folder, string holder, Exception? innerException = null)
        : base($"{folder}: in use by {holder}; wait for it to finish or stop it (a second writer would interleave its records)", innerException)
    {
        Folder = folder;
        Holder = holder;
    }

    /// <summary>Not for use: a locked-folder error needs the folder and its holder.</summary>
    public RunLockedException()
        : this("?", "another process")
    {
    }

    /// <summary>Not for use: a locked-folder error needs the folder and its holder.</summary>
    public RunLockedException(string message)
        : this("?", message)
    {
    }

    /// <summary>Not for use: a locked-folder error needs the folder and its holder.</summary>
    public RunLockedException(string message, Exception innerException)
        : this("?", message, innerException)
    {
    }

    /// <summary>The locked folder.</summary>
    public string Folder { get; }

    /// <summary>Who holds it, as the holder wrote it.</summary>
    public string Holder { get; }
}
