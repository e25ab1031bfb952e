using Perceptor.Diagnostics.Rescore;
using Perceptor.Training.Checkpoints;
using Perceptor.Training.Runtime;
using TorchSharp;

namespace Perceptor.Training.Rescore;

/// <summary>
/// The whole of <c>perceptor rescore</c> as one library call: resolve the checkpoints and their epochs, load the test
/// utterances, hold the output folder's lock, score the noisy input once and every checkpoint not already in the
/// cache, write <c>rescore.json</c>, <c>rescore.csv</c> (the format <c>diagnose --rescored</c> reads) and the plots,
/// print the table (or one JSON object) and return the exit code: 0 everything scored; 1 some checkpoints or files
/// failed, each named on the error writer, the rest written; 2 a usage error or unusable input (no checkpoint, a path
/// that is not one, no usable test pair, the output folder a file or in use, or no checkpoint that could be scored),
/// one line and no results written; 130 cancelled, finished checkpoints kept in the cache.
/// </summary>
public static class RescoreRunner
{
    /// <summary>The output folder's name when <c>--out</c> is not given.</summary>
    public const string DefaultFolderName = "rescore";

    /// <summary>
    /// The output folder when none is given: <c>rescore/</c> inside the first argument when it is a folder (a run folder
    /// gets <c>RUN/rescore</c>), else beside the first checkpoint file.
    /// </summary>
    public static string DefaultOutput(IReadOnlyList<string> inputs, IReadOnlyList<RescoreCheckpoint> checkpoints)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(checkpoints);
        if (inputs.Count > 0 && Directory.Exists(inputs[0]))
        {
            return Path.Combine(Path.GetFullPath(inputs[0]), DefaultFolderName);
        }

        string? folder = checkpoints.Count > 0 ? Path.GetDirectoryName(Path.GetFullPath(checkpoints[0].Path)) : null;
        return Path.Combine(folder ?? Directory.GetCurrentDirectory(), DefaultFolderName);
    }

    /// <summary>Runs <paramref name="request"/>, printing in <paramref name="format"/>; returns the exit code.</summary>
    public static int Run(RescoreRequest request, RescoreOutputFormat format, TextWriter stdout, TextWriter stderr,
        IProgress<RescoreProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        RescoreResult result;
        try
        {
            result = Execute(request, stderr.WriteLine, progress, cancellationToken);
        }
        catch (RescoreInputException e)
        {
            stderr.WriteLine($"perceptor rescore: {e.Message}");
            return 2;
        }

        foreach (var c in result.Checkpoints)
        {
            if (c.Error is not null)
            {
                stderr.WriteLine($"perceptor rescore: not scored: {c.Error}");
            }

            foreach (string problem in c.FileProblems)
            {
                stderr.WriteLine($"perceptor rescore: {c.Checkpoint.Path}: {problem}");
            }
        }

        if (result.Cancelled)
        {
            stderr.WriteLine($"perceptor rescore: cancelled; {result.Checkpoints.Count(c => c.Score is not null)} checkpoint(s) scored are kept in " +
                $"{Path.Combine(result.OutDirectory, RescoreCache.FolderName)}; the same command continues");
        }

        stdout.Write(format == RescoreOutputFormat.Json ? RescoreReport.Json(result) : RescoreReport.Text(result));
        return result.ExitCode;
    }

    /// <summary>
    /// Does the rescore. Throws <see cref="RescoreInputException"/> (nothing written) for a usage error or unusable input;
    /// <paramref name="notes"/> receives what was passed over (duplicate files, unusable test pairs, shared epochs).
    /// </summary>
    public static RescoreResult Execute(RescoreRequest request, Action<string>? notes = null, IProgress<RescoreProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var checkpoints = CheckpointInputs.Resolve(request.Checkpoints, notes);
        foreach (var shared in checkpoints.GroupBy(c => c.Epoch).Where(g => g.Count() > 1))
        {
            notes?.Invoke($"epoch {shared.Key} is given by {shared.Count()} checkpoints ({string.Join(", ", shared.Select(c => Path.GetFileName(c.Path)))}); " +
                "diagnose takes the last of them");
        }

        string outDir = Path.GetFullPath(request.OutDirectory ?? DefaultOutput(request.Checkpoints, checkpoints));
        if (File.Exists(outDir))
        {
            throw new RescoreInputException($"{outDir}: the output folder is an existing file; give a folder with --out");
        }

        int chunkSamples = (int)(request.ChunkSeconds * 16000);
        var data = RescoreData.Load(request.DataDir, request.MaxFiles, chunkSamples);
        foreach (string warning in data.Warnings)
        {
            notes?.Invoke(warning);
        }

        RunLock held;
        try
        {
            held = RunLock.Acquire(outDir, "perceptor rescore");
        }
        catch (RunLockedException e)
        {
            throw new RescoreInputException(e.Message, e);
        }

        // The torch thread count is process-wide: set for the generator, given back afterwards to a caller that set its own.
        int threads = request.Threads > 0 ? request.Threads : Environment.ProcessorCount;
        int previousThreads = torch.get_num_threads();
        using (held)
        {
            try
            {
                if (previousThreads != threads)
                {
                    torch.set_num_threads(threads);
                }

                return Score(request, checkpoints, data, outDir, progress, cancellationToken);
            }
            finally
            {
                if (torch.get_num_threads() != previousThreads)
                {
                    torch.set_num_threads(previousThreads);
                }
            }
        }
    }

    private static void Validate(RescoreRequest request)
    {
        if (request.MaxFiles < 0)
        {
            throw new RescoreInputException($"--max-files must be 0 (every file) or a positive count, got {request.MaxFiles}");
        }

        if (request.Threads < 0)
        {
            throw new RescoreInputException($"--threads must be 0 (every core) or a positive count, got {request.Threads}");
        }

        if (!(request.ChunkSeconds >= 1))
        {
            throw new RescoreInputException("--chunk-seconds must be at least 1");
        }
    }

    private static RescoreResult Score(RescoreRequest request, IReadOnlyList<RescoreCheckpoint> checkpoints, RescoreData data, string outDir,
        IProgress<RescoreProgress>? progress, CancellationToken ct)
    {
        int files = data.Clips.Count;
        long overallTotal = (long)files * (1 + (2 * checkpoints.Count));
        long before = 0;
        void Report(int index, string name, RescorePhase phase, int done, int total, long offset) =>
            progress?.Report(new RescoreProgress(index, checkpoints.Count, name, phase, done, total, before + offset, overallTotal));

        var outcomes = new List<CheckpointOutcome>();
        CachedScore? noisy = null;
        bool cancelled = false;
        try
        {
            noisy = RescoreCache.TryRead(outDir, "noisy", data);
            if (noisy is null)
            {
                noisy = CheckpointRescorer.ScoreNoisy(data, request.Threads, (done, total) => Report(0, "noisy input", RescorePhase.Noisy, done, total, done), ct);
                RescoreCache.Write(outDir, noisy);
            }

            before = files;
            for (int i = 0; i < checkpoints.Count; i++)
            {
                ct.ThrowIfCancellationRequested();
                var checkpoint = checkpoints[i];
                string name = Path.GetFileName(checkpoint.Path);
                var cached = RescoreCache.TryRead(outDir, checkpoint.Sha256, data);
                if (cached is not null)
                {
                    outcomes.Add(new CheckpointOutcome(checkpoint, cached with { Checkpoint = checkpoint.Path }, FromCache: true, null));
                }
                else
                {
                    outcomes.Add(ScoreOne(checkpoint, data, request, outDir,
                        (phase, done, total) => Report(i + 1, name, phase, done, total, phase == RescorePhase.Scoring ? files + done : done), ct));
                }

                before += 2L * files;
                Report(i + 1, name, RescorePhase.Done, files, files, 0);
            }
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
        }

        var series = Series(outcomes, noisy, data);
        var written = new List<string>();
        if (series is not null)
        {
            written.AddRange(RescoreFile.Write(series, outDir));
            written.AddRange(RescorePlots.Write(series, outDir));
            written.Add(PerFileCsv.Write(outDir, outcomes, noisy));
        }
        else if (!cancelled)
        {
            throw new RescoreInputException("no checkpoint could be scored: " + string.Join("; ", outcomes.Select(o => o.Error)));
        }

        return new RescoreResult
        {
            OutDirectory = outDir, Data = data, Checkpoints = outcomes, Requested = checkpoints.Count, Noisy = noisy, Series = series, Written = written, Cancelled = cancelled,
        };
    }

    private static CheckpointOutcome ScoreOne(RescoreCheckpoint checkpoint, RescoreData data, RescoreRequest request, string outDir,
        Action<RescorePhase, int, int> progress, CancellationToken ct)
    {
        CachedScore score;
        try
        {
            score = CheckpointRescorer.Score(checkpoint, data, request, progress, ct);
        }
        catch (CheckpointException e)
        {
            return new CheckpointOutcome(checkpoint, null, false, e.Message);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ArgumentException or System.Runtime.InteropServices.ExternalException)
        {
            return new CheckpointOutcome(checkpoint, null, false, $"{checkpoint.Path}: {e.Message}");
        }

        if (score.Rows.All(r => r.Problem is not null))
        {
            // Nothing of it could be scored: a broken checkpoint, not a set of bad files; it is not cached.
            return new CheckpointOutcome(checkpoint, null, false, $"{checkpoint.Path}: no utterance could be enhanced ({score.Rows[0].Problem})");
        }

        RescoreCache.Write(outDir, score);
        return new CheckpointOutcome(checkpoint, score, false, null);
    }

    private static RescoreSeries? Series(List<CheckpointOutcome> outcomes, CachedScore? noisy, RescoreData data)
    {
        var scored = outcomes.Where(o => o.Score is not null).ToList();
        if (scored.Count == 0)
        {
            return null;
        }

        var epochs = scored.Select(o => new RescoredEpoch(o.Checkpoint.Epoch, o.Checkpoint.Path, o.Score!.Rows.Count,
            RescoreScores.PesqFailed(o.Score.Rows), RescoreScores.Means(o.Score.Rows))
        {
            EpochBasis = o.Checkpoint.BasisDetail,
        }).OrderBy(e => e.Epoch).ToList();
        return new RescoreSeries(RescoreFile.JsonName, data.Directory, epochs, noisy is null ? null : RescoreScores.Means(noisy.Rows))
        {
            Failures = outcomes.Where(o => o.Error is not null).Select(o => o.Error!).ToList(),
        };
    }
}
