using Perceptor.Quality.Evaluation;

namespace Perceptor.Quality.Tests.Evaluation;

/// <summary>Runs the benchmark's code paths once on tiny inputs; it asserts shape, not speed.</summary>
public class MetricsBenchmarkTests
{
    [Fact]
    public void The_benchmark_runs_on_synthetic_pairs_and_reports_every_stage()
    {
        var lines = new List<string>();
        var r = MetricsBenchmark.Run(new MetricsBenchmarkOptions { Files = 1, Repeats = 1, Threads = 2 }, lines.Add);
        Assert.Equal(1, r.Files);
        Assert.Equal(2, r.Threads);
        Assert.Equal(MetricsBenchmark.ReferenceSeconds, r.MeanDurationSeconds, 9);
        foreach (double ms in new[] { r.SsnrMs, r.LlrMs, r.WssMs, r.StoiMs, r.SiSdrMs, r.EstoiMs, r.StoiFrontEndMs, r.EstoiSharedMs, r.FullTableMs, r.AllCoresMs })
        {
            Assert.True(double.IsFinite(ms) && ms > 0, $"time {ms}");
        }

        Assert.Contains(lines, l => l.StartsWith("STOI:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("SI-SDR:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("ESTOI:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("full table, 2 threads", StringComparison.Ordinal));
    }

    [Fact]
    public void The_benchmark_reads_a_clean_and_noisy_folder()
    {
        var r = MetricsBenchmark.Run(new MetricsBenchmarkOptions { DataDirectory = VoiceBank.Folder, Files = 1, Repeats = 1, Threads = 1 });
        Assert.Equal(1, r.Files);
        Assert.Contains("voicebank-samples", r.Source, StringComparison.Ordinal);
    }
}
