namespace Perceptor.Cli.Tests.Commands;

/// <summary><c>perceptor bench metrics</c> writes through the writers it is given (what it measures is not checked here).</summary>
public sealed class MetricsBenchCommandTests
{
    [Fact]
    public void A_count_below_one_is_refused_on_the_error_writer()
    {
        var (code, output, err) = CapturedRun.Of("bench", "metrics", "--files", "0");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal("perceptor bench metrics: --files and --repeats must be at least 1, --threads at least 0", err.TrimEnd());
    }

    [Fact]
    public void One_synthetic_pair_timed_once_prints_its_table_and_source_on_the_output_writer()
    {
        var (code, output, err) = CapturedRun.Of("bench", "metrics", "--files", "1", "--repeats", "1", "--threads", "1");

        Assert.Equal(0, code);
        Assert.Equal("", err);
        Assert.Contains("full table, 1 threads: ", output, StringComparison.Ordinal);
        Assert.Contains("source: ", output, StringComparison.Ordinal);
        Assert.Contains($"{Environment.ProcessorCount} cores", output, StringComparison.Ordinal);
    }
}
