using Perceptor.Diagnostics.RunLog;

namespace Perceptor.Diagnostics.Tests.Fixtures;

/// <summary>
/// A short Perceptor run written through <see cref="RunLogWriter"/> as the trainer would: run_start, a step record
/// for every batch (skips flagged, never a loss of 0), grad_balance samples, eval, calibration and epoch records.
/// </summary>
internal sealed class PerceptorRun
{
    public double[] Pesq { get; init; } = [2.30, 2.55, 2.70, 2.62, 2.41, 2.35, 2.33];

    public int Batches { get; init; } = 40;

    /// <summary>Every n-th batch skips the discriminator step (0: none).</summary>
    public int SkipEvery { get; init; }

    /// <summary>Every n-th batch has a saturated (tiny) discriminator loss (0: none).</summary>
    public int TinyEvery { get; init; }

    public double GenLr { get; init; } = 5e-4;

    public double DiscLr { get; init; } = 1e-3;

    public string EvalMethod { get; init; } = "full-utterance";

    public string Policy { get; init; } = "skip-batch";

    /// <summary>D(clean, clean) per epoch; drifts away from 1 from <see cref="DriftFrom"/>.</summary>
    public int DriftFrom { get; init; } = int.MaxValue;

    /// <summary>GAN share of the generator gradient.</summary>
    public double GanShare { get; init; } = 0.2;

    public bool Finished { get; init; } = true;

    public string Write(string runFolder)
    {
        Directory.CreateDirectory(runFolder);
        string file = Path.Combine(runFolder, "metrics.jsonl");
        using var w = new RunLogWriter(file);
        w.Write(new RunStartRecord
        {
            Run = Path.GetFileName(runFolder),
            PesqFailures = Policy,
            GenLr = GenLr,
            DiscLr = DiscLr,
            LossWeights = new TermValues(0.1, 0.9, 0.2, 0.05),
            BatchSize = 4,
            CropSeconds = 2,
            EvalMethod = EvalMethod,
            Seed = 1,
        });
        long step = 0;
        for (int epoch = 0; epoch < Pesq.Length; epoch++)
        {
            double trainLoss = 0.30 - (0.02 * epoch);
            int skipped = 0;
            int saturated = 0;
            var failures = new Dictionary<string, int>();
            double discSum = 0;
            for (int b = 1; b <= Batches; b++)
            {
                step++;
                bool skip = SkipEvery > 0 && b % SkipEvery == 0;
                bool tiny = !skip && TinyEvery > 0 && b % TinyEvery == 0;
                double? disc = skip ? null : tiny ? 2e-4 : 0.004 + (0.001 * (b % 3));
                if (skip)
                {
                    skipped++;
                    failures["no_utterances"] = failures.GetValueOrDefault("no_utterances") + 1;
                }
                else
                {
                    discSum += disc!.Value;
                    saturated += disc < 1e-3 ? 1 : 0;
                }

                w.Write(new StepRecord
                {
                    Epoch = epoch,
                    Step = step,
                    Batch = b,
                    Loss = new LossTerms(trainLoss + (0.001 * (b % 5)), 0.1, 0.2, 0.3, 0.5),
                    DiscLoss = disc,
                    DiscSkipped = skip,
                    SkipReason = skip ? DiscSkipReason.PesqFailed : null,
                    Clips = 4,
                    ClipsScored = skip ? 3 : 4,
                    ClipsFailed = skip ? new Dictionary<string, int> { ["no_utterances"] = 1 } : null,
                    LrGen = GenLr,
                    LrDisc = DiscLr,
                });
                if (b % 10 == 0)
                {
                    double rest = (1 - GanShare) / 3;
                    w.Write(new GradBalanceRecord
                    {
                        Epoch = epoch,
                        Step = step,
                        Norms = new TermValues(rest, rest, rest, GanShare),
                        Shares = new TermValues(rest, rest, rest, GanShare),
                    });
                }
            }

            if (!Finished && epoch == Pesq.Length - 1)
            {
                return file;
            }

            w.Write(new EvalRecord { Epoch = epoch, Step = step, Method = EvalMethod, Files = 25, Pesq = Pesq[epoch], Loss = 0.2 - (0.01 * epoch) });
            bool drift = epoch >= DriftFrom;
            double pn = (Pesq[epoch] - 1) / 3.5;
            w.Write(new CalibrationRecord
            {
                Epoch = epoch,
                Clips = 8,
                DCleanClean = drift ? 0.62 : 0.97,
                DCleanEnhanced = drift ? pn + 0.2 : pn + 0.01,
                PesqNorm = pn,
                Mae = drift ? 0.21 : 0.04,
                Pearson = drift ? 0.2 : 0.85,
            });
            int taken = Batches - skipped;
            w.Write(new EpochRecord
            {
                Epoch = epoch,
                Step = step,
                Batches = Batches,
                Loss = new LossTerms(trainLoss, 0.1, 0.2, 0.3, 0.5),
                DiscLoss = taken > 0 ? discSum / taken : null,
                DiscSteps = taken,
                DiscSkipped = skipped,
                SkipRate = (double)skipped / Batches,
                SaturatedSteps = saturated,
                SaturatedShare = taken > 0 ? (double)saturated / taken : null,
                ClipsScored = (taken * 4) + (skipped * 3),
                ClipsFailed = failures,
                LrGen = GenLr,
                LrDisc = DiscLr,
            });
        }

        w.Write(new RunEndRecord { Reason = RunEndReason.Completed, Epoch = Pesq.Length - 1, Step = step });
        return file;
    }
}
