using Perceptor.Quality.Evaluation;

namespace Perceptor.Training.Rescore;

/// <summary>The per-file rows of one checkpoint (or of the noisy input) and their means, as the evaluation table averages them.</summary>
public static class RescoreScores
{
    /// <summary>The mean of each measure over the files that have it (measures no file has are left out), by key.</summary>
    public static IReadOnlyDictionary<string, double> Means(IReadOnlyList<RescoredFileRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var means = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var metric in QualityMetrics.All)
        {
            string key = QualityMetrics.Key(metric);
            var values = rows.Where(r => r.Values.ContainsKey(key)).Select(r => r.Values[key]).ToList();
            if (values.Count > 0)
            {
                means[key] = values.Average();
            }
        }

        return means;
    }

    /// <summary>Files without a PESQ value (the enhancement failed, or PESQ could not score them).</summary>
    public static int PesqFailed(IReadOnlyList<RescoredFileRow> rows) => rows?.Count(r => !r.Values.ContainsKey("pesq")) ?? 0;
}
