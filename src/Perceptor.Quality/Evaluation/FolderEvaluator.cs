using Perceptor.Audio;
using Perceptor.Audio.IO;

namespace Perceptor.Quality.Evaluation;

/// <summary>
/// Evaluates a folder of enhanced files against a folder of clean references (and optionally the noisy inputs): pairs
/// files by name, reads them, resamples other rates to 16 kHz, scores every pair on all cores and writes
/// <c>per_file.csv</c> and <c>summary.json</c>. A missing pair, an unreadable file or a rate mismatch is recorded for
/// that file by name and never stops the others. When no pair at all could be scored nothing is written, so the
/// results of an earlier run in the same folder survive a run pointed at the wrong folder.
/// </summary>
public static class FolderEvaluator
{
    /// <summary>File name of the per-file table.</summary>
    public const string PerFileCsvName = "per_file.csv";

    /// <summary>File name of the summary.</summary>
    public const string SummaryJsonName = "summary.json";

    /// <summary>
    /// Runs the evaluation. Throws, before scoring anything, <see cref="DirectoryNotFoundException"/> when a given
    /// folder does not exist, <see cref="IOException"/> when the output path is an existing file, and
    /// <see cref="InvalidDataException"/> when the clean or the enhanced folder holds no WAV file or no file name is in
    /// both. When every pair has a problem the result has no paths and nothing is written.
    /// </summary>
    public static FolderEvaluationResult Run(FolderEvaluationOptions options, IProgress<EvaluationProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (OutputProblem(options) is string outputProblem)
        {
            throw new IOException(outputProblem);
        }

        var jobs = Pair(options);
        int total = jobs.Count;
        int notScored = 0;
        var rows = OrderedParallel.Map(jobs, () => new QualityScorer(options.Scorer),
            (scorer, job) =>
            {
                var row = Evaluate(scorer, job, options);
                if (row.Problem is not null)
                {
                    Interlocked.Increment(ref notScored);
                }

                return row;
            },
            options.MaxDegreeOfParallelism,
            progress is null ? null
                : (count, index) => progress.Report(new EvaluationProgress(count, total, jobs[index].Name, Volatile.Read(ref notScored))),
            cancellationToken);
        var table = new EvaluationTable(rows);
        if (options.OutputDirectory is null || table.Rows.All(r => r.Problem is not null))
        {
            return new FolderEvaluationResult(table, null, null);
        }

        Directory.CreateDirectory(options.OutputDirectory);
        string csv = Path.Combine(options.OutputDirectory, PerFileCsvName);
        string json = Path.Combine(options.OutputDirectory, SummaryJsonName);
        AtomicFile.WriteAllText(csv, EvaluationCsv.Format(table));
        AtomicFile.WriteAllText(json, EvaluationSummaryJson.Format(table, options));
        return new FolderEvaluationResult(table, csv, json);
    }

    /// <summary>Why the output folder cannot be used (it is an existing file), or null.</summary>
    public static string? OutputProblem(FolderEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.OutputDirectory is string dir && File.Exists(dir)
            ? $"output folder {dir} is an existing file; give a folder (per_file.csv and summary.json are written into it)"
            : null;
    }

    /// <summary>One pair to evaluate; a null path means the file is missing.</summary>
    internal sealed record Job(string Name, string? Clean, string? Enhanced, string? Noisy, string? NoisyExpected);

    /// <summary>Pairs the folders' WAV files by name (union of clean and enhanced names, ordinal order).</summary>
    internal static List<Job> Pair(FolderEvaluationOptions options)
    {
        var clean = WavFilesByName(options.CleanDirectory, "clean");
        var enhanced = WavFilesByName(options.EnhancedDirectory, "enhanced");
        var noisy = options.NoisyDirectory is null ? null : WavFilesByName(options.NoisyDirectory, "noisy");
        if (clean.Count == 0 && enhanced.Count == 0)
        {
            throw new InvalidDataException(
                $"no .wav files in {options.CleanDirectory} (clean) or {options.EnhancedDirectory} (enhanced)");
        }

        if (clean.Count == 0 || enhanced.Count == 0)
        {
            throw new InvalidDataException(clean.Count == 0
                ? $"no .wav files in the clean folder {options.CleanDirectory} ({enhanced.Count} in the enhanced folder)"
                : $"no .wav files in the enhanced folder {options.EnhancedDirectory} ({clean.Count} in the clean folder)");
        }

        if (!clean.Keys.Any(enhanced.ContainsKey))
        {
            throw new InvalidDataException(
                $"no file name is in both {options.CleanDirectory} (clean, {clean.Count} files) and " +
                $"{options.EnhancedDirectory} (enhanced, {enhanced.Count} files): wrong folder?");
        }

        var names = new SortedSet<string>(clean.Keys, StringComparer.Ordinal);
        names.UnionWith(enhanced.Keys);
        var jobs = new List<Job>(names.Count);
        foreach (string name in names)
        {
            string? noisyPath = null;
            noisy?.TryGetValue(name, out noisyPath);
            jobs.Add(new Job(name, clean.GetValueOrDefault(name), enhanced.GetValueOrDefault(name), noisyPath,
                options.NoisyDirectory is null ? null : Path.Combine(options.NoisyDirectory, name + ".wav")));
        }

        return jobs;
    }

    private static Dictionary<string, string> WavFilesByName(string directory, string role)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{role} folder not found: {directory}");
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in Directory.EnumerateFiles(directory))
        {
            if (string.Equals(Path.GetExtension(path), ".wav", StringComparison.OrdinalIgnoreCase))
            {
                files[Path.GetFileNameWithoutExtension(path)] = path;
            }
        }

        return files;
    }

    private static EvaluationRow Evaluate(QualityScorer scorer, Job job, FolderEvaluationOptions options)
    {
        if (job.Clean is null)
        {
            return Failed(job, $"no clean reference (expected {Path.Combine(options.CleanDirectory, job.Name + ".wav")})");
        }

        if (job.Enhanced is null)
        {
            return Failed(job, $"no enhanced file (expected {Path.Combine(options.EnhancedDirectory, job.Name + ".wav")})");
        }

        AudioSignal clean, enhanced;
        try
        {
            clean = WavFile.Read(job.Clean, options.ChannelMix);
        }
        catch (AudioFileException e)
        {
            return Failed(job, $"unreadable clean file: {e.Message}");
        }

        try
        {
            enhanced = WavFile.Read(job.Enhanced, options.ChannelMix);
        }
        catch (AudioFileException e)
        {
            return Failed(job, $"unreadable enhanced file: {e.Message}");
        }

        if (clean.SampleRate != enhanced.SampleRate)
        {
            return Failed(job, $"sample rate mismatch: clean {clean.SampleRate} Hz, enhanced {enhanced.SampleRate} Hz");
        }

        var notes = new List<string>();
        if (clean.SampleRate != QualityScorer.EvaluationRate)
        {
            notes.Add($"resampled from {clean.SampleRate} Hz");
        }

        if (clean.Length != enhanced.Length)
        {
            notes.Add($"lengths differ (clean {clean.Length}, enhanced {enhanced.Length} samples): cut to the shorter");
        }

        var scores = scorer.Score(clean.Span, enhanced.Span, clean.SampleRate);
        QualityScores? noisyScores = null;
        if (options.NoisyDirectory is not null)
        {
            noisyScores = ScoreNoisy(scorer, job, clean, options.ChannelMix);
        }

        return new EvaluationRow(job.Name, scores, noisyScores, null, notes.Count > 0 ? string.Join("; ", notes) : null);
    }

    private static QualityScores ScoreNoisy(QualityScorer scorer, Job job, AudioSignal clean, ChannelMix mix)
    {
        if (job.Noisy is null)
        {
            return QualityScores.AllFailed($"no noisy file (expected {job.NoisyExpected})");
        }

        AudioSignal noisy;
        try
        {
            noisy = WavFile.Read(job.Noisy, mix);
        }
        catch (AudioFileException e)
        {
            return QualityScores.AllFailed($"unreadable noisy file: {e.Message}");
        }

        return noisy.SampleRate != clean.SampleRate
            ? QualityScores.AllFailed($"sample rate mismatch: clean {clean.SampleRate} Hz, noisy {noisy.SampleRate} Hz")
            : scorer.Score(clean.Span, noisy.Span, clean.SampleRate);
    }

    private static EvaluationRow Failed(Job job, string problem) =>
        new(job.Name, QualityScores.AllFailed(problem), job.NoisyExpected is null ? null : QualityScores.AllFailed(problem), problem);
}
