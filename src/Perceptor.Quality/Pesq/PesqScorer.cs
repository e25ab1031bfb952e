namespace Perceptor.Quality.Pesq;

/// <summary>
/// PESQ (ITU-T P.862, P.862.1, P.862.2), clean-room. Stateless and thread-safe: every call uses its own working
/// memory. Inputs are float samples at any common scale.
/// </summary>
public static class PesqScorer
{
    /// <summary>Scores <paramref name="degraded"/> against <paramref name="reference"/> at <paramref name="sampleRate"/> Hz.</summary>
    public static PesqResult Score(ReadOnlySpan<float> reference, ReadOnlySpan<float> degraded, int sampleRate, PesqMode mode)
    {
        _ = reference;
        _ = degraded;
        _ = sampleRate;
        _ = mode;
        throw new NotImplementedException("PESQ is being written");
    }

    /// <summary>
    /// Scores many pairs on up to <paramref name="maxDegreeOfParallelism"/> threads (default: all cores) and returns
    /// the results in input order. <paramref name="progress"/>, if given, receives the count of pairs finished.
    /// </summary>
    public static PesqResult[] ScoreBatch(IReadOnlyList<PesqPair> pairs, PesqMode mode, int maxDegreeOfParallelism = 0,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        _ = pairs;
        _ = mode;
        _ = maxDegreeOfParallelism;
        _ = progress;
        _ = cancellationToken;
        throw new NotImplementedException("PESQ is being written");
    }
}
