namespace Perceptor.Quality.Evaluation;

/// <summary>
/// One file of an evaluation: the enhanced output's scores, the noisy input's when a noisy folder was given, and the
/// file-level problem (missing pair, unreadable file, rate mismatch) that left its metrics empty, if any.
/// </summary>
public sealed record EvaluationRow(string Name, QualityScores Enhanced, QualityScores? Noisy, string? Problem, string? Note = null)
{
    /// <summary>Enhanced minus noisy for <paramref name="metric"/>, when both have a value.</summary>
    public double? Delta(QualityMetric metric) =>
        Noisy is not null && Enhanced[metric].Value is double e && Noisy[metric].Value is double n ? e - n : null;

    /// <summary>The value of <paramref name="metric"/> on <paramref name="side"/>.</summary>
    public double? Value(QualityMetric metric, EvaluationSide side) => side switch
    {
        EvaluationSide.Enhanced => Enhanced[metric].Value,
        EvaluationSide.Noisy => Noisy?[metric].Value,
        EvaluationSide.Delta => Delta(metric),
        _ => throw new ArgumentOutOfRangeException(nameof(side), side, null),
    };
}
