namespace Perceptor.Training.Data;

/// <summary>
/// The test split held in memory for the per-epoch evaluation (it is read every epoch), with the deterministic views
/// the evaluation uses: whole files, or one fixed centre crop per file, and the fixed probe clips of the calibration
/// probe. Nothing here is random, so epochs compare.
/// </summary>
public sealed class EvalSet
{
    private EvalSet(IReadOnlyList<ClipPair> clips, IReadOnlyList<string> warnings)
    {
        Clips = clips;
        Warnings = warnings;
    }

    /// <summary>The test pairs, natural order.</summary>
    public IReadOnlyList<ClipPair> Clips { get; }

    /// <summary>What was skipped and why.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Loads the first <paramref name="maxFiles"/> usable pairs of <paramref name="scan"/> (0: all).</summary>
    public static EvalSet Load(PairScan scan, AudioStore store, int maxFiles = 0)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(store);
        var warnings = new List<string>(scan.Warnings);
        var clips = new List<ClipPair>();
        foreach (var pair in scan.Pairs)
        {
            if (maxFiles > 0 && clips.Count >= maxFiles)
            {
                break;
            }

            var (clip, problem) = PairChecks.Load(pair, store);
            if (clip is null)
            {
                warnings.Add($"{problem}; pair '{pair.Name}' skipped");
            }
            else
            {
                clips.Add(clip);
            }
        }

        if (clips.Count == 0)
        {
            throw new DataException($"no usable {scan.Split} pair: {string.Join("; ", warnings.Take(5))}");
        }

        return new EvalSet(clips, warnings);
    }

    /// <summary>A set over pairs already in memory.</summary>
    public static EvalSet FromMemory(IReadOnlyList<ClipPair> clips) => new(clips ?? throw new ArgumentNullException(nameof(clips)), []);

    /// <summary>Each clip cut to its centre <paramref name="length"/> samples (tiled when shorter).</summary>
    public IReadOnlyList<ClipPair> FixedCrops(int length) => Clips.Select(c => Crop(c, length)).ToArray();

    /// <summary>
    /// <paramref name="count"/> probe clips spread evenly over the set (so several speakers are in it), each its fixed
    /// centre crop of <paramref name="length"/> samples.
    /// </summary>
    public IReadOnlyList<ClipPair> ProbeClips(int count, int length)
    {
        count = Math.Min(count, Clips.Count);
        var probes = new ClipPair[count];
        for (int i = 0; i < count; i++)
        {
            probes[i] = Crop(Clips[(int)((long)i * Clips.Count / count)], length);
        }

        return probes;
    }

    private static ClipPair Crop(ClipPair clip, int length)
    {
        int start = Crops.CentreStart(clip.Length, length);
        var clean = new float[length];
        var noisy = new float[length];
        Crops.CopyCrop(clip.Clean, start, length, clean);
        Crops.CopyCrop(clip.Noisy, start, length, noisy);
        return new ClipPair(clip.Name, clean, noisy);
    }
}
