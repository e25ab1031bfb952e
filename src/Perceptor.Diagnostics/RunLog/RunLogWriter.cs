using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

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

        _stream = OpenForAppend(path);
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

    /// <summary>
    /// Opens <paramref name="path"/> so that every write lands at the end of the file as it is then, even when another
    /// process appends too (O_APPEND on Linux): each record is one write, so lines stay whole. FileMode.Append only
    /// seeks to the end once and then writes at its own offsets, over whatever another writer added meanwhile.
    /// </summary>
    private static FileStream OpenForAppend(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        }

        const int writeOnly = 0x1, create = 0x40, append = 0x400, closeOnExec = 0x80000, mode = 0x1A4; // rw-r--r--
        int fd = NativeMethods.open(path, writeOnly | create | append | closeOnExec, mode);
        if (fd < 0)
        {
            int errno = Marshal.GetLastPInvokeError();
            throw new IOException($"{path}: cannot open for appending ({Marshal.GetPInvokeErrorMessage(errno)})");
        }

        return new FileStream(new SafeFileHandle(fd, ownsHandle: true), FileAccess.Write, bufferSize: 0);
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        public static extern int open(string path, int flags, int mode);
    }

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
