using Perceptor.Training.Probes;

namespace Perceptor.Training.Tests.Probes;

public class CollapseWatchTests
{
    private static CollapseWatch Watch() => new(new SharedCollapseRule(), drop: 0.2, epochs: 2);

    [Fact]
    public void Fires_once_when_pesq_stays_below_the_peak_while_loss_falls()
    {
        var watch = Watch();
        double[] pesq = [2.45, 2.64, 2.55, 2.3, 2.2, 2.1];
        var fired = new List<CollapseVerdict>();
        for (int e = 0; e < pesq.Length; e++)
        {
            if (watch.Add(new EpochScore(e + 1, pesq[e], 0.16 - 0.005 * e)) is { } v)
            {
                fired.Add(v);
            }
        }

        var verdict = Assert.Single(fired);
        Assert.Equal(5, verdict.Epoch);
        Assert.Equal(2, verdict.PeakEpoch);
        Assert.Equal(2.64, verdict.PeakPesq);
        Assert.Equal(0.44, verdict.Drop, 9);
    }

    [Fact]
    public void Does_not_fire_when_the_loss_rises_too()
    {
        var watch = Watch();
        double[] pesq = [2.6, 2.3, 2.2, 2.1];
        Assert.All(pesq.Select((p, e) => watch.Add(new EpochScore(e + 1, p, 0.1 + 0.01 * e))), Assert.Null);
    }

    [Fact]
    public void Fires_again_after_a_recovery()
    {
        var watch = Watch();
        double[] pesq = [3.0, 2.7, 2.7, 3.0, 2.6, 2.6];
        int fired = pesq.Select((p, e) => watch.Add(new EpochScore(e + 1, p, 1.0 - 0.1 * e))).Count(v => v is not null);
        Assert.Equal(2, fired);
    }
}
