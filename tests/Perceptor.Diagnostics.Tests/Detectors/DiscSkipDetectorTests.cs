using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Detectors;

public class DiscSkipDetectorTests
{
    [Fact]
    public void Exact_zeros_in_four_of_ten_logged_steps_are_critical_skipping_with_an_interval()
    {
        var log = new ReferenceLog { SkipShare = 0.4, TinyShare = 0.05 };
        var lines = log.Lines();
        int zeros = lines.Count(l => l.EndsWith("disc_loss: 0.0", StringComparison.Ordinal));
        int steps = lines.Count(l => l.Contains("disc_loss", StringComparison.Ordinal));
        var d = Diagnose.Text(log.ToString());

        var f = d.Find(FindingIds.DiscSkipping);
        Assert.NotNull(f);
        Assert.Equal(Severity.Critical, f.Severity);
        Assert.Equal(SkipRateBasis.Sample, d.Disc.SkipBasis);
        Assert.Equal((double)zeros / steps, d.Disc.SkipRate);
        Assert.InRange(d.Disc.SkipRate!.Value, 0.3, 0.5);
        Assert.True(d.Disc.SkipLower < d.Disc.SkipRate && d.Disc.SkipUpper > d.Disc.SkipRate);
        Assert.Contains(f.Evidence, e => e.Contains("exactly 0.0", StringComparison.Ordinal) && e.Contains("95% CI", StringComparison.Ordinal));
        Assert.Contains(f.Evidence, e => e.Contains("one in 500", StringComparison.Ordinal));
        Assert.Contains(f.Hypotheses, h => h is { Hypothesis: HypothesisId.H1, Stance: Stance.Supports });
        Assert.Equal(Verdict.Supported, d.Verdict(HypothesisId.H1).Verdict);
    }

    [Fact]
    public void Skipping_between_ten_and_thirty_percent_is_a_warning()
    {
        var d = Diagnose.Text(new ReferenceLog { SkipShare = 0.18, TinyShare = 0.05, Seed = 3 }.ToString());

        Assert.InRange(d.Disc.SkipRate!.Value, 0.1, 0.3);
        Assert.Equal(Severity.Warning, d.Find(FindingIds.DiscSkipping)!.Severity);
    }

    [Theory]
    [InlineData(15, Severity.Warning)]
    [InlineData(16, Severity.Critical)]
    [InlineData(5, Severity.Warning)]
    public void Exactly_thirty_percent_is_still_a_warning_and_only_above_it_critical(int zeros, Severity expected)
    {
        // 50 logged steps, the first `zeros` of them skipped: 15 is 30.0% ("10-30% a warning"), 16 is 32%, 5 is 10%.
        var lines = new List<string>();
        for (int i = 0; i < 50; i++)
        {
            string disc = i < zeros ? "0.0" : "0.0071";
            lines.Add($"INFO:root:GPU: 0, Epoch {i / 5}, Step {500 * ((i % 5) + 1)}, loss: 0.15, disc_loss: {disc}");
            if (i % 5 == 4)
            {
                lines.Add("INFO:root:GPU: 0, Test Gen loss: 0.1, Disc loss: 0.004, PESQ: 2.5");
            }
        }

        var d = Diagnose.Text(string.Join('\n', lines));

        Assert.Equal(zeros / 50.0, d.Disc.SkipRate);
        Assert.Equal(expected, d.Find(FindingIds.DiscSkipping)!.Severity);
    }

    [Fact]
    public void Skipping_that_was_as_frequent_before_the_collapse_does_not_explain_its_timing()
    {
        var d = Diagnose.Text(new ReferenceLog { SkipShare = 0.4, TinyShare = 0.05 }.ToString());

        Assert.Contains(d.Find(FindingIds.DiscSkipping)!.Evidence, e => e.Contains("does not explain why the collapse starts", StringComparison.Ordinal));
    }

    [Fact]
    public void Tiny_non_zero_losses_are_not_skips_and_rule_h1_out()
    {
        var d = Diagnose.Text(new ReferenceLog { SkipShare = 0, TinyShare = 0.5 }.ToString());

        Assert.Null(d.Find(FindingIds.DiscSkipping));
        Assert.Null(d.Find(FindingIds.SkipRateUnknown));
        Assert.Equal(0, d.Disc.SkipRate);
        Assert.Equal(Verdict.RuledOut, d.Verdict(HypothesisId.H1).Verdict);
    }

    [Fact]
    public void Our_runs_count_skips_exactly_and_name_the_failure_reasons()
    {
        var d = Diagnose.Run(new PerceptorRun { SkipEvery = 2 });

        var f = d.Find(FindingIds.DiscSkipping);
        Assert.NotNull(f);
        Assert.Equal(Severity.Critical, f.Severity);
        Assert.Equal(SkipRateBasis.Exact, d.Disc.SkipBasis);
        Assert.Equal(0.5, d.Disc.SkipRate);
        Assert.Equal(0.5, d.Disc.SkipLower);
        Assert.Equal(0.5, d.Disc.SkipUpper);
        Assert.Contains(f.Evidence, e => e.Contains("140 of 280 batches", StringComparison.Ordinal));
        Assert.Contains(f.Evidence, e => e.Contains("no_utterances 140", StringComparison.Ordinal));
        Assert.Contains("mask", f.Next, StringComparison.Ordinal);
    }

    [Fact]
    public void A_few_skips_in_our_runs_rule_h1_out_without_a_finding()
    {
        var d = Diagnose.Run(new PerceptorRun { SkipEvery = 20 });

        Assert.Null(d.Find(FindingIds.DiscSkipping));
        Assert.Equal(0.05, d.Disc.SkipRate);
        Assert.Equal(Verdict.RuledOut, d.Verdict(HypothesisId.H1).Verdict);
    }

    [Fact]
    public void Epoch_averages_leave_the_skip_rate_unknown_with_bounds()
    {
        var d = Diagnose.Csv(EpochCsv.Collapse());

        var f = d.Find(FindingIds.SkipRateUnknown);
        Assert.NotNull(f);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Null(d.Find(FindingIds.DiscSkipping));
        Assert.Null(d.Disc.SkipRate);
        Assert.Equal(SkipRateBasis.Bounds, d.Disc.SkipBasis);
        Assert.Equal(0, d.Disc.SkipLower);
        Assert.InRange(d.Disc.SkipUpper!.Value, 0.99, 1.0);
        Assert.Contains(f.Hypotheses, h => h is { Hypothesis: HypothesisId.H1, Stance: Stance.Open });
        Assert.Contains(d.CannotTell, c => c.Contains("skip rate", StringComparison.Ordinal));
    }

    [Fact]
    public void A_known_per_step_floor_turns_epoch_averages_into_a_lower_bound()
    {
        // Mean 0.0048 with every taken step at least 0.008: at least 40% of steps must have been skipped.
        var d = Diagnose.Csv(EpochCsv.Collapse(), new DiagnosisOptions { DiscLossFloor = 0.008 });

        Assert.True(d.Disc.SkipLower > 0.3);
        Assert.Null(d.Disc.SkipRate);
        var f = d.Find(FindingIds.DiscSkipping);
        Assert.NotNull(f);
        Assert.StartsWith("At least", f.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void An_epoch_minimum_above_zero_proves_no_step_was_logged_as_skipped()
    {
        var d = Diagnose.Csv("""
            epoch,train_disc_loss_avg,train_disc_loss_min,test_pesq
            0,0.01,0.0004,2.5
            1,0.008,0.0003,2.6
            """);

        Assert.Equal(0, d.Disc.SkipUpper);
        Assert.Null(d.Find(FindingIds.SkipRateUnknown));
        Assert.Equal(Verdict.RuledOut, d.Verdict(HypothesisId.H1).Verdict);
    }

    [Fact]
    public void A_mean_below_the_saturation_threshold_bounds_the_small_or_skipped_share()
    {
        var d = Diagnose.Csv("""
            epoch,train_disc_loss_avg,test_pesq
            0,0.0004,2.5
            1,0.0005,2.6
            """);

        Assert.Contains(d.Find(FindingIds.SkipRateUnknown)!.Evidence, e => e.Contains("at least 60.0% of its steps", StringComparison.Ordinal));
    }

    [Fact]
    public void Rounded_zeros_widen_the_estimate_into_bounds()
    {
        var d = Diagnose.Text("""
            Epoch 0, Step 500, loss: 0.2000, disc_loss: 0.0000
            Epoch 0, Step 1000, loss: 0.1900, disc_loss: 0.0041
            Epoch 0, Step 1500, loss: 0.1900, disc_loss: 0.0052
            Epoch 0, Step 2000, loss: 0.1900, disc_loss: 0.0033
            Test Gen loss: 0.1, Disc loss: 0.004, PESQ: 2.5
            """);

        Assert.Equal(SkipRateBasis.Bounds, d.Disc.SkipBasis);
        Assert.Null(d.Disc.SkipRate);
        Assert.Equal(1, d.Disc.UnknownSteps);
        Assert.NotNull(d.Find(FindingIds.SkipRateUnknown));
    }

    [Fact]
    public void A_log_without_any_discriminator_loss_cannot_tell()
    {
        var d = Diagnose.Text("""
            Epoch 0, Step 500, loss: 0.2
            Test Gen loss: 0.1, PESQ: 2.5
            """);

        Assert.Equal(SkipRateBasis.Unknown, d.Disc.SkipBasis);
        Assert.Equal(Severity.Info, d.Find(FindingIds.SkipRateUnknown)!.Severity);
    }

    [Fact]
    public void Disc_stats_counters_give_an_exact_rate()
    {
        var d = Diagnose.Text("""
            Epoch 0, Step 500, loss: 0.2, disc_loss: 0.01
            [DISC STATS] Trained: 28/50 (56.0%)
            Test Gen loss: 0.1, Disc loss: 0.004, PESQ: 2.5
            """);

        Assert.Equal(SkipRateBasis.Exact, d.Disc.SkipBasis);
        Assert.Equal(0.44, d.Disc.SkipRate!.Value, 12);
        Assert.Equal(Severity.Critical, d.Find(FindingIds.DiscSkipping)!.Severity);
    }

    [Fact]
    public void Logged_steps_without_a_disc_loss_are_left_out_of_the_rate_and_said_to_be()
    {
        var d = Diagnose.Csv("""
            epoch,step,gen_loss,disc_loss
            0,100,0.2,0.01
            0,200,0.2,
            0,300,0.2,0.0
            0,400,0.2,nan
            1,100,0.19,0.009
            1,200,0.19,0.0
            1,300,0.19,
            1,400,0.19,0.008
            """);

        Assert.Equal(2 / 5.0, d.Disc.SkipRate);
        Assert.Contains("3 more logged steps without a discriminator loss value", d.Disc.SkipBasisText, StringComparison.Ordinal);
        Assert.Contains("without a discriminator loss value (blank or NaN) are left out", DiagnosisText.Format(d), StringComparison.Ordinal);
    }
}
