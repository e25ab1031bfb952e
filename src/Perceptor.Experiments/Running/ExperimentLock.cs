namespace Perceptor.Experiments.Running;

/// <summary>
/// An exclusive lock on an experiment folder for the life of one <c>perceptor experiment</c>, so two invocations
/// never train the same run at once. The operating system releases it when the process dies, so a killed experiment
/// never leaves a stale lock.
/// </summary>
internal sealed class ExperimentLock : IDisposable
{
    private const string FileName = ".experiment.lock";
    private readonly FileStream _stream;

    private ExperimentLock(FileStream stream) => _stream = stream;

    public static ExperimentLock Acquire(string outDir)
    {
        Directory.CreateDirectory(outDir);
        string path = Path.Combine(outDir, FileName);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId + "\n"));
            stream.Flush();
            return new ExperimentLock(stream);
        }
        catch (IOException e)
        {
            throw new IOException($"{Path.GetFullPath(outDir)}: another perceptor experiment is running on this folder ({e.Message})", e);
        }
    }

    public void Dispose() => _stream.Dispose();
}
