using Perceptor.Diagnostics.Findings;
using Perceptor.Diagnostics.Tests.Fixtures;

namespace Perceptor.Diagnostics.Tests.Detectors;

public class OverfittingDetectorTests
{
    [Fact]
    public void Eval_loss_rising_while_train_loss_falls_is_overfitting()
    {
        double[] eval = [0.20, 0.18, 0.17, 0.175, 0.18, 0.19, 0.2];
        var d = Diagnose.Data(Make.Epochs([2.4, 2.5, 2.6, 2.6, 2.6, 2.6, 2.6], eval: e => eval[e]));

        var f = d.Find(FindingIds.Overfitting);
        Assert.NotNull(f);
        Assert.Equal(Severity.Warning, f.Severity);
        Assert.Contains("epoch 2", f.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_losses_falling_is_not_overfitting_even_when_pesq_collapses()
    {
        var d = Diagnose.Text(new ReferenceLog().ToString());
        Assert.Null(d.Find(FindingIds.Overfitting));
        Assert.Contains(d.Find(FindingIds.PesqCollapse)!.Evidence, e => e.Contains("Eval loss fell too", StringComparison.Ordinal));
    }

    [Fact]
    public void A_one_epoch_bump_is_not_overfitting()
    {
        double[] eval = [0.20, 0.18, 0.17, 0.19, 0.165, 0.16];
        var d = Diagnose.Data(Make.Epochs([2.4, 2.5, 2.6, 2.6, 2.6, 2.6], eval: e => eval[e]));
        Assert.Null(d.Find(FindingIds.Overfitting));
    }

    [Fact]
    public void With_a_flat_minimum_the_rise_is_measured_from_its_last_epoch()
    {
        // Eval loss 0.15 at epochs 0-2, then rising; the training loss falls to epoch 2 and rises with it after:
        // a divergence, not overfitting, although epoch 5's training loss is below epoch 0's.
        double[] eval = [0.15, 0.15, 0.15, 0.16, 0.17, 0.18];
        double[] train = [0.20, 0.18, 0.16, 0.17, 0.18, 0.19];
        var d = Diagnose.Data(Make.Epochs([2.40, 2.55, 2.64, 2.30, 2.20, 2.10], train: e => train[e], eval: e => eval[e]));

        Assert.Null(d.Find(FindingIds.Overfitting));
    }
}
