namespace Perceptor.Training.Data;

/// <summary>
/// The pairs of one split of a VoiceBank+DEMAND-style folder (<c>SPLIT/clean</c>, <c>SPLIT/noisy</c>), paired by file
/// name and in natural order, and what was left out. A file without its partner is skipped with a warning naming it
/// (a corpus with a few stray files still trains); a missing folder or a split without any pair is fatal.
/// </summary>
public sealed record PairScan(string Split, IReadOnlyList<AudioPair> Pairs, IReadOnlyList<string> Warnings)
{
    /// <summary>Scans <paramref name="dataDir"/>/<paramref name="split"/>.</summary>
    public static PairScan Scan(string dataDir, string split)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        ArgumentNullException.ThrowIfNull(split);
        string cleanDir = Path.Combine(dataDir, split, "clean");
        string noisyDir = Path.Combine(dataDir, split, "noisy");
        foreach (string dir in new[] { cleanDir, noisyDir })
        {
            if (!Directory.Exists(dir))
            {
                throw new DataException($"{dir}: folder not found (expected the layout DATA/train/clean, DATA/train/noisy, DATA/test/clean, DATA/test/noisy)");
            }
        }

        var clean = WavNames(cleanDir);
        var noisy = WavNames(noisyDir);
        var warnings = new List<string>();
        var pairs = new List<AudioPair>();
        foreach (string name in clean.Keys.Order(NaturalComparer.Instance))
        {
            if (noisy.TryGetValue(name, out string? noisyPath))
            {
                pairs.Add(new AudioPair(Path.GetFileNameWithoutExtension(name), clean[name], noisyPath));
            }
            else
            {
                warnings.Add($"{clean[name]}: no noisy file of the same name in {noisyDir}; pair skipped");
            }
        }

        foreach (string name in noisy.Keys.Where(n => !clean.ContainsKey(n)).Order(NaturalComparer.Instance))
        {
            warnings.Add($"{noisy[name]}: no clean file of the same name in {cleanDir}; pair skipped");
        }

        if (pairs.Count == 0)
        {
            throw new DataException($"{Path.Combine(dataDir, split)}: no clean/noisy pairs of .wav files with matching names");
        }

        return new PairScan(split, pairs, warnings);
    }

    /// <summary>
    /// At most <paramref name="count"/> pairs spread evenly over the natural order (pair ⌊i·n/count⌋ for i = 0..count-1),
    /// so that a small subset still holds every talker and noise of a corpus laid out talker by talker; 0 or a count of
    /// at least the number of pairs keeps them all.
    /// </summary>
    public PairScan Spread(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int n = Pairs.Count;
        if (count == 0 || count >= n)
        {
            return this;
        }

        var kept = Enumerable.Range(0, count).Select(i => Pairs[(int)((long)i * n / count)]).ToList();
        return this with { Pairs = kept };
    }

    private static Dictionary<string, string> WavNames(string dir) =>
        Directory.EnumerateFiles(dir).Where(f => f.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => Path.GetFileName(f), f => f, StringComparer.Ordinal);
}
