namespace Perceptor.Training.Bench;

/// <summary>
/// Timings of one case: median, fastest and slowest full training step (G forward/backward/step, PESQ targets,
/// D forward/backward/step), the median share spent in PESQ, and the process's peak resident memory.
/// </summary>
public sealed record TrainBenchResult(TrainBenchCase Case, int Steps, double MedianMs, double MinMs, double MaxMs, double MedianPesqMs,
    long PeakRssBytes, int Threads, int GeneratorParameters, int DiscriminatorParameters);
