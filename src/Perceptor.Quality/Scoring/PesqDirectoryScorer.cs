using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Scoring;

/// <summary>
/// Scores every WAV file of a degraded (enhanced, noisy) folder against the file of the same name in a clean
/// folder, on all cores. The rate comes from the files (a pair whose rates differ is an error for that pair); the
/// mode is given or follows the rate (wideband at 16 kHz, narrowband at 8 kHz).
/// </summary>
public static class PesqDirectoryScorer
{
    /// <summary>
    /// The file names (top level, <c>.wav</c> in any case) present in both folders, sorted, and those present in
    /// only one. Throws <see cref="DirectoryNotFoundException"/> naming a missing folder.
    /// </summary>
    public static (IReadOnlyList<string> Matched, IReadOnlyList<string> MissingDegraded, IReadOnlyList<string> MissingReference)
        Match(string referenceDirectory, string degradedDirectory)
    {
        var reference = WavNames(referenceDirectory);
        var degraded = WavNames(degradedDirectory);
        var matched = reference.Intersect(degraded, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var missingDegraded = reference.Except(degraded, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var missingReference = degraded.Except(reference, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return (matched, missingDegraded, missingReference);
    }

    /// <summary>
    /// Scores all matched pairs on up to <paramref name="maxDegreeOfParallelism"/> threads (default all cores).
    /// <paramref name="progress"/> receives the number of pairs finished out of the matched count.
    /// </summary>
    public static PesqDirectoryReport Score(string referenceDirectory, string degradedDirectory, PesqMode? mode = null,
        int maxDegreeOfParallelism = 0, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var (matched, missingDegraded, missingReference) = Match(referenceDirectory, degradedDirectory);
        var outcomes = new PesqFileOutcome[matched.Count];
        PesqParallel.For(matched.Count, maxDegreeOfParallelism, progress, (i, workspace) =>
        {
            string name = matched[i];
            outcomes[i] = PesqFileScoring.Score(name, Path.Combine(referenceDirectory, name),
                Path.Combine(degradedDirectory, name), sampleRate: null, mode, workspace);
        }, cancellationToken);
        return new PesqDirectoryReport(outcomes, missingDegraded, missingReference);
    }

    /// <summary>Writes <c>file,score,error</c> to <paramref name="path"/> (replaced atomically).</summary>
    public static void WriteResults(string path, PesqDirectoryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        PesqFileScoring.WriteCsv(path, report.Outcomes, "file");
    }

    private static HashSet<string> WavNames(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{directory}: no such folder");
        }

        return Directory.EnumerateFiles(directory)
            .Where(f => f.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
            .Select(Path.GetFileName)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
    }
}
