namespace Perceptor.Quality.Evaluation;

/// <summary>Per-file rows of an evaluation and their means (each metric averaged over the files that have it).</summary>
public sealed class EvaluationTable
{
    /// <summary>Creates the table over <paramref name="rows"/> (kept in the given order).</summary>
    public EvaluationTable(IReadOnlyList<EvaluationRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Rows = rows;
        HasNoisy = rows.Any(r => r.Noisy is not null);
    }

    /// <summary>The rows in input order.</summary>
    public IReadOnlyList<EvaluationRow> Rows { get; }

    /// <summary>True when noisy-input scores are present.</summary>
    public bool HasNoisy { get; }

    /// <summary>Rows with a file-level problem.</summary>
    public IEnumerable<EvaluationRow> Problems => Rows.Where(r => r.Problem is not null);

    /// <summary>Mean, count and failures of <paramref name="metric"/> on <paramref name="side"/>.</summary>
    public MetricSummary Summary(QualityMetric metric, EvaluationSide side = EvaluationSide.Enhanced)
    {
        double sum = 0;
        int count = 0;
        foreach (var row in Rows)
        {
            if (row.Value(metric, side) is double v)
            {
                sum += v;
                count++;
            }
        }

        return new MetricSummary(count > 0 ? sum / count : null, count, Rows.Count - count);
    }
}
