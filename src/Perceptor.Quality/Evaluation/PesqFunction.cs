using Perceptor.Quality.Pesq;

namespace Perceptor.Quality.Evaluation;

/// <summary>
/// The PESQ the evaluation table uses, as a function of 16 kHz reference and degraded samples in [−1, 1]. The default
/// is wideband P.862.2 from <see cref="PesqScorer"/>; tests substitute published values to check the other metrics
/// independently of PESQ.
/// </summary>
public delegate PesqResult PesqFunction(ReadOnlySpan<float> reference, ReadOnlySpan<float> degraded, int sampleRate);
