using System.Text;

namespace Perceptor.Diagnostics.RunLog;

/// <summary>
/// Appends records to <c>metrics.jsonl</c>, one line each, flushed to disk after every line so a killed run loses
/// at most the line being written. Safe to call from several threads.
/// </summary>
public sealed class RunLogWriter : IDisposable
{
    private readonly FileStream _stream;
    private readonly object _gate = new();

    /// <summary>Opens <paramref name="path"/> for appending (creating it and its folder if needed).</summary>
    public RunLogWriter(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
        string? dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(dir))
        {
            Directory.CreateDirectory(dir);
        }

        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        // A file cut inside a line by a kill must not glue the next record onto the broken one.
        if (_stream.Length > 0 && !EndsWithNewline(path))
        {
            _stream.Write("\n"u8);
        }
    }

    /// <summary>The file written.</summary>
    public string Path { get; }

    /// <summary>Appends one record and flushes it.</summary>
    public void Write(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        byte[] line = Encoding.UTF8.GetBytes(RunLogJson.Serialize(record) + "\n");
        lock (_gate)
        {
            _stream.Write(line);
            _stream.Flush(flushToDisk: true);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private static bool EndsWithNewline(string path)
    {
        using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (read.Length == 0)
        {
            return true;
        }

        read.Seek(-1, SeekOrigin.End);
        return read.ReadByte() == '\n';
    }
}
