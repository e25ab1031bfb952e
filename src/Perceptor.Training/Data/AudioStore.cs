using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Perceptor.Audio;
using Perceptor.Audio.IO;

namespace Perceptor.Training.Data;

/// <summary>
/// Reads WAV files as 16 kHz mono floats. A file at another rate is resampled once and the result kept in a cache
/// folder (raw float32, named by the file's path, size and modification time, so an edited file is resampled again);
/// when the folder cannot be written the copies are kept in memory instead. 16 kHz files are read as they are.
/// </summary>
public sealed class AudioStore
{
    private readonly ConcurrentDictionary<string, float[]> _memory = new(StringComparer.Ordinal);
    private bool _diskUsable = true;

    /// <summary>Creates a store whose resampled copies go to <paramref name="cacheDir"/>.</summary>
    public AudioStore(string cacheDir)
    {
        CacheDir = cacheDir ?? throw new ArgumentNullException(nameof(cacheDir));
    }

    /// <summary>Where resampled copies are kept.</summary>
    public string CacheDir { get; }

    /// <summary>Set when the cache folder could not be written and copies are held in memory.</summary>
    public string? CacheWarning { get; private set; }

    /// <summary>The samples of <paramref name="path"/> at 16 kHz; throws <see cref="AudioFileException"/> naming the file.</summary>
    public float[] Load(string path)
    {
        var signal = WavFile.Read(path);
        if (signal.SampleRate == Resampling.TargetRate)
        {
            return signal.Samples;
        }

        var info = new FileInfo(path);
        string key = CacheName(info);
        if (_memory.TryGetValue(key, out var cached))
        {
            return cached;
        }

        string cachePath = Path.Combine(CacheDir, key);
        if (_diskUsable && File.Exists(cachePath))
        {
            var bytes = File.ReadAllBytes(cachePath);
            if (bytes.Length % 4 == 0)
            {
                var fromDisk = new float[bytes.Length / 4];
                Buffer.BlockCopy(bytes, 0, fromDisk, 0, bytes.Length);
                return fromDisk;
            }
        }

        float[] resampled = Resampling.To16k(signal);
        if (_diskUsable && !TryWrite(cachePath, resampled))
        {
            _diskUsable = false;
            CacheWarning = $"{CacheDir}: cannot write resampled copies there; keeping them in memory";
        }

        if (!_diskUsable)
        {
            _memory[key] = resampled;
        }

        return resampled;
    }

    private static string CacheName(FileInfo info)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(info.FullName));
        string stem = Path.GetFileNameWithoutExtension(info.Name);
        return $"{stem}-{Convert.ToHexStringLower(hash, 0, 6)}-{info.Length}-{info.LastWriteTimeUtc.Ticks}.16k.f32";
    }

    private static bool TryWrite(string path, float[] samples)
    {
        try
        {
            var bytes = new byte[samples.Length * 4];
            Buffer.BlockCopy(samples, 0, bytes, 0, bytes.Length);
            AtomicFile.WriteAllBytes(path, bytes);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
