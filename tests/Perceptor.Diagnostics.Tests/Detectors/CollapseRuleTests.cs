using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Detectors;

public class CollapseRuleTests
{
    private static List<(int, double, double?)> History(double[] pesq, Func<int, double?>? train = null) =>
        pesq.Select((p, e) => (e, p, train is null ? 0.162 - (0.041 * e / 16.0) : train(e))).ToList();

    [Fact]
    public void The_users_pattern_collapses_at_epoch_seven_from_the_epoch_two_peak()
    {
        var r = CollapseRule.Evaluate(History(ReferenceLog.CollapsePesq));

        Assert.True(r.Detected);
        Assert.Equal(2, r.PeakEpoch);
        Assert.Equal(2.64, r.PeakPesq);
        Assert.Equal(7, r.OnsetEpoch);
        Assert.Equal(8, r.FiredEpoch);
        Assert.Equal(16, r.FinalEpoch);
        Assert.Equal(2.15, r.FinalPesq);
        Assert.Equal(LossCondition.Met, r.LossCondition);
        var e = Assert.Single(r.Events);
        Assert.Null(e.EndedBy);
        Assert.Equal(2.02, e.LowestPesq);
    }

    [Fact]
    public void A_run_that_keeps_improving_does_not_collapse()
    {
        var r = CollapseRule.Evaluate(History(ReferenceLog.HealthyPesq));

        Assert.False(r.Detected);
        Assert.Null(r.OnsetEpoch);
        Assert.Equal(16, r.PeakEpoch);
        Assert.Equal(3.11, r.PeakPesq);
        Assert.Empty(r.Events);
    }

    [Fact]
    public void One_bad_epoch_is_not_a_collapse_unless_one_epoch_is_enough()
    {
        double[] pesq = [2.5, 2.7, 2.4, 2.68, 2.7];
        Assert.False(CollapseRule.Evaluate(History(pesq)).Detected);

        var once = CollapseRule.Evaluate(History(pesq), new CollapseOptions { Epochs = 1 });
        Assert.True(once.Detected);
        Assert.Equal(2, once.OnsetEpoch);
        Assert.Equal("recovered", once.Events[0].EndedBy);
        Assert.Equal(3, once.Events[0].EndEpoch);
    }

    [Fact]
    public void The_drop_threshold_moves_the_onset_and_can_rule_the_collapse_out()
    {
        var deeper = CollapseRule.Evaluate(History(ReferenceLog.CollapsePesq), new CollapseOptions { Drop = 0.5 });
        Assert.True(deeper.Detected);
        Assert.Equal(8, deeper.OnsetEpoch);

        Assert.False(CollapseRule.Evaluate(History(ReferenceLog.CollapsePesq), new CollapseOptions { Drop = 0.7 }).Detected);
    }

    [Fact]
    public void Exactly_the_drop_below_the_peak_counts()
    {
        var r = CollapseRule.Evaluate(History([2.5, 2.64, 2.44, 2.44]));
        Assert.True(r.Detected);
        Assert.Equal(2, r.OnsetEpoch);
    }

    [Fact]
    public void Pesq_falling_while_the_training_loss_rises_is_not_this_collapse()
    {
        var r = CollapseRule.Evaluate(History([2.5, 2.7, 2.4, 2.3, 2.3], e => 0.2 + (0.01 * e)));
        Assert.False(r.Detected);
    }

    [Fact]
    public void Without_a_training_loss_the_rule_rests_on_pesq_and_says_so()
    {
        var r = CollapseRule.Evaluate(History([2.5, 2.7, 2.4, 2.3], _ => null));
        Assert.True(r.Detected);
        Assert.Equal(LossCondition.Unknown, r.LossCondition);
    }

    [Fact]
    public void An_online_watch_fires_exactly_once_per_collapse()
    {
        var pesq = ReferenceLog.CollapsePesq;
        var fired = new List<int>();
        for (int n = 1; n <= pesq.Length; n++)
        {
            var r = CollapseRule.Evaluate(History(pesq[..n]));
            if (r.FiredAt(n - 1))
            {
                fired.Add(n - 1);
            }
        }

        Assert.Equal([8], fired);
    }

    [Fact]
    public void A_second_collapse_after_a_recovery_is_a_second_event()
    {
        var r = CollapseRule.Evaluate(History([2.5, 2.7, 2.4, 2.4, 2.75, 2.5, 2.5, 2.5]));
        Assert.Equal(2, r.Events.Count);
        Assert.Equal((1, 2), (r.Events[0].PeakEpoch, r.Events[0].OnsetEpoch));
        Assert.Equal((4, 5), (r.Events[1].PeakEpoch, r.Events[1].OnsetEpoch));
        Assert.Equal(2, r.OnsetEpoch);
    }

    [Fact]
    public void Order_of_the_history_does_not_matter_and_nan_is_ignored()
    {
        var history = History(ReferenceLog.CollapsePesq);
        history.Add((17, double.NaN, 0.1));
        history.Reverse();
        var r = CollapseRule.Evaluate(history);
        Assert.Equal((2, 7, 16), (r.PeakEpoch!.Value, r.OnsetEpoch!.Value, r.FinalEpoch!.Value));
    }

    [Fact]
    public void Noise_in_a_sampled_training_loss_does_not_break_the_collapse()
    {
        // Five logged steps an epoch: epoch 8's sampled mean happens to sit above the peak's, the trend still falls.
        double[] sampled = [0.200, 0.190, 0.170, 0.185, 0.180, 0.176, 0.172, 0.168, 0.175, 0.160, 0.158, 0.155];
        double[] pesq = [2.40, 2.55, 2.64, 2.60, 2.58, 2.55, 2.57, 2.30, 2.25, 2.20, 2.22, 2.18];
        var run = Make.Epochs(pesq, train: e => sampled[e]) with
        {
            Epochs = Make.Epochs(pesq, train: e => sampled[e]).Epochs.Select(e => e with { TrainLossSampled = true }).ToList(),
        };

        // Raw, the noisy epoch 8 breaks the stretch and the onset moves two epochs late.
        Assert.Equal(9, CollapseRule.Evaluate(pesq.Select((p, e) => (e, p, (double?)sampled[e])).ToList()).OnsetEpoch);
        var result = CollapseDetector.Evaluate(run, new CollapseOptions());
        Assert.True(result.Detected);
        Assert.Equal(7, result.OnsetEpoch);
        Assert.Equal(0.170, result.TrainLossAtPeak);
    }

    [Fact]
    public void No_pesq_means_the_rule_cannot_tell()
    {
        Assert.Null(CollapseRule.Evaluate([]).Detected);
        Assert.Null(CollapseRule.Evaluate([(0, double.NaN, 0.2)]).Detected);
    }

    [Fact]
    public void Nonsense_thresholds_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CollapseRule.Evaluate([], new CollapseOptions { Drop = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => CollapseRule.Evaluate([], new CollapseOptions { Epochs = 0 }));
    }
}
