using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Perceptor.Training.Data;

namespace Perceptor.Training.Rescore;

/// <summary>
/// The test utterances every checkpoint of a rescore is scored on: <c>DIR/test/clean</c> and <c>DIR/test/noisy</c>
/// paired by name in natural order (the layout <c>train</c> and <c>enhance</c> use), the first N usable pairs when a
/// limit is given, all at 16 kHz in memory. <see cref="Key"/> is a digest of exactly what is scored (names and
/// samples of every pair, and the chunk length of the enhancement), so a cached score is reused only for the same
/// utterances, wherever the folder lies.
/// </summary>
public sealed class RescoreData
{
    private RescoreData(string directory, int maxFiles, IReadOnlyList<ClipPair> clips, IReadOnlyList<string> warnings, string key)
    {
        Directory = directory;
        MaxFiles = maxFiles;
        Clips = clips;
        Warnings = warnings;
        Key = key;
    }

    /// <summary>The data folder (holding <c>test/</c>), as a full path.</summary>
    public string Directory { get; }

    /// <summary>The limit asked for (0: every pair).</summary>
    public int MaxFiles { get; }

    /// <summary>The pairs scored, natural order.</summary>
    public IReadOnlyList<ClipPair> Clips { get; }

    /// <summary>Pairs passed over (a missing partner, unreadable, unequal lengths, silent), each naming the file.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Digest of the utterances and the enhancement settings (hex).</summary>
    public string Key { get; }

    /// <summary>
    /// Loads the first <paramref name="maxFiles"/> usable pairs of <paramref name="dataDir"/>/test (0: all);
    /// <paramref name="chunkSamples"/> enters the key. Throws <see cref="RescoreInputException"/> naming the folder
    /// when there is no usable pair.
    /// </summary>
    public static RescoreData Load(string dataDir, int maxFiles, int chunkSamples)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        ArgumentOutOfRangeException.ThrowIfNegative(maxFiles);
        string full = Path.GetFullPath(dataDir);
        EvalSet set;
        try
        {
            var scan = PairScan.Scan(full, "test");
            // Resampled copies of other rates are shared with train's (beside the data; in memory when that is read-only).
            var store = new AudioStore(Path.Combine(full, ".perceptor-cache"));
            set = EvalSet.Load(scan, store, maxFiles);
        }
        catch (DataException e)
        {
            throw new RescoreInputException(e.Message, e);
        }

        return new RescoreData(full, maxFiles, set.Clips, set.Warnings, Digest(set.Clips, chunkSamples));
    }

    /// <summary>The set over pairs already in memory (tests).</summary>
    internal static RescoreData FromMemory(string name, IReadOnlyList<ClipPair> clips, int chunkSamples) =>
        new(name, 0, clips, [], Digest(clips, chunkSamples));

    private static string Digest(IReadOnlyList<ClipPair> clips, int chunkSamples)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"rescore-data-v1 chunk={chunkSamples} n={clips.Count}\n")));
        foreach (var clip in clips)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{clip.Name} {clip.Clean.Length} {clip.Noisy.Length}\n")));
            hash.AppendData(MemoryMarshal.AsBytes(clip.Clean.AsSpan()));
            hash.AppendData(MemoryMarshal.AsBytes(clip.Noisy.AsSpan()));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
