using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Detectors;

public class CalibrationDetectorTests
{
    [Fact]
    public void A_discriminator_that_drifts_before_the_collapse_is_critical()
    {
        var d = Diagnose.Run(new PerceptorRun { DriftFrom = 3 });

        Assert.Equal(4, d.Collapse.OnsetEpoch);
        var f = d.Find(FindingIds.DiscMiscalibrated);
        Assert.NotNull(f);
        Assert.Equal(Severity.Critical, f.Severity);
        Assert.Contains("stopped predicting PESQ from epoch 3", f.Title, StringComparison.Ordinal);
        Assert.Contains(f.Evidence, e => e.Contains("D(clean, clean) = 0.62", StringComparison.Ordinal));
        Assert.Contains(f.Evidence, e => e.Contains("before the collapse onset", StringComparison.Ordinal));
        Assert.Contains(f.Hypotheses, h => h is { Hypothesis: HypothesisId.H2, Stance: Stance.Supports });
        Assert.Contains("If it still drifts", f.Next, StringComparison.Ordinal);
    }

    [Fact]
    public void A_discriminator_off_from_its_first_probe_leaves_h2_open_instead_of_supporting_it()
    {
        // Miscalibrated at every probe from epoch 0 on: nothing shows it tracking PESQ and then drifting away.
        var d = Diagnose.Run(new PerceptorRun { DriftFrom = 0 });

        var f = d.Find(FindingIds.DiscMiscalibrated);
        Assert.NotNull(f);
        Assert.StartsWith("The discriminator does not predict PESQ, from the first probe at epoch 0", f.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(f.Hypotheses, h => h is { Hypothesis: HypothesisId.H2, Stance: Stance.Supports });
        Assert.Contains(f.Hypotheses, h => h is { Hypothesis: HypothesisId.H2, Stance: Stance.Open });
        Assert.Contains(f.Evidence, e => e.Contains("No probe shows it calibrated", StringComparison.Ordinal));
        Assert.NotEqual(Verdict.Supported, d.Verdict(HypothesisId.H2).Verdict);
        // The advice must not speak of drift that was never seen.
        Assert.Contains("never tracks PESQ", f.Next, StringComparison.Ordinal);
        Assert.DoesNotContain("still drifts", f.Next, StringComparison.Ordinal);
    }

    [Fact]
    public void A_discriminator_that_stays_calibrated_through_the_collapse_weakens_h1_and_h2()
    {
        var d = Diagnose.Run(new PerceptorRun { GenLr = 1e-3, DiscLr = 1e-3 });

        Assert.True(d.Collapse.Detected);
        Assert.Null(d.Find(FindingIds.DiscMiscalibrated));
        Assert.Contains(d.Verdict(HypothesisId.H2).Reasons, r => r.Stance == Stance.Weakens);
        Assert.Contains(d.Verdict(HypothesisId.H1).Reasons, r => r.Stance == Stance.Weakens);
    }

    [Fact]
    public void Seed_style_disc_check_lines_are_judged_on_their_means()
    {
        var d = Diagnose.Text("""
            [DISC CHECK] Epoch 8:
              Pred(clean, clean) should be ~1.0: 0.71
              Pred(clean, enhanced): 0.80
              Actual PESQ normalized: 0.33
            Test Gen loss: 0.1, Disc loss: 0.004, PESQ: 2.2
            """);

        var f = d.Find(FindingIds.DiscMiscalibrated);
        Assert.NotNull(f);
        Assert.Contains(f.Evidence, e => e.Contains("against the actual normalised PESQ 0.33", StringComparison.Ordinal));
        Assert.Equal(Severity.Warning, f.Severity);
        // Its only probe is already off: it never predicted PESQ, so it cannot have stopped.
        Assert.StartsWith("The discriminator does not predict PESQ, from the first probe at epoch 8", f.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void No_calibration_records_means_no_finding_and_an_admission()
    {
        var d = Diagnose.Text(new ReferenceLog().ToString());
        Assert.Null(d.Find(FindingIds.DiscMiscalibrated));
        Assert.Contains(d.CannotTell, c => c.Contains("calibration", StringComparison.Ordinal));
    }
}
