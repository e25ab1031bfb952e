using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// <c>disc-saturated</c>: at least a quarter of the discriminator steps taken have a loss below 1e-3. Saturation is
/// what a working metric discriminator shows (the reference authors expect about 5e-4 by epoch 3), so the finding is
/// information on its own and a warning only beside a collapse. It also corrects the common misreading of small
/// losses as skipped steps.
/// </summary>
public static class DiscSaturationDetector
{
    /// <summary>The saturation finding, if the share reaches the threshold.</summary>
    public static DetectorResult Detect(RunData run, DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        var d = context.Disc;
        var o = context.Options;
        double? share = d.SaturatedShare ?? (d.SaturationBasis == SkipRateBasis.Bounds ? d.SaturatedLower : null);
        if (share is not { } s || s < o.SaturatedShare)
        {
            return DetectorResult.Empty;
        }

        bool collapse = context.Collapse.Detected == true;
        string threshold = Fmt.Num(o.SaturationLoss);
        var evidence = new List<string>();
        if (d.Saturated is { } p)
        {
            evidence.Add($"{Fmt.Int(p.Count)} of {Fmt.Int(p.Total)} discriminator steps taken " +
                (p.Exact ? $"({Fmt.Pct(p.Value)})" : $"among the logged ones ({Fmt.Pct(p.Value)}, 95% CI {Fmt.PctRange(p.Lower, p.Upper)})") +
                $" have a loss below {threshold} but above zero: real updates that fit their targets closely, not skips.");
        }
        else
        {
            evidence.Add($"At least {Fmt.Pct(s)} of the discriminator steps taken have a loss below {threshold}.");
        }

        if (d.MedianTakenLoss is { } median)
        {
            evidence.Add($"Median logged discriminator loss: {Fmt.Num(median)}.");
        }

        if (run.Source.SkipEvidence == SkipEvidence.ExactZero && d.Skips is { } skips && d.LoggedDiscLosses > 0)
        {
            double naive = (double)d.LoggedBelowThreshold / d.LoggedDiscLosses;
            evidence.Add($"Only {Fmt.Int(skips.Count)} of {Fmt.Int(skips.Total)} logged losses are exactly 0.0 (skips, {Fmt.Pct(skips.Value)}); " +
                $"counting every loss below {threshold} as a skip would report {Fmt.Pct(naive)} instead.");
        }

        evidence.Add($"A loss below {threshold} is an RMS target error under {Math.Sqrt(o.SaturationLoss):0.000} in normalised units " +
            $"(about {Math.Sqrt(o.SaturationLoss) * 3.5:0.00} PESQ points): the reference authors expect about 5e-4 by epoch 3, so a low " +
            "loss alone is what a working metric discriminator shows.");
        if (collapse)
        {
            evidence.Add("Beside the collapse it matters: this discriminator only ever sees (clean, clean) and the current outputs, so it " +
                "can fit a narrowing set of outputs closely while its predictions drift away from PESQ on anything else.");
        }

        return DetectorResult.Of(new Finding
        {
            Id = FindingIds.DiscSaturated,
            Severity = collapse ? Severity.Warning : Severity.Info,
            Title = $"The discriminator is saturated: {Fmt.Pct(s)} of its steps have a loss below {threshold}" +
                (collapse ? " (weighs beside the collapse)" : " (normal on its own)"),
            Evidence = evidence,
            Next = !collapse
                ? "Nothing to change for this alone; keep watching calibration and eval PESQ."
                : run.Calibration.Count > 0 && CalibrationDetector.IsMiscalibrated(run.Calibration.OrderBy(c => c.Epoch).Last(), o.Calibration)
                ? "The calibration probe shows the drift (disc-miscalibrated): run the disc LR = gen LR arm and a MetricGAN+-style " +
                  "arm with (clean, noisy) pairs and a replay buffer."
                : run.Calibration.Count > 0
                ? "The calibration probe says the discriminator still tracks PESQ, so its low loss is not the failure here; follow the other findings."
                : "Check whether the discriminator still tracks PESQ: log D(clean, clean) and D(clean, enhanced) against the real PESQ " +
                  "of fixed clips each epoch (Perceptor's calibration probe; [DISC CHECK] lines in the reference). If it drifts, " +
                  "run the disc LR = gen LR arm and a MetricGAN+-style arm with (clean, noisy) pairs and a replay buffer.",
            Hypotheses = collapse
                ? [new HypothesisLink(HypothesisId.H2, Stance.Open,
                    "a discriminator that fits its targets this closely is what H2 predicts and also what a healthy one does; calibration decides")]
                : [],
        });
    }
}
