using System.Globalization;
using Perceptor.Audio.IO;

namespace Perceptor.Training.Runtime;

/// <summary>
/// An exclusive hold on an output folder (a run folder, an experiment's output) for the life of the process that
/// writes it, so that two trainers, or a <c>--resume</c> beside a running trainer, cannot interleave their records or
/// checkpoints. The hold is an operating-system lock on <c>.perceptor.lock</c>: it ends when this object is disposed
/// or the process dies in any way (kill -9 included), so it never needs cleaning up. Who holds it (process id,
/// command, start time) is written beside it in <c>.perceptor.lock.owner</c>, for the message the next process gives.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>The lock file's name inside the locked folder.</summary>
    public const string FileName = ".perceptor.lock";

    private const string OwnerSuffix = ".owner";
    private readonly FileStream _lock;
    private readonly string _ownerPath;

    private RunLock(FileStream held, string ownerPath)
    {
        _lock = held;
        _ownerPath = ownerPath;
    }

    /// <summary>
    /// Takes the lock on <paramref name="folder"/> (created if needed) for <paramref name="purpose"/> (e.g.
    /// <c>perceptor train</c>), or throws <see cref="RunLockedException"/> naming the process that holds it.
    /// </summary>
    public static RunLock Acquire(string folder, string purpose)
    {
        ArgumentNullException.ThrowIfNull(folder);
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, FileName);
        FileStream held;
        try
        {
            // FileShare.None is an exclusive, non-blocking flock on Unix (and a share lock on Windows).
            held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new RunLockedException(folder, ReadOwner(path + OwnerSuffix), e);
        }

        string owner = string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} ({purpose}, since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC)");
        AtomicFile.WriteAllText(path + OwnerSuffix, owner + "\n");
        return new RunLock(held, path + OwnerSuffix);
    }

    private static string ReadOwner(string ownerPath)
    {
        try
        {
            return File.Exists(ownerPath) ? File.ReadAllText(ownerPath).Trim() : "another process (it has not said which)";
        }
        catch (IOException)
        {
            return "another process";
        }
    }

    /// <summary>Releases the folder.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(_ownerPath);
        }
        catch (IOException)
        {
            // The lock itself is what matters; a stale owner note is overwritten by the next holder.
        }

        _lock.Dispose();
    }
}
