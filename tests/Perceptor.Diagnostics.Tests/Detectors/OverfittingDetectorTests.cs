using Perceptor.Diagnostics.Detectors;
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
}
