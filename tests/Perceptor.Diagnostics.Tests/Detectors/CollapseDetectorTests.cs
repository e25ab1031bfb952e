using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Runs;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Detectors;

public class CollapseDetectorTests
{
    [Fact]
    public void A_later_collapse_from_a_higher_peak_is_the_one_described_not_an_early_dip()
    {
        // Dip below 2.60 - 0.2 at epochs 2-3, recovery to a new peak of 2.80 at epoch 5, then below 2.60 from epoch 6 on.
        var d = Diagnose.Data(Make.Epochs([2.40, 2.60, 2.35, 2.30, 2.65, 2.80, 2.50, 2.45, 2.48]));

        var c = d.Collapse;
        Assert.True(c.Detected);
        Assert.Equal(2, c.Events.Count);
        Assert.Equal((5, 2.80, 6, 7), (c.PeakEpoch!.Value, c.PeakPesq!.Value, c.OnsetEpoch!.Value, c.FiredEpoch!.Value));
        Assert.Equal((8, 2.48), (c.FinalEpoch!.Value, c.FinalPesq!.Value));
        var f = d.Find(FindingIds.PesqCollapse)!;
        Assert.Contains("from 2.800 (epoch 5)", f.Title, StringComparison.Ordinal);
        Assert.Contains("onset at epoch 6", f.Title, StringComparison.Ordinal);
        Assert.Contains(f.Evidence, e => e.Contains("still going at the end is described", StringComparison.Ordinal) &&
            e.Contains("from epoch 2 (peak 2.600 at epoch 1", StringComparison.Ordinal) && e.Contains("recovered at epoch 4", StringComparison.Ordinal));

        // The rule itself still lists the stretches in order, so an online watch fires at each.
        Assert.Equal(2, CollapseRule.Evaluate(d.Run.Epochs.Select(e => (e.Epoch, e.EvalPesq!.Value, e.TrainLoss)).ToList()).OnsetEpoch);
    }

    [Fact]
    public void A_collapse_the_run_recovered_from_says_so_and_the_best_checkpoint_is_the_best_epoch()
    {
        var run = Make.Epochs([2.40, 2.70, 2.45, 2.45, 2.80, 2.90, 2.95], source: Make.Source(LogKind.Jsonl, eval: EvalComparability.Comparable));
        var d = Diagnose.Data(run);

        Assert.Equal((1, 2), (d.Collapse.PeakEpoch!.Value, d.Collapse.OnsetEpoch!.Value));
        var f = d.Find(FindingIds.PesqCollapse)!;
        Assert.Contains("to as low as 2.450 in epochs 2-3", f.Title, StringComparison.Ordinal);
        Assert.Contains("then recovered (epoch 4)", f.Title, StringComparison.Ordinal);
        Assert.DoesNotContain("to 2.950", f.Title, StringComparison.Ordinal);
        Assert.StartsWith("Keep the epoch-6 checkpoint", f.Next, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_two_recovered_collapses_the_deeper_one_is_described()
    {
        // 2.70 -> 2.30/2.35 (0.40 deep), recovery to 2.75, then 2.52/2.54 (0.23 deep), recovery to 2.74.
        var d = Diagnose.Data(Make.Epochs([2.50, 2.70, 2.30, 2.35, 2.75, 2.52, 2.54, 2.74]));

        Assert.Equal(2, d.Collapse.Events.Count);
        Assert.Equal((1, 2), (d.Collapse.PeakEpoch!.Value, d.Collapse.OnsetEpoch!.Value));
        Assert.Contains(d.Find(FindingIds.PesqCollapse)!.Evidence, e => e.Contains("the deepest is described", StringComparison.Ordinal));
    }
}
