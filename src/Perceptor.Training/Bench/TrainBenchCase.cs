namespace Perceptor.Training.Bench;

/// <summary>One configuration to time: a model preset, a batch size, a crop length and how many steps.</summary>
public sealed record TrainBenchCase(string Preset, int BatchSize, double CropSeconds = 2.0, int Steps = 5, int Warmup = 1, int Threads = 0);
