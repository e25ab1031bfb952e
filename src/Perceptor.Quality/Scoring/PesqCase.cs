using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Scoring;

/// <summary>
/// One row of a PESQ case file: score <see cref="DegradedPath"/> against <see cref="ReferencePath"/> at
/// <see cref="SampleRate"/> (which may differ from the files' own rate) in <see cref="Mode"/>.
/// </summary>
public sealed record PesqCase(string Id, string ReferencePath, string DegradedPath, int SampleRate, PesqMode Mode);
