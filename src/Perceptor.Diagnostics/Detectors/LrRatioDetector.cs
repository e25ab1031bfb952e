using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// <c>lr-ratio</c> (H2): the discriminator's learning rate against the generator's, whenever both are known. The
/// reference uses 2x deliberately (two time scales); the finding says what the ratio is and which arm tests it.
/// </summary>
public static class LrRatioDetector
{
    /// <summary>The learning-rate finding when both rates are known.</summary>
    public static DetectorResult Detect(RunData run, DiagnosisContext context)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(context);
        var perEpoch = run.Epochs.Where(e => e.LrGen is > 0 && e.LrDisc is { } d && double.IsFinite(d))
            .Select(e => (e.Epoch, Gen: e.LrGen!.Value, Disc: e.LrDisc!.Value)).ToList();
        double? gen = run.Settings.GenLr ?? (perEpoch.Count > 0 ? perEpoch[0].Gen : null);
        double? disc = run.Settings.DiscLr ?? (perEpoch.Count > 0 ? perEpoch[0].Disc : null);
        if (gen is not > 0 || disc is not { } dl || !double.IsFinite(dl))
        {
            return DetectorResult.Empty;
        }

        double g = gen.Value;
        double ratio = dl / g;
        var evidence = new List<string> { $"Discriminator LR {Fmt.Num(dl)}, generator LR {Fmt.Num(g)}: ratio {Fmt.Num(ratio)}." };
        if (Math.Abs(ratio - 2) < 1e-6)
        {
            evidence.Add("That is the reference default (1e-3 vs 5e-4): a deliberate two-time-scale choice, not by itself a fault.");
        }

        var ratios = perEpoch.Select(p => p.Disc / p.Gen).ToList();
        if (ratios.Count > 1 && ratios.Max() - ratios.Min() > 1e-6 * ratios.Max())
        {
            evidence.Add($"The ratio changes during the run: {Fmt.Num(ratios.Min())} to {Fmt.Num(ratios.Max())}.");
        }

        bool higher = ratio > 1 + 1e-9;
        return DetectorResult.Of(new Finding
        {
            Id = FindingIds.LrRatio,
            Severity = ratio > 2 + 1e-6 ? Severity.Warning : Severity.Info,
            Title = higher
                ? $"The discriminator learns {Fmt.Num(ratio)}× faster than the generator ({Fmt.Num(dl)} vs {Fmt.Num(g)})"
                : $"The discriminator's learning rate is not above the generator's ({Fmt.Num(dl)} vs {Fmt.Num(g)})",
            Evidence = evidence,
            Next = higher
                ? $"Run the disc LR = gen LR arm ({Fmt.Num(g)}) with the same data and seed; compare eval PESQ per epoch and calibration."
                : "Nothing to change for H2.",
            Hypotheses =
            [
                higher
                    ? new HypothesisLink(HypothesisId.H2, Stance.Open,
                        $"the discriminator learns {Fmt.Num(ratio)}× faster; whether that hurts is what the disc LR = gen LR arm tests")
                    : new HypothesisLink(HypothesisId.H2, Stance.RulesOut, "the discriminator does not learn faster than the generator here"),
            ],
        });
    }
}
