namespace Perceptor.Quality.Pesq;

/// <summary>What <see cref="PesqBenchmark.Run"/> measured.</summary>
public sealed record PesqBenchmarkReport(
    string Source,
    IReadOnlyList<PesqTiming> Timings,
    int Threads,
    double SerialPairsPerSecond,
    double ParallelPairsPerSecond)
{
    /// <summary>Parallel over single-threaded batch throughput.</summary>
    public double Speedup => ParallelPairsPerSecond / SerialPairsPerSecond;
}
