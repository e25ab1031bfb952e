namespace Perceptor.Training.Bench;

/// <summary>
/// Timings of one case: median, fastest and slowest full training step (G forward/backward/step, PESQ targets,
/// D forward/backward/step), the median share spent in PESQ, the median user and system CPU time per step, and the process's peak
/// resident memory.
/// </summary>
public sealed record TrainBenchResult(TrainBenchCase Case, int Steps, double MedianMs, double MinMs, double MaxMs, double MedianPesqMs,
    long PeakRssBytes, int Threads, int GeneratorParameters, int DiscriminatorParameters)
{
    /// <summary>Median CPU time in user mode per step, all threads together (seconds).</summary>
    public double MedianUserSeconds { get; init; }

    /// <summary>Median CPU time in the kernel per step (seconds): mostly page faults of freshly mapped tensor memory.</summary>
    public double MedianSystemSeconds { get; init; }

    /// <summary>Median minor page faults per step.</summary>
    public double MedianPageFaults { get; init; }

    /// <summary>The allocator and OpenMP settings the case ran with (<see cref="Runtime.CpuTuning"/>).</summary>
    public string? Tuning { get; init; }
}
