using Perceptor.Quality.Pesq;

namespace Perceptor.Training.Step;

/// <summary>Scores a batch of (clean, enhanced) pairs; the delivered one is the native wideband PESQ in parallel.</summary>
internal delegate PesqResult[] PesqBatchScorer(IReadOnlyList<PesqPair> pairs);

/// <summary>The delivered scorers.</summary>
internal static class PesqBatchScorers
{
    /// <summary>Native P.862.2 wideband PESQ on up to <paramref name="threads"/> threads (0: all cores), in-process.</summary>
    public static PesqBatchScorer Wideband(int threads) => pairs => PesqScorer.ScoreBatch(pairs, PesqMode.Wideband, threads);
}
