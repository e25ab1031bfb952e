namespace Perceptor.Quality.Pesq;

/// <summary>One pair to score in a batch: reference and degraded samples at one rate.</summary>
public sealed record PesqPair(ReadOnlyMemory<float> Reference, ReadOnlyMemory<float> Degraded, int SampleRate);
