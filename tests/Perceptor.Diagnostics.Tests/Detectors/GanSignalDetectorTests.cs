using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.RunLog;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Detectors;

public class GanSignalDetectorTests
{
    [Fact]
    public void A_tiny_gan_share_of_the_gradient_is_a_warning_supporting_h3()
    {
        var d = Diagnose.Run(new PerceptorRun { GanShare = 0.01 });

        var f = d.Find(FindingIds.GanSignalWeak);
        Assert.NotNull(f);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("1.0%", f.Title, StringComparison.Ordinal);
        Assert.Equal(Verdict.Supported, d.Verdict(HypothesisId.H3).Verdict);
    }

    [Fact]
    public void A_healthy_gan_share_weakens_h3()
    {
        var d = Diagnose.Run(new PerceptorRun { GanShare = 0.2 });
        Assert.Null(d.Find(FindingIds.GanSignalWeak));
        Assert.Equal(Verdict.Weakened, d.Verdict(HypothesisId.H3).Verdict);
    }

    [Fact]
    public void Foreign_logs_report_small_weights_as_information_only()
    {
        var d = Diagnose.Csv(EpochCsv.Collapse(), new DiagnosisOptions { LossWeights = new TermValues(0.1, 0.9, 0.2, 0.05) });

        var f = d.Find(FindingIds.GanSignalWeak);
        Assert.NotNull(f);
        Assert.Equal(Severity.Info, f.Severity);
        Assert.Contains("1/18", f.Title, StringComparison.Ordinal);
        Assert.Equal(Verdict.Open, d.Verdict(HypothesisId.H3).Verdict);
    }

    [Fact]
    public void Without_weights_or_shares_h3_cannot_be_told()
    {
        var d = Diagnose.Csv(EpochCsv.Collapse());
        Assert.Null(d.Find(FindingIds.GanSignalWeak));
        Assert.Equal(Verdict.CannotTell, d.Verdict(HypothesisId.H3).Verdict);
    }
}
