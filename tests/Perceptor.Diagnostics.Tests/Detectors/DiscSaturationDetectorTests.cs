using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Detectors;

public class DiscSaturationDetectorTests
{
    [Fact]
    public void Tiny_losses_beside_a_collapse_are_a_warning_and_correct_the_skip_misreading()
    {
        var d = Diagnose.Text(new ReferenceLog { SkipShare = 0.03, TinyShare = 0.5 }.ToString());

        var f = d.Find(FindingIds.DiscSaturated);
        Assert.NotNull(f);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.InRange(d.Disc.SaturatedShare!.Value, 0.4, 0.6);
        Assert.Contains(f.Evidence, e => e.Contains("not skips", StringComparison.Ordinal));
        Assert.Contains(f.Evidence, e => e.Contains("counting every loss below 0.001 as a skip would report", StringComparison.Ordinal));
        Assert.Contains(f.Hypotheses, h => h.Hypothesis == HypothesisId.H2);
    }

    [Fact]
    public void Saturation_without_a_collapse_is_only_information()
    {
        var d = Diagnose.Text(new ReferenceLog { Pesq = ReferenceLog.HealthyPesq, TinyShare = 0.5 }.ToString());

        var f = d.Find(FindingIds.DiscSaturated);
        Assert.NotNull(f);
        Assert.Equal(Severity.Info, f.Severity);
        Assert.Empty(f.Hypotheses);
    }

    [Fact]
    public void Fewer_than_a_quarter_of_tiny_losses_is_not_saturation()
    {
        var d = Diagnose.Text(new ReferenceLog { TinyShare = 0.1 }.ToString());
        Assert.Null(d.Find(FindingIds.DiscSaturated));
        Assert.InRange(d.Disc.SaturatedShare!.Value, 0.02, 0.2);
    }

    [Fact]
    public void Our_runs_give_the_exact_saturated_share()
    {
        var d = Diagnose.Run(new PerceptorRun { TinyEvery = 2 });
        Assert.Equal(0.5, d.Disc.SaturatedShare);
        Assert.Equal(Severity.Warning, d.Find(FindingIds.DiscSaturated)!.Severity);
    }
}
