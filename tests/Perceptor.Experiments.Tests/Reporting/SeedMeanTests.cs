using Perceptor.Experiments.Reporting;

namespace Perceptor.Experiments.Tests.Reporting;

public class SeedMeanTests
{
    [Fact]
    public void The_mean_line_ends_where_the_first_seed_stopped()
    {
        // Seed 2 stopped at epoch 40 (a confirmed collapse); seed 1 went on. Past 40 a "mean" would be seed 1 alone.
        IReadOnlyList<(int, double)> seed1 = [(20, 2.0), (40, 2.2), (60, 2.6)];
        IReadOnlyList<(int, double)> seed2 = [(20, 2.4), (40, 1.8)];

        var mean = ComparisonReportBuilder.SeedMean([seed1, seed2]);

        Assert.Equal([20, 40], mean.Select(p => p.Epoch));
        Assert.Equal(2.2, mean[0].Value, 12);
        Assert.Equal(2.0, mean[1].Value, 12);
    }

    [Fact]
    public void Seeds_without_a_common_epoch_average_what_each_epoch_has()
    {
        IReadOnlyList<(int, double)> seed1 = [(10, 2.0), (30, 2.4)];
        IReadOnlyList<(int, double)> seed2 = [(20, 1.0)];

        var mean = ComparisonReportBuilder.SeedMean([seed1, seed2]);

        Assert.Equal([10, 20, 30], mean.Select(p => p.Epoch));
        Assert.Equal([2.0, 1.0, 2.4], mean.Select(p => p.Value));
    }

    [Fact]
    public void One_seed_is_its_own_mean()
    {
        IReadOnlyList<(int, double)> seed = [(1, 1.5), (2, 1.7)];

        Assert.Equal(seed, ComparisonReportBuilder.SeedMean([seed]));
    }
}
