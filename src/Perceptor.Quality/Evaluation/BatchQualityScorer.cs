namespace Perceptor.Quality.Evaluation;

/// <summary>Scores many pairs on all cores, one <see cref="QualityScorer"/> workspace per worker thread.</summary>
public static class BatchQualityScorer
{
    /// <summary>
    /// Scores <paramref name="pairs"/> on up to <paramref name="maxDegreeOfParallelism"/> threads (0: all cores) and
    /// returns the scores in input order. <paramref name="progress"/> receives the count of pairs finished.
    /// Cancelling throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static QualityScores[] Score(IReadOnlyList<QualityPair> pairs, QualityScorerOptions? options = null,
        int maxDegreeOfParallelism = 0, IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return OrderedParallel.Map(pairs, () => new QualityScorer(options),
            static (scorer, pair) => scorer.Score(pair.Clean.Span, pair.Processed.Span, pair.SampleRate),
            maxDegreeOfParallelism, progress is null ? null : (count, _) => progress.Report(count), cancellationToken);
    }
}
