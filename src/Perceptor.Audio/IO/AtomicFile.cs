using System.Text;

namespace Perceptor.Audio.IO;

/// <summary>
/// The one way Perceptor replaces a file: the content goes to a temporary sibling with a name no other writer uses
/// (process id and a random part), is flushed to the disk, optionally verified, and is then renamed over the target.
/// A reader, a crash or a concurrent writer therefore sees the old file or the new one, never half of one; when
/// anything fails the temporary file is removed and the target is left as it was.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The marker between a target's name and the unique part of its temporary files' names.</summary>
    public const string TemporaryMarker = ".tmp-";

    /// <summary>
    /// Writes <paramref name="path"/> with <paramref name="write"/>, which fills the stream it is given (it may dispose
    /// it). <paramref name="verify"/>, when given, reads the finished temporary file and throws if it is not right;
    /// <paramref name="mode"/> sets the Unix permissions of the new file.
    /// </summary>
    public static void Write(string path, Action<Stream> write, Action<string>? verify = null, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        string full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + TemporaryMarker + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(new KeepOpenStream(file));
                file.Flush(flushToDisk: true);
            }

            if (mode is { } m && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, m);
            }

            verify?.Invoke(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlyMemory<byte> bytes) => Write(path, s => s.Write(bytes.Span));

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark to <paramref name="path"/> atomically.</summary>
    public static void WriteAllText(string path, string text, UnixFileMode? mode = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, s => s.Write(Utf8.GetBytes(text)), mode: mode);
    }

    /// <summary>
    /// Deletes temporary files that writers of <paramref name="path"/> left behind when they were killed, and returns
    /// their names. Call it only while no other process can be writing <paramref name="path"/> (under the run lock).
    /// </summary>
    public static IReadOnlyList<string> RemoveStaleTemporaries(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        string? dir = Path.GetDirectoryName(full);
        if (dir is null || !Directory.Exists(dir))
        {
            return [];
        }

        var removed = new List<string>();
        foreach (string stale in Directory.EnumerateFiles(dir, Path.GetFileName(full) + TemporaryMarker + "*"))
        {
            if (TryDelete(stale))
            {
                removed.Add(stale);
            }
        }

        return removed;
    }

    private static bool TryDelete(string path)
    {
        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // the original error matters more than a leftover temporary file
        }
    }

    /// <summary>Passes everything to the file but ignores a writer's dispose, so the file can still be flushed to disk.</summary>
    private sealed class KeepOpenStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => inner.Length;

        public override long Position { get => inner.Position; set => inner.Position = value; }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void SetLength(long value) => inner.SetLength(value);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Flush(); // the file itself stays open for the flush to disk and is closed by AtomicFile
            }

            base.Dispose(disposing);
        }
    }
}
