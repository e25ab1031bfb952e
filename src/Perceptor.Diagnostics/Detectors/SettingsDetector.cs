using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// Observations from settings that need no finding: the batch size (H6). Instance norm normalises each clip on its own,
/// so batch size 1 does not break the discriminator; it only makes targets and gradients noisier.
/// </summary>
public static class SettingsDetector
{
    /// <summary>Observations on H6 where the batch size is known.</summary>
    public static DetectorResult Detect(RunData run, DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        return run.Settings.BatchSize switch
        {
            1 => DetectorResult.Observe(new HypothesisLink(HypothesisId.H6, Stance.Open,
                "batch size 1: instance norm normalises each clip separately, so this does not break the discriminator, but targets " +
                "and gradients are noisier; a batch-4 arm decides")),
            { } n and > 1 => DetectorResult.Observe(new HypothesisLink(HypothesisId.H6, Stance.RulesOut,
                $"batch size {n}: not a single-clip batch")),
            _ => DetectorResult.Empty,
        };
    }
}
