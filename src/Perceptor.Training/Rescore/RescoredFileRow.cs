using Perceptor.Quality.Evaluation;

namespace Perceptor.Training.Rescore;

/// <summary>
/// One utterance of one checkpoint: each measure of the evaluation table that has a value (by its lower-case key:
/// <c>pesq</c>, <c>csig</c>, ... <c>si_sdr</c>, <c>estoi</c>), the reason of each that has none, and the problem that
/// left the whole file unscored (the enhancement failed or gave non-finite samples), if any.
/// </summary>
public sealed record RescoredFileRow(string Name, string? Problem, IReadOnlyDictionary<string, double> Values, IReadOnlyDictionary<string, string> Failures)
{
    /// <summary>The row of <paramref name="scores"/>.</summary>
    public static RescoredFileRow Of(string name, QualityScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var failures = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var metric in QualityMetrics.All)
        {
            var v = scores[metric];
            if (v.Value is double d)
            {
                values[QualityMetrics.Key(metric)] = d;
            }
            else
            {
                failures[QualityMetrics.Key(metric)] = v.Failure ?? "no value";
            }
        }

        return new RescoredFileRow(name, null, values, failures);
    }

    /// <summary>A file that could not be scored at all.</summary>
    public static RescoredFileRow Failed(string name, string problem) =>
        new(name, problem, new Dictionary<string, double>(), QualityMetrics.All.ToDictionary(QualityMetrics.Key, _ => problem, StringComparer.Ordinal));
}
