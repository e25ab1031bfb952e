namespace Perceptor.Training.Data;

/// <summary>
/// The usable training pairs. Opening reads every pair once (resampling and caching files not at 16 kHz) and
/// skips, with a warning naming the file, a pair that is unreadable, of unequal lengths, non-finite or has a silent
/// noisy side; the samples are then read again per batch, so memory stays flat for a corpus of any size.
/// </summary>
public sealed class TrainingSet
{
    private readonly Func<int, ClipPair> _load;

    private TrainingSet(IReadOnlyList<string> names, Func<int, ClipPair> load, IReadOnlyList<string> warnings)
    {
        Names = names;
        _load = load;
        Warnings = warnings;
    }

    /// <summary>Names of the usable pairs, in natural order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Number of usable pairs.</summary>
    public int Count => Names.Count;

    /// <summary>What was skipped and why, one line per file.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Opens the pairs of <paramref name="scan"/>; throws <see cref="DataException"/> when none is usable.</summary>
    public static TrainingSet Open(PairScan scan, AudioStore store, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(store);
        var warnings = new List<string>(scan.Warnings);
        var usable = new List<AudioPair>();
        for (int i = 0; i < scan.Pairs.Count; i++)
        {
            var (pair, problem) = PairChecks.Load(scan.Pairs[i], store);
            if (pair is null)
            {
                warnings.Add($"{problem}; pair '{scan.Pairs[i].Name}' skipped");
            }
            else
            {
                usable.Add(scan.Pairs[i]);
            }

            progress?.Report(i + 1);
        }

        if (usable.Count == 0)
        {
            throw new DataException($"no usable {scan.Split} pair: {string.Join("; ", warnings.Take(5))}");
        }

        return new TrainingSet(usable.Select(p => p.Name).ToArray(), i => LoadDuringRun(usable[i], store), warnings);
    }

    // A pair that was usable at the start but is not now (deleted, rewritten, disk gone) stops the run: say which file and why.
    private static ClipPair LoadDuringRun(AudioPair pair, AudioStore store)
    {
        var (clip, problem) = PairChecks.Load(pair, store);
        return clip ?? throw new DataException($"training pair '{pair.Name}' became unusable during the run: {problem}");
    }

    /// <summary>A set over pairs already in memory (tests, synthetic corpora).</summary>
    public static TrainingSet FromMemory(IReadOnlyList<ClipPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new TrainingSet(pairs.Select(p => p.Name).ToArray(), i => pairs[i], []);
    }

    /// <summary>The pair at <paramref name="index"/>.</summary>
    public ClipPair Load(int index) => _load(index);
}
