using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Detectors;

public class LrRatioDetectorTests
{
    [Fact]
    public void The_reference_two_to_one_ratio_is_information_leaving_h2_open()
    {
        var d = Diagnose.Run(new PerceptorRun());

        var f = d.Find(FindingIds.LrRatio);
        Assert.NotNull(f);
        Assert.Equal(Severity.Info, f.Severity);
        Assert.Contains("2×", f.Title, StringComparison.Ordinal);
        Assert.Contains(f.Evidence, e => e.Contains("reference default", StringComparison.Ordinal));
        Assert.Contains(f.Hypotheses, h => h is { Hypothesis: HypothesisId.H2, Stance: Stance.Open });
    }

    [Fact]
    public void A_ratio_above_the_reference_is_a_warning()
    {
        var d = Diagnose.Run(new PerceptorRun { DiscLr = 2e-3 });
        Assert.Equal(Severity.Warning, d.Find(FindingIds.LrRatio)!.Severity);
    }

    [Fact]
    public void Equal_rates_rule_h2_out()
    {
        var d = Diagnose.Run(new PerceptorRun { DiscLr = 5e-4 });
        var f = d.Find(FindingIds.LrRatio)!;
        Assert.Equal(Severity.Info, f.Severity);
        Assert.Equal(Verdict.RuledOut, d.Verdict(HypothesisId.H2).Verdict);
    }

    [Fact]
    public void Rates_come_from_csv_columns_or_from_the_options()
    {
        Assert.NotNull(Diagnose.Csv(EpochCsv.Collapse()).Find(FindingIds.LrRatio));

        var noRates = "epoch,train_loss,test_pesq\n0,0.2,2.5\n1,0.19,2.6\n";
        Assert.Null(Diagnose.Csv(noRates).Find(FindingIds.LrRatio));
        var given = Diagnose.Csv(noRates, new DiagnosisOptions { GenLr = 5e-4, DiscLr = 1e-3 });
        Assert.NotNull(given.Find(FindingIds.LrRatio));
    }
}
