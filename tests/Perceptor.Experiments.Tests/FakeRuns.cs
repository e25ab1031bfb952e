using System.Text.Json;
using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Experiments.Tests;

/// <summary>Writes run folders by hand with the run-log records, as the trainer would.</summary>
internal static class FakeRuns
{
    /// <summary>One epoch of a made-up run.</summary>
    public sealed record Epoch(double? Pesq, int Skipped = 0, int Batches = 10, double? Mae = null, double? GanShare = null,
        int Saturated = 0, int ClipsFailed = 0, double Loss = 0.1);

    public static void Write(string runDir, long seed, IReadOnlyList<Epoch> epochs, string? end = "completed",
        bool checkpoint = true, string pesqFailures = "skip-batch", double discLr = 1e-3, double ganWeight = 0.05,
        int firstEpoch = 1, int? collapseAt = null)
    {
        Directory.CreateDirectory(runDir);
        using var log = new RunLogWriter(Path.Combine(runDir, "metrics.jsonl"));
        log.Write(new RunStartRecord
        {
            Run = Path.GetFileName(runDir),
            Resumed = firstEpoch > 1,
            Epoch = firstEpoch,
            Seed = seed,
            Preset = "tiny",
            PesqFailures = pesqFailures,
            GenLr = 5e-4,
            DiscLr = discLr,
            LossWeights = new TermValues(0.1, 0.9, 0.2, ganWeight),
            BatchSize = 4,
            CropSeconds = 1,
            EvalMethod = "full-utterance",
        });
        long step = 0;
        for (int i = 0; i < epochs.Count; i++)
        {
            var e = epochs[i];
            int epoch = firstEpoch + i;
            step += e.Batches;
            if (e.GanShare is { } share)
            {
                log.Write(new GradBalanceRecord
                {
                    Epoch = epoch,
                    Step = step,
                    Norms = new TermValues(1, 1, 1, 1),
                    Shares = new TermValues((1 - share) / 3, (1 - share) / 3, (1 - share) / 3, share),
                });
            }

            log.Write(new EpochRecord
            {
                Epoch = epoch,
                Step = step,
                Batches = e.Batches,
                Loss = new LossTerms(e.Loss, 0.01, 0.05, 0.02, 0.5),
                DiscLoss = e.Batches > e.Skipped ? 0.01 : null,
                DiscSteps = e.Batches - e.Skipped,
                DiscSkipped = e.Skipped,
                SkipRate = (double)e.Skipped / e.Batches,
                SaturatedSteps = e.Saturated,
                SaturatedShare = e.Batches > e.Skipped ? (double)e.Saturated / (e.Batches - e.Skipped) : null,
                ClipsScored = e.Batches * 4 - e.ClipsFailed,
                ClipsFailed = new Dictionary<string, int> { ["no_utterances"] = e.ClipsFailed },
                LrGen = 5e-4,
                LrDisc = discLr,
                Seconds = 2,
            });
            if (e.Pesq is { } pesq)
            {
                log.Write(new EvalRecord { Epoch = epoch, Step = step, Method = "full-utterance", Files = 8, Pesq = pesq, NoisyPesq = epoch == 1 ? 1.5 : null });
            }

            if (e.Mae is { } mae)
            {
                log.Write(new CalibrationRecord { Epoch = epoch, Clips = 6, DCleanClean = 0.95, DCleanEnhanced = 0.4, PesqNorm = 0.4, Mae = mae, Pearson = 0.5 });
            }

            if (collapseAt == epoch)
            {
                log.Write(new CollapseRecord { Epoch = epoch, PeakEpoch = 1, PeakPesq = 2.6, Pesq = e.Pesq ?? double.NaN, Drop = 0.3, Action = "none" });
            }
        }

        if (checkpoint)
        {
            Directory.CreateDirectory(Path.Combine(runDir, "checkpoints"));
            File.WriteAllText(Path.Combine(runDir, "checkpoints", "last.ckpt"), "checkpoint");
        }

        if (end is not null)
        {
            // The reason as a run folder spells it, read the way the run-log reader reads it.
            log.Write(new RunEndRecord { Reason = JsonSerializer.Deserialize<RunEndReason>($"\"{end}\"", RunLogJson.Options), Epoch = firstEpoch + epochs.Count - 1, Step = step });
        }
    }

    /// <summary>A fresh temporary folder, deleted by the caller.</summary>
    public static string TempDir(string tag)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"perceptor-{tag}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
