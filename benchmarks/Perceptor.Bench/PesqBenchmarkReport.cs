namespace Perceptor.Bench;

/// <summary>What <see cref="PesqBenchmark.Run"/> measured.</summary>
/// <param name="Source">Where the timed pairs came from.</param>
/// <param name="Timings">Single-threaded timings per length and mode.</param>
/// <param name="Threads">Threads of the parallel batch.</param>
/// <param name="SerialPairsPerSecond">Median batch throughput on one thread.</param>
/// <param name="ParallelPairsPerSecond">Median batch throughput on <paramref name="Threads"/> threads.</param>
/// <param name="Speedup">Median over batch runs of parallel over single-threaded throughput, each pair of runs back to back.</param>
/// <param name="AllocatedKilobytesPerPair">Managed memory allocated per scored pair in the batches.</param>
/// <param name="Gen0CollectionsPerBatch">Generation-0 garbage collections per batch.</param>
public sealed record PesqBenchmarkReport(
    string Source,
    IReadOnlyList<PesqTiming> Timings,
    int Threads,
    double SerialPairsPerSecond,
    double ParallelPairsPerSecond,
    double Speedup,
    double AllocatedKilobytesPerPair,
    double Gen0CollectionsPerBatch);
