using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// <c>disc-miscalibrated</c>: on the fixed probe clips the discriminator no longer predicts the real normalised
/// PESQ: D(clean, clean) far from 1, a large per-clip MAE (or mean bias), or a low correlation. A discriminator that
/// stays calibrated through a collapse weakens H1 and H2 instead.
/// </summary>
public static class CalibrationDetector
{
    /// <summary>The calibration finding, or an observation when calibration holds through a collapse.</summary>
    public static DetectorResult Detect(RunData run, DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        var points = run.Calibration.OrderBy(c => c.Epoch).ToList();
        if (points.Count == 0)
        {
            return DetectorResult.Empty;
        }

        var t = context.Options.Calibration;
        var problems = points.Select(p => (Point: p, Issues: Issues(p, t))).ToList();
        var bad = problems.Where(x => x.Issues.Count > 0).ToList();
        var last = problems[^1];
        var collapse = context.Collapse;
        bool skipLow = context.Disc.SkipRate is { } r && r < context.Options.SkipWarning;

        if (bad.Count == 0 || last.Issues.Count == 0 && bad.Count == 1 && bad[0].Point.Epoch < last.Point.Epoch - 1)
        {
            if (collapse is { Detected: true, OnsetEpoch: { } onset } && points.Any(p => p.Epoch >= onset))
            {
                string why = $"the discriminator still tracks PESQ after the collapse onset ({Describe(last.Point)} at epoch {last.Point.Epoch})";
                return DetectorResult.Observe(
                    new HypothesisLink(HypothesisId.H1, Stance.Weakens, why + ": it is not starved of training"),
                    new HypothesisLink(HypothesisId.H2, Stance.Weakens, why + ": it has not drifted or overfitted"));
            }

            return DetectorResult.Empty;
        }

        var firstBad = bad[0];
        var evidence = new List<string>
        {
            $"From epoch {firstBad.Point.Epoch}: {string.Join("; ", firstBad.Issues)}.",
        };
        if (last.Point.Epoch != firstBad.Point.Epoch)
        {
            evidence.Add(last.Issues.Count > 0
                ? $"Still at epoch {last.Point.Epoch}: {string.Join("; ", last.Issues)}."
                : $"Back within the thresholds at epoch {last.Point.Epoch} ({Describe(last.Point)}).");
        }

        // Drift needs a calibrated start to drift from: a discriminator that is off from its first probe on may never
        // have learned to predict PESQ (early in training, too few steps), which says nothing about its learning rate.
        bool offFromTheStart = problems[0].Issues.Count > 0;
        if (!offFromTheStart)
        {
            evidence.Add($"At the first probe (epoch {points[0].Epoch}) it was calibrated: {Describe(points[0])}.");
        }
        else
        {
            evidence.Add($"No probe shows it calibrated: it is already off at the first one (epoch {points[0].Epoch}), so " +
                "this log cannot tell a discriminator that drifted from one that has not learned to predict PESQ yet.");
        }

        bool critical = false;
        if (collapse is { Detected: true, OnsetEpoch: { } start })
        {
            string relation = firstBad.Point.Epoch < start ? "before" : firstBad.Point.Epoch == start ? "at" : "after";
            evidence.Add($"Miscalibration begins {relation} the collapse onset (epoch {start}).");
            critical = last.Issues.Count > 0 && firstBad.Point.Epoch <= start + 1;
        }

        if (points.Any(p => p.Mae is null && p.Pearson is null))
        {
            evidence.Add("Only means are logged for some probes: the per-clip MAE and correlation are not known there.");
        }

        var links = new List<HypothesisLink>
        {
            offFromTheStart
                ? new(HypothesisId.H2, Stance.Open,
                    $"the discriminator is off from its first probe (epoch {points[0].Epoch}): no probe shows it tracking PESQ " +
                    "and then drifting, which is what a too-high learning rate would do; the disc LR = gen LR arm decides")
                : new(HypothesisId.H2, Stance.Supports,
                    "the discriminator's predictions stopped tracking PESQ, as a discriminator that fits too fast and then drifts would"),
        };
        links.Add(skipLow
            ? new HypothesisLink(HypothesisId.H1, Stance.Weakens, "the discriminator is miscalibrated although it skips few steps")
            : new HypothesisLink(HypothesisId.H1, Stance.Supports, "an undertrained discriminator predicts PESQ poorly"));
        return DetectorResult.Of(new Finding
        {
            Id = FindingIds.DiscMiscalibrated,
            Severity = critical ? Severity.Critical : Severity.Warning,
            Title = problems[0].Issues.Count > 0
                ? $"The discriminator does not predict PESQ, from the first probe at epoch {firstBad.Point.Epoch} ({firstBad.Issues[0]})"
                : $"The discriminator stopped predicting PESQ from epoch {firstBad.Point.Epoch} ({firstBad.Issues[0]})",
            Evidence = evidence,
            Next = offFromTheStart
                ? "Train longer and watch whether calibration ever settles; then run the arms that target the discriminator with " +
                    "the same seed: the per-clip mask failure policy (H1) and disc LR = gen LR (H2), comparing calibration per " +
                    "epoch. If it never tracks PESQ, add (clean, noisy) anchors and a replay buffer as MetricGAN+ does."
                : "Run the arms that target the discriminator with the same seed: disc LR = gen LR (H2) and the per-clip mask " +
                    "failure policy (H1); compare calibration per epoch. If it still drifts, add (clean, noisy) anchors and a " +
                    "replay buffer as MetricGAN+ does.",
            Hypotheses = links,
        });
    }

    /// <summary>True when the probe's numbers break any calibration threshold.</summary>
    public static bool IsMiscalibrated(CalibrationPoint point, CalibrationThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(thresholds);
        return Issues(point, thresholds).Count > 0;
    }

    private static List<string> Issues(CalibrationPoint p, CalibrationThresholds t)
    {
        var issues = new List<string>();
        if (Math.Abs(1 - p.DCleanClean) > t.CleanCleanTolerance)
        {
            issues.Add($"D(clean, clean) = {Fmt.Num(p.DCleanClean)}, should be about 1");
        }

        if (p.Mae is { } mae && double.IsFinite(mae))
        {
            if (mae > t.MaxMae)
            {
                issues.Add($"MAE against the normalised PESQ {Fmt.Num(mae)} (> {Fmt.Num(t.MaxMae)}, about {mae * 3.5:0.00} PESQ points)");
            }
        }
        else if (p.PesqNorm is { } pn && Math.Abs(p.DCleanEnhanced - pn) > t.MaxBias)
        {
            issues.Add($"D(clean, enhanced) = {Fmt.Num(p.DCleanEnhanced)} against the actual normalised PESQ {Fmt.Num(pn)}");
        }

        if (p.Pearson is { } r && double.IsFinite(r) && r < t.MinPearson)
        {
            issues.Add($"correlation with the real PESQ r = {r:0.00} (< {t.MinPearson:0.00})");
        }

        return issues;
    }

    private static string Describe(CalibrationPoint p)
    {
        var parts = new List<string> { $"D(clean, clean) {Fmt.Num(p.DCleanClean)}" };
        if (p.Mae is { } mae)
        {
            parts.Add($"MAE {Fmt.Num(mae)}");
        }
        else if (p.PesqNorm is { } pn)
        {
            parts.Add($"D(clean, enhanced) {Fmt.Num(p.DCleanEnhanced)} vs {Fmt.Num(pn)}");
        }

        if (p.Pearson is { } r)
        {
            parts.Add($"r {r:0.00}");
        }

        return string.Join(", ", parts);
    }
}
