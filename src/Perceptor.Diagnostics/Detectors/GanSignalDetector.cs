using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// <c>gan-signal-weak</c> (H3): the GAN term's share of the generator's gradient norm is tiny (Perceptor's
/// gradient-balance probe). Without the probe, the loss weights alone are reported as information: the reference
/// authors chose them to bring the terms to a common scale, so a small weight is not by itself a weak signal.
/// </summary>
public static class GanSignalDetector
{
    /// <summary>The GAN-signal finding, or an observation on H3.</summary>
    public static DetectorResult Detect(RunData run, DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        var o = context.Options;
        if (run.GradShares.Count > 0)
        {
            return FromShares(run, context);
        }

        if (run.Settings.LossWeights is not { } w)
        {
            return DetectorResult.Empty;
        }

        double largest = Math.Max(Math.Max(w.Ri, w.Mag), Math.Max(w.Time, w.Gan));
        if (largest <= 0 || w.Gan / largest >= o.GanWeightRatioMin)
        {
            return DetectorResult.Observe(new HypothesisLink(HypothesisId.H3, Stance.Open,
                $"loss weights RI {Fmt.Num(w.Ri)}, Mag {Fmt.Num(w.Mag)}, Time {Fmt.Num(w.Time)}, GAN {Fmt.Num(w.Gan)}; the gradient share is not logged"));
        }

        return DetectorResult.Of(new Finding
        {
            Id = FindingIds.GanSignalWeak,
            Severity = Severity.Info,
            Title = $"The GAN loss weight is {Fmt.Num(w.Gan)}, 1/{largest / w.Gan:0} of the largest weight ({Fmt.Num(largest)})",
            Evidence =
            [
                $"Loss weights: RI {Fmt.Num(w.Ri)}, Mag {Fmt.Num(w.Mag)}, Time {Fmt.Num(w.Time)}, GAN {Fmt.Num(w.Gan)}.",
                "Weights alone cannot tell how much of the generator's gradient the GAN term gives: the reference authors chose them " +
                "to bring terms of different size to a common scale.",
            ],
            Next = "Measure the gradient share of each term (Perceptor's grad_balance probe), or run GAN weight 0.2 and 0.3 arms " +
                "against this one with the same seed.",
            Hypotheses = [new HypothesisLink(HypothesisId.H3, Stance.Open, "a small GAN weight is H3's premise, not evidence of a weak signal")],
        });
    }

    private static DetectorResult FromShares(RunData run, DiagnosisContext context)
    {
        var o = context.Options;
        var perEpoch = run.GradShares.GroupBy(g => g.Epoch).OrderBy(g => g.Key)
            .Select(g => (Epoch: g.Key, Count: g.Count(), Gan: g.Average(x => x.Gan), Mag: g.Average(x => x.Mag),
                Ri: g.Average(x => x.Ri), Time: g.Average(x => x.Time)))
            .ToList();
        var last = perEpoch[^1];
        var first = perEpoch[0];
        string terms = $"magnitude {Fmt.Pct(last.Mag)}, RI {Fmt.Pct(last.Ri)}, time {Fmt.Pct(last.Time)}";
        if (last.Gan >= o.GanShareMin)
        {
            return DetectorResult.Observe(new HypothesisLink(HypothesisId.H3, Stance.Weakens,
                $"the GAN term gives {Fmt.Pct(last.Gan)} of the generator's gradient in epoch {last.Epoch}: its signal reaches the generator"));
        }

        var evidence = new List<string>
        {
            $"The GAN term gives {Fmt.Pct(last.Gan)} of the generator's gradient norm in epoch {last.Epoch} (mean of {last.Count} " +
            $"samples); {terms}.",
        };
        if (perEpoch.Count > 1)
        {
            evidence.Add($"In epoch {first.Epoch} it gave {Fmt.Pct(first.Gan)}.");
        }

        if (context.Collapse is { Detected: true, OnsetEpoch: { } onset })
        {
            var before = perEpoch.Where(e => e.Epoch < onset).Select(e => e.Gan).ToList();
            if (before.Count > 0)
            {
                evidence.Add($"Before the collapse onset (epoch {onset}) its mean share was {Fmt.Pct(before.Average())}.");
            }
        }

        if (run.Settings.LossWeights is { } w)
        {
            evidence.Add($"Loss weights: RI {Fmt.Num(w.Ri)}, Mag {Fmt.Num(w.Mag)}, Time {Fmt.Num(w.Time)}, GAN {Fmt.Num(w.Gan)}.");
        }

        return DetectorResult.Of(new Finding
        {
            Id = FindingIds.GanSignalWeak,
            Severity = Severity.Warning,
            Title = $"The GAN term gives only {Fmt.Pct(last.Gan)} of the generator's gradient (epoch {last.Epoch})",
            Evidence = evidence,
            Next = "Run GAN weight 0.2 and 0.3 arms against this one with the same seed and compare eval PESQ per epoch; watch " +
                "calibration too, since a stronger GAN term lets the generator exploit a drifting discriminator.",
            Hypotheses = [new HypothesisLink(HypothesisId.H3, Stance.Supports, "the generator barely feels the discriminator: it follows the magnitude loss")],
        });
    }
}
