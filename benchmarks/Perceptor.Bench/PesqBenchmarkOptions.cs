namespace Perceptor.Bench;

/// <summary>Settings of <see cref="PesqBenchmark.Run"/>.</summary>
/// <param name="Repetitions">Timed repetitions per length and mode (the median is reported).</param>
/// <param name="Warmup">Untimed repetitions first (JIT, buffers).</param>
/// <param name="BatchPairs">Pairs in each batch-throughput run.</param>
/// <param name="BatchSeconds">Length of each batch pair in seconds.</param>
/// <param name="BatchRuns">Batch runs per configuration, serial and parallel back to back (medians are reported).</param>
/// <param name="Threads">Threads for the parallel batch; 0 = all cores.</param>
/// <param name="VoiceBankDirectory">Folder with <c>clean/</c> and <c>noisy/</c> WAVs at 16 kHz; null or missing = synthetic speech.</param>
public sealed record PesqBenchmarkOptions(
    int Repetitions = 15,
    int Warmup = 3,
    int BatchPairs = 96,
    double BatchSeconds = 3.5,
    int BatchRuns = 5,
    int Threads = 0,
    string? VoiceBankDirectory = null);
