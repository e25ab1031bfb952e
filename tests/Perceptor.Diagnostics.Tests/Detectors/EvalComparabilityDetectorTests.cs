using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Detectors;

public class EvalComparabilityDetectorTests
{
    [Fact]
    public void Foreign_logs_cannot_tell_and_say_what_to_do_a_warning_beside_a_collapse()
    {
        var d = Diagnose.Text(new ReferenceLog().ToString());

        var f = d.Find(FindingIds.EvalNotComparable);
        Assert.NotNull(f);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("full test utterances", f.Next, StringComparison.Ordinal);
        Assert.Contains(f.Evidence, e => e.Contains("random 2 s crop", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_collapse_it_is_information()
    {
        var d = Diagnose.Text(new ReferenceLog { Pesq = ReferenceLog.HealthyPesq }.ToString());
        Assert.Equal(Severity.Info, d.Find(FindingIds.EvalNotComparable)!.Severity);
    }

    [Fact]
    public void Our_full_utterance_eval_is_comparable_and_rules_h4_out()
    {
        var d = Diagnose.Run(new PerceptorRun());
        Assert.Null(d.Find(FindingIds.EvalNotComparable));
        Assert.Equal(Verdict.RuledOut, d.Verdict(HypothesisId.H4).Verdict);
    }

    [Fact]
    public void A_random_crop_eval_in_our_run_is_not_comparable()
    {
        var d = Diagnose.Run(new PerceptorRun { EvalMethod = "random-crops" });
        var f = d.Find(FindingIds.EvalNotComparable);
        Assert.NotNull(f);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Equal(Verdict.Supported, d.Verdict(HypothesisId.H4).Verdict);
    }

    [Fact]
    public void A_collapse_far_larger_than_the_epoch_to_epoch_wobble_weakens_h4()
    {
        var d = Diagnose.Text(new ReferenceLog().ToString());
        var collapse = d.Find(FindingIds.PesqCollapse)!;
        Assert.Contains(collapse.Hypotheses, h => h is { Hypothesis: HypothesisId.H4, Stance: Stance.Weakens });
    }
}
