namespace Perceptor.Quality.Evaluation;

/// <summary>One clean/processed pair to score, both at <paramref name="SampleRate"/> Hz, samples at full scale 1.0.</summary>
public sealed record QualityPair(string Name, ReadOnlyMemory<float> Clean, ReadOnlyMemory<float> Processed, int SampleRate);
