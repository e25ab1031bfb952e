using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// Observations from settings that need no finding: the batch size (H6, H7), stated by the log or bounded by its step
/// counters (<see cref="BatchEvidence"/>). Instance norm normalises each clip on its own, so batch size 1 does not break
/// the discriminator; it makes targets and gradients noisier, and gives four times the generator updates per epoch of
/// the reference's batch 4 at the same learning rate, which makes overtraining likelier.
/// </summary>
public static class SettingsDetector
{
    /// <summary>Observations on H6 and H7 where the batch size is known or bounded.</summary>
    public static DetectorResult Detect(RunData run, DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        var batch = context.Batch;
        string from = batch.StatedBatchSize is not null ? "" : $" (from the step counters: {batch.Basis})";
        return batch.Known switch
        {
            1 => DetectorResult.Observe(
                new HypothesisLink(HypothesisId.H6, Stance.Open,
                    $"batch size 1{from}: instance norm normalises each clip separately, so this does not break the discriminator, " +
                    "but targets and gradients are noisier; a batch-4 arm decides"),
                new HypothesisLink(HypothesisId.H7, Stance.Open,
                    "batch size 1: four times the generator updates per epoch of the reference's batch 4 at the same learning rate, " +
                    "which makes overtraining likelier; a batch-4 arm or a lower generator learning rate decides")),
            { } n and > 1 => DetectorResult.Observe(new HypothesisLink(HypothesisId.H6, Stance.RulesOut,
                $"batch size {n}: not a single-clip batch")),
            _ when batch.BatchSizeAtMost is { } most => DetectorResult.Observe(new HypothesisLink(HypothesisId.H6, Stance.Open,
                $"at most {most} clips per batch per process ({batch.Basis}); the exact size is not in the log")),
            _ => DetectorResult.Empty,
        };
    }
}
