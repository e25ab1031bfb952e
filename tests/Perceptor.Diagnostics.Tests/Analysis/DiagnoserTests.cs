using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Analysis;

public class DiagnoserTests
{
    [Fact]
    public void The_users_log_is_diagnosed_as_a_collapse_with_the_expert_reading()
    {
        var d = Diagnose.Text(new ReferenceLog { TinyShare = 0.4, SkipShare = 0.02 }.ToString());

        Assert.Equal(FindingIds.PesqCollapse, d.Findings[0].Id);
        Assert.Equal(Severity.Critical, d.Findings[0].Severity);
        Assert.Equal((2, 2.64, 7, 2.15), (d.Collapse.PeakEpoch!.Value, d.Collapse.PeakPesq!.Value, d.Collapse.OnsetEpoch!.Value, d.Collapse.FinalPesq!.Value));
        Assert.Contains(d.Findings[0].Evidence, e => e.Contains("Training loss kept falling", StringComparison.Ordinal));
        Assert.NotNull(d.Find(FindingIds.DiscSaturated));
        Assert.Null(d.Find(FindingIds.DiscSkipping));
        Assert.NotNull(d.Find(FindingIds.EvalNotComparable));
        Assert.NotNull(d.Find(FindingIds.LrRatio));
        Assert.Equal(Verdict.RuledOut, d.Verdict(HypothesisId.H1).Verdict);
        Assert.Equal(Verdict.CannotTell, d.Verdict(HypothesisId.H5).Verdict);
        Assert.NotNull(d.Verdict(HypothesisId.H5).Note);
    }

    [Fact]
    public void A_healthy_run_has_no_warning_or_critical_finding()
    {
        var d = Diagnose.Text(new ReferenceLog { Pesq = ReferenceLog.HealthyPesq }.ToString());

        Assert.False(d.Collapse.Detected);
        Assert.All(d.Findings, f => Assert.Equal(Severity.Info, f.Severity));
        Assert.Null(d.Find(FindingIds.PesqCollapse));
    }

    [Fact]
    public void Findings_are_sorted_most_severe_first()
    {
        var d = Diagnose.Run(new PerceptorRun { SkipEvery = 2, TinyEvery = 3, DriftFrom = 5, GanShare = 0.01 });

        Assert.True(d.Findings.Count >= 5);
        Assert.Equal(d.Findings.OrderByDescending(f => f.Severity).Select(f => f.Id), d.Findings.Select(f => f.Id));
        Assert.Equal(FindingIds.PesqCollapse, d.Findings[0].Id);
    }

    [Fact]
    public void Every_finding_has_evidence_and_a_next_step()
    {
        var runs = new[]
        {
            Diagnose.Text(new ReferenceLog { SkipShare = 0.4 }.ToString()),
            Diagnose.Csv(EpochCsv.Collapse()),
            Diagnose.Run(new PerceptorRun { SkipEvery = 3, DriftFrom = 2, GanShare = 0.01, TinyEvery = 2 }),
            Diagnose.Data(Make.Epochs([2.4, 2.5, 2.6, 2.6, 2.6], eval: e => new[] { 0.2, 0.18, 0.17, 0.18, 0.19 }[e])),
        };

        foreach (var f in runs.SelectMany(d => d.Findings))
        {
            Assert.NotEmpty(f.Evidence);
            Assert.False(string.IsNullOrWhiteSpace(f.Next), f.Id);
            Assert.False(string.IsNullOrWhiteSpace(f.Title), f.Id);
        }

        string[] all =
        [
            FindingIds.PesqCollapse, FindingIds.DiscSkipping, FindingIds.DiscSaturated, FindingIds.DiscMiscalibrated,
            FindingIds.GanSignalWeak, FindingIds.EvalNotComparable, FindingIds.SkipRateUnknown, FindingIds.Overfitting,
            FindingIds.LrRatio,
        ];
        Assert.Equal(all.Order(), runs.SelectMany(d => d.Findings).Select(f => f.Id).Distinct().Order());
    }

    [Fact]
    public void An_epoch_average_csv_gets_the_collapse_and_an_honest_skip_verdict()
    {
        var d = Diagnose.Csv(EpochCsv.Collapse());

        Assert.True(d.Collapse.Detected);
        Assert.Equal(7, d.Collapse.OnsetEpoch);
        Assert.NotNull(d.Find(FindingIds.SkipRateUnknown));
        Assert.Equal(Verdict.Open, d.Verdict(HypothesisId.H1).Verdict);
        Assert.Null(d.Disc.SaturatedShare);
    }

    [Fact]
    public void A_garbled_log_still_gives_the_sound_part_of_the_diagnosis()
    {
        var lines = new ReferenceLog().Lines();
        lines[30] = "INFO:root:GPU: 0, Epoch 1, Step 4000, loss: ???, disc_loss: 0.003";
        lines.Add("INFO:root:GPU: 0, Epoch 17, Step 5");
        var d = Diagnose.Text(string.Join("\n", lines));

        Assert.Equal(2, d.Run.Source.Problems.Count);
        Assert.Equal([31, lines.Count], d.Run.Source.Problems.Select(p => p.Line ?? 0));
        Assert.True(d.Collapse.Detected);
        Assert.Equal(7, d.Collapse.OnsetEpoch);
    }

    [Fact]
    public void Options_supply_what_a_foreign_log_lacks()
    {
        var d = Diagnose.Csv("epoch,train_loss,test_pesq\n0,0.2,2.5\n1,0.19,2.6\n",
            new DiagnosisOptions { GenLr = 5e-4, DiscLr = 5e-4 });
        Assert.Equal(Verdict.RuledOut, d.Verdict(HypothesisId.H2).Verdict);
    }

    [Fact]
    public void A_nan_eval_pesq_is_named_as_left_out_of_the_collapse_rule()
    {
        var d = Diagnose.Csv("""
            epoch,train_gen_loss_avg,test_pesq
            0,0.20,2.40
            1,0.19,nan
            2,0.18,2.64
            3,0.17,2.30
            4,0.16,2.35
            """);

        Assert.True(d.Collapse.Detected);
        Assert.Contains(d.CannotTell, c => c.StartsWith("Eval PESQ at epoch 1: the log has NaN", StringComparison.Ordinal));
    }
}
