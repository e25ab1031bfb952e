namespace Perceptor.Training.Data;

/// <summary>One training batch: clean and noisy crops, row-major [B, L], and where each crop came from.</summary>
public sealed record TrainBatch(int BatchSize, int Length, float[] Clean, float[] Noisy, IReadOnlyList<string> Names, IReadOnlyList<int> Starts);
