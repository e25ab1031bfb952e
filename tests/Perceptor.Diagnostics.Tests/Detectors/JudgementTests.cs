using System.Globalization;
using System.Text;
using Perceptor.Diagnostics.Analysis;
using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Detectors;

/// <summary>
/// Judgement on the kind of log real users have: sparse rows, drops at the very end, no batch size, hand-picked step
/// lines, fixed-decimal losses. Each on a hand-made log whose numbers were chosen for the point tested.
/// </summary>
public class JudgementTests
{
    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    // ---- Eval-loss trend ----

    [Fact]
    public void Overtraining_is_seen_when_train_and_eval_losses_sit_on_different_sparse_rows()
    {
        // Training loss on even epochs only, eval loss and PESQ on odd epochs only: no row has both.
        var evalLoss = new Dictionary<int, double> { [1] = 0.200, [3] = 0.170, [5] = 0.150, [7] = 0.160, [9] = 0.172, [11] = 0.185 };
        var pesq = new Dictionary<int, double> { [1] = 2.40, [3] = 2.55, [5] = 2.64, [7] = 2.50, [9] = 2.35, [11] = 2.25 };
        var run = new RunData
        {
            Source = Make.Source(),
            Epochs = Enumerable.Range(0, 12).Select(e => new EpochPoint
            {
                Epoch = e,
                TrainLoss = e % 2 == 0 ? 0.30 - (0.015 * e) : null,
                EvalLoss = evalLoss.TryGetValue(e, out double l) ? l : null,
                EvalPesq = pesq.TryGetValue(e, out double p) ? p : null,
            }).ToList(),
        };

        var d = Diagnose.Data(run);

        var f = d.Find(FindingIds.Overfitting);
        Assert.NotNull(f);
        Assert.Contains("epoch 5", f.Title, StringComparison.Ordinal);
        Assert.Contains(f.Evidence, e => e.Contains("selection by eval loss would keep epoch 5", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(f.Hypotheses, h => h.Hypothesis == HypothesisId.H7 && h.Stance == Stance.Supports);
        Assert.Equal(Verdict.Supported, d.Verdict(HypothesisId.H7).Verdict);
    }

    [Fact]
    public void Eval_loss_rows_past_the_last_pesq_epoch_are_not_judged()
    {
        // Within the evaluated epochs (0-6) the eval loss falls; its rise at epochs 7-9 has no PESQ beside it.
        double[] eval = [0.20, 0.18, 0.17, 0.16, 0.155, 0.15, 0.148, 0.16, 0.17, 0.18];
        var d = Diagnose.Data(Make.Epochs([2.4, 2.5, 2.55, 2.6, 2.6, 2.62, 2.63, double.NaN, double.NaN, double.NaN], eval: e => eval[e]));

        Assert.Null(d.Find(FindingIds.Overfitting));
    }

    [Fact]
    public void A_collapse_with_an_eval_loss_that_bottomed_out_mid_run_says_so_not_that_it_fell()
    {
        // Eval loss 0.116 at the PESQ peak, lowest 0.090 at epoch 9, then up to 0.105: below its value at the peak, so
        // the endpoints alone would say "fell", but it has risen 17% from its minimum.
        double[] eval = [0.120, 0.118, 0.116, 0.112, 0.108, 0.104, 0.100, 0.096, 0.093, 0.090, 0.094, 0.097, 0.099, 0.101, 0.103, 0.104, 0.105];
        var d = Diagnose.Data(Make.Epochs(ReferenceLog.CollapsePesq, eval: e => eval[e]));

        var collapse = d.Find(FindingIds.PesqCollapse)!;
        Assert.Contains(collapse.Evidence, e => e.StartsWith("Eval loss bottomed out at epoch 9", StringComparison.Ordinal) &&
            e.Contains("selection by eval loss keeps epoch 9", StringComparison.Ordinal));
        Assert.DoesNotContain(collapse.Evidence, e => e.Contains("Eval loss fell too", StringComparison.Ordinal));
        Assert.Contains("epoch 9", d.Find(FindingIds.Overfitting)!.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eval_loss_still_falling_through_the_collapse_weakens_overtraining()
    {
        var d = Diagnose.Data(Make.Epochs(ReferenceLog.CollapsePesq, eval: e => ReferenceLog.TestLoss(e)));

        Assert.Null(d.Find(FindingIds.Overfitting));
        Assert.Equal(Verdict.Weakened, d.Verdict(HypothesisId.H7).Verdict);
    }

    // ---- Sparse epochs and crop noise ----

    [Fact]
    public void Rows_that_skip_epochs_are_not_epoch_to_epoch_changes()
    {
        // PESQ every second epoch before the collapse: no consecutive pair, so no crop-noise yardstick and no H4 stance
        // from the size of the drop.
        var pesq = new Dictionary<int, double> { [0] = 2.40, [2] = 2.62, [4] = 2.58, [6] = 2.63, [8] = 2.60, [9] = 2.10, [10] = 2.05, [11] = 2.08, [12] = 2.06 };
        var run = new RunData
        {
            Source = Make.Source(),
            Epochs = Enumerable.Range(0, 13).Select(e => new EpochPoint
            {
                Epoch = e, TrainLoss = 0.3 - (0.01 * e), EvalPesq = pesq.TryGetValue(e, out double p) ? p : null,
            }).ToList(),
        };

        var f = Diagnose.Data(run).Find(FindingIds.PesqCollapse)!;

        Assert.Contains(f.Evidence, e => e.Contains("cannot be measured: 0 pair(s) of consecutive", StringComparison.Ordinal));
        Assert.DoesNotContain(f.Hypotheses, h => h.Hypothesis == HypothesisId.H4);
    }

    [Fact]
    public void The_crop_noise_estimate_uses_consecutive_pre_onset_epochs_and_never_the_drop()
    {
        // Pre-onset changes between consecutive epochs: |2.55-2.50|, |2.60-2.55|, |2.62-2.60|, |2.59-2.62| = 0.05, 0.05,
        // 0.02, 0.03 -> median 0.04. The gap row at epoch 7 (2.61 after epoch 5) is not a change, nor is the drop.
        var pesq = new Dictionary<int, double>
        {
            [0] = 2.50, [1] = 2.55, [2] = 2.60, [3] = 2.62, [4] = 2.59, [7] = 2.61, [8] = 2.10, [9] = 2.05, [10] = 2.08, [11] = 2.02,
        };
        var run = new RunData
        {
            Source = Make.Source(),
            Epochs = pesq.Keys.Order().Select(e => new EpochPoint { Epoch = e, TrainLoss = 0.3 - (0.01 * e), EvalPesq = pesq[e] }).ToList(),
        };

        var f = Diagnose.Data(run).Find(FindingIds.PesqCollapse)!;

        // Depth 2.62 - 2.02 = 0.60, 15.0x the median 0.04; held for 4 epochs.
        Assert.Contains(f.Evidence, e => e.Contains("is 15.0× the median change", StringComparison.Ordinal) &&
            e.Contains("(0.040, 4 pairs (1 gap between rows that skip epochs left out))", StringComparison.Ordinal));
        Assert.Contains(f.Hypotheses, h => h.Hypothesis == HypothesisId.H4 && h.Stance == Stance.Weakens);
    }

    [Fact]
    public void Equal_evidence_gives_equal_h4_stances()
    {
        // The same consecutive pre-onset epochs and the same drop; the second log also has two far-apart early rows
        // (epochs 0 and 5, a wild 1.9) that are not an epoch-to-epoch change and must not move the yardstick.
        var common = new Dictionary<int, double> { [10] = 2.50, [11] = 2.56, [12] = 2.60, [13] = 2.57, [14] = 2.61, [15] = 2.20, [16] = 2.15, [17] = 2.10 };
        var sparse = new Dictionary<int, double>(common) { [0] = 1.90, [5] = 2.45 };
        Stance? H4(Dictionary<int, double> pesq) => Diagnose.Data(new RunData
        {
            Source = Make.Source(),
            Epochs = pesq.Keys.Order().Select(e => new EpochPoint { Epoch = e, TrainLoss = 0.3 - (0.01 * e), EvalPesq = pesq[e] }).ToList(),
        }).Find(FindingIds.PesqCollapse)!.Hypotheses.SingleOrDefault(h => h.Hypothesis == HypothesisId.H4)?.Stance;

        Assert.Equal(Stance.Weakens, H4(common));
        Assert.Equal(H4(common), H4(sparse));
    }

    // ---- Collapse pending ----

    [Fact]
    public void A_drop_too_short_for_the_rule_is_pending_not_a_silent_no()
    {
        var d = Diagnose.Data(Make.Epochs([2.40, 2.58, 2.64, 2.60, 2.62, 2.30], eval: null), new DiagnosisOptions());

        Assert.Null(d.Collapse.Detected);
        Assert.Equal(new PendingCollapse(2, 2.64, 5, 1, 2.30), d.Collapse.Pending);
        var f = d.Find(FindingIds.CollapsePending)!;
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("rescore", f.Next, StringComparison.OrdinalIgnoreCase);
        Assert.Null(d.Find(FindingIds.PesqCollapse));

        using var json = System.Text.Json.JsonDocument.Parse(DiagnosisJson.Serialize(d));
        var collapse = json.RootElement.GetProperty("collapse");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, collapse.GetProperty("detected").ValueKind);
        Assert.Equal(5, collapse.GetProperty("pending").GetProperty("onset_epoch").GetInt32());
    }

    [Fact]
    public void Pending_needs_every_last_epoch_below_the_threshold()
    {
        // Two epochs below, then one back within the drop: no collapse, nothing pending.
        var d = Diagnose.Data(Make.Epochs([2.40, 2.64, 2.60, 2.40, 2.55], eval: null), new DiagnosisOptions { Collapse = new() { Epochs = 3 } });
        Assert.False(d.Collapse.Detected);
        Assert.Null(d.Find(FindingIds.CollapsePending));

        // Two below at the end with three asked: pending.
        var p = Diagnose.Data(Make.Epochs([2.40, 2.64, 2.60, 2.40, 2.41], eval: null), new DiagnosisOptions { Collapse = new() { Epochs = 3 } });
        Assert.Null(p.Collapse.Detected);
        Assert.Equal(2, p.Collapse.Pending!.Epochs);
    }

    // ---- Batch size from the step counters ----

    [Theory]
    [InlineData(11000, 500, 11572, 11000, 1)] // batch 1 on VoiceBank: 11,572 steps an epoch, lines every 500
    [InlineData(2893, 500, 11572, 2500, 4)]   // batch 4: ceil(11572/4) = 2893 steps, largest logged 2500
    [InlineData(2893, 500, 5000, 2500, 2)]    // another data set: 5000 pairs, an epoch of >= 2500 steps
    public void The_batch_size_is_bounded_by_the_largest_step_inside_an_epoch(int stepsPerEpoch, int interval, int pairs, long atLeast, int atMost)
    {
        var log = new ReferenceLog { Header = null, StepsPerEpoch = stepsPerEpoch, Interval = interval };
        var d = Diagnose.Text(log.ToString(), new DiagnosisOptions { TrainPairs = pairs });

        Assert.Equal(atLeast, d.Batch!.StepsPerEpochAtLeast);
        Assert.Equal(atMost, d.Batch.BatchSizeAtMost);
        using var json = System.Text.Json.JsonDocument.Parse(DiagnosisJson.Serialize(d));
        var batch = json.RootElement.GetProperty("batch");
        Assert.Equal(atLeast, batch.GetProperty("steps_per_epoch_at_least").GetInt64());
        Assert.Equal(atMost, batch.GetProperty("batch_size_at_most").GetInt32());
        Assert.Contains(F($"{pairs}"), batch.GetProperty("basis").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void H6_uses_the_batch_size_the_counters_imply()
    {
        var d = Diagnose.Text(new ReferenceLog { Header = null }.ToString());

        Assert.Contains(d.Verdict(HypothesisId.H6).Reasons, r => r.Reason.StartsWith("batch size 1 (from the step counters", StringComparison.Ordinal));
        Assert.Contains(d.Verdict(HypothesisId.H7).Reasons, r => r.Reason.StartsWith("batch size 1:", StringComparison.Ordinal));
        Assert.DoesNotContain(d.CannotTell, c => c.StartsWith("The batch size", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_counters_inside_an_epoch_the_batch_is_unknown()
    {
        var d = Diagnose.Csv(EpochCsv.Collapse());

        Assert.Null(d.Batch!.StepsPerEpochAtLeast);
        Assert.Null(d.Batch.BatchSizeAtMost);
        Assert.Equal(Verdict.CannotTell, d.Verdict(HypothesisId.H6).Verdict);
    }

    // ---- Irregular step intervals ----

    private static string StepLog(IReadOnlyList<int> counters, Func<int, bool> skipped, int epochs = 4)
    {
        var sb = new StringBuilder();
        for (int e = 0; e < epochs; e++)
        {
            for (int i = 0; i < counters.Count; i++)
            {
                string disc = skipped((e * counters.Count) + i) ? "0.0" : F($"{0.004 + (0.0001 * i)}");
                sb.Append(F($"Epoch {e}, Step {counters[i]}, loss: {0.16 - (0.005 * e)}, disc_loss: {disc}\n"));
            }

            sb.Append(F($"Test Gen loss: {0.11 - (0.002 * e)}, Disc loss: 0.004, PESQ: {2.5 + (0.02 * e)}\n"));
        }

        return sb.ToString();
    }

    [Fact]
    public void Step_lines_at_irregular_intervals_are_said_to_be_hand_picked_and_the_interval_widens()
    {
        // 10 lines an epoch, 4 epochs, every fourth line a skip (10 of 40): regular every 500 steps, or at hand-picked steps.
        int[] regular = [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500, 5000];
        int[] picked = [37, 212, 1500, 1530, 4000, 6100, 6150, 9000, 9020, 11000];
        var a = Diagnose.Text(StepLog(regular, i => i % 4 == 0)).Disc;
        var b = Diagnose.Text(StepLog(picked, i => i % 4 == 0)).Disc;

        Assert.Equal(a.SkipRate, b.SkipRate);
        Assert.DoesNotContain("hand-picked", a.SkipBasisText, StringComparison.Ordinal);
        Assert.Contains("hand-picked or filtered set", b.SkipBasisText, StringComparison.Ordinal);
        Assert.True(b.Spacing!.Irregular);
        Assert.True(b.SkipLower < a.SkipLower && b.SkipUpper > a.SkipUpper, $"{b.SkipLower}-{b.SkipUpper} vs {a.SkipLower}-{a.SkipUpper}");
    }

    // ---- Fixed-decimal zeros ----

    private static string FixedDecimalLog(double skipShare, double tinyMin, double tinyMax = 9e-4, int seed = 11)
    {
        var random = new Random(seed);
        var sb = new StringBuilder();
        for (int e = 0; e < 12; e++)
        {
            for (int step = 500; step <= 11000; step += 500)
            {
                double u = random.NextDouble();
                double disc = u < skipShare ? 0
                    : u < skipShare + 0.1 ? tinyMin + (random.NextDouble() * (tinyMax - tinyMin))
                    : 0.005 * (0.4 + (1.6 * random.NextDouble()));
                sb.Append(F($"Epoch {e}, Step {step}, loss: {0.16 - (0.003 * e):0.000000}, disc_loss: {disc:0.000000}\n"));
            }

            sb.Append(F($"Test Gen loss: {0.11 - (0.001 * e):0.000000}, Disc loss: 0.004000, PESQ: {2.5 + (0.01 * e):0.000}\n"));
        }

        return sb.ToString();
    }

    [Fact]
    public void Rounded_zeros_far_below_every_logged_loss_are_estimated_as_skips_with_bounds_and_a_caveat()
    {
        // {:.6f}: the rounding step is 5e-7; the smallest real losses (from 2e-5, 40x the step) sit within the 100x
        // margin where a zero alone stays unknown, yet far enough above it that few real losses can hide among zeros.
        string log = FixedDecimalLog(skipShare: 0.3, tinyMin: 2e-5);
        int zeros = log.Split('\n').Count(l => l.EndsWith("disc_loss: 0.000000", StringComparison.Ordinal));
        int lines = log.Split('\n').Count(l => l.StartsWith("Epoch", StringComparison.Ordinal));
        var d = Diagnose.Text(log);

        Assert.Equal(SkipRateBasis.Estimate, d.Disc.SkipBasis);
        Assert.InRange(d.Disc.SkipRate!.Value, ((double)zeros / lines) - 0.01, (double)zeros / lines);
        Assert.True(d.Disc.SkipLower < d.Disc.SkipRate && d.Disc.SkipUpper > d.Disc.SkipRate);
        Assert.Contains("Caveat", d.Disc.SkipBasisText, StringComparison.Ordinal);
        var f = d.Find(FindingIds.DiscSkipping)!;
        Assert.Contains("estimated", f.Title, StringComparison.Ordinal);
        Assert.Null(d.Find(FindingIds.SkipRateUnknown));
    }

    [Fact]
    public void Rounded_zeros_among_losses_near_the_rounding_step_stay_unknown()
    {
        // A tenth of the real losses lie between 6e-7 and 3e-5, near the rounding step (5e-7): a zero may well be one of them.
        string log = FixedDecimalLog(skipShare: 0.3, tinyMin: 6e-7, tinyMax: 3e-5, seed: 3);
        Assert.Contains(log.Split('\n'), l => l.EndsWith("disc_loss: 0.000001", StringComparison.Ordinal) ||
            l.EndsWith("disc_loss: 0.000002", StringComparison.Ordinal));
        var d = Diagnose.Text(log);

        Assert.Equal(SkipRateBasis.Bounds, d.Disc.SkipBasis);
        Assert.NotNull(d.Find(FindingIds.SkipRateUnknown));
    }
}
