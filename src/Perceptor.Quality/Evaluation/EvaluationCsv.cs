using System.Globalization;
using System.Text;

namespace Perceptor.Quality.Evaluation;

/// <summary>
/// The per-file table as CSV: name, the six standard metrics (then the noisy input's and the improvement when
/// present), the reasons for any empty cell, notes, and then SI-SDR and ESTOI (with their noisy and improvement
/// columns). The measures added after the standard six come last so that every earlier column keeps its position.
/// An empty metric cell always has its reason in <c>failures</c> (or <c>noisy_failures</c>).
/// </summary>
public static class EvaluationCsv
{
    /// <summary>The column names for <paramref name="table"/>, in order.</summary>
    public static IReadOnlyList<string> Header(EvaluationTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var header = new List<string> { "name" };
        AddMetricNames(header, QualityMetrics.Standard, table.HasNoisy);
        header.Add("failures");
        if (table.HasNoisy)
        {
            header.Add("noisy_failures");
        }

        header.Add("notes");
        AddMetricNames(header, QualityMetrics.Additional, table.HasNoisy);
        return header;
    }

    /// <summary>Formats <paramref name="table"/> (numbers with 6 decimals, invariant culture, LF line ends).</summary>
    public static string Format(EvaluationTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Header(table))).Append('\n');
        foreach (var row in table.Rows)
        {
            var cells = new List<string> { Quote(row.Name) };
            AddMetricCells(cells, row, QualityMetrics.Standard, table.HasNoisy);
            cells.Add(Quote(row.Problem ?? Failures(row.Enhanced)));
            if (table.HasNoisy)
            {
                cells.Add(Quote(row.Problem ?? (row.Noisy is null ? "" : Failures(row.Noisy))));
            }

            cells.Add(Quote(row.Note ?? ""));
            AddMetricCells(cells, row, QualityMetrics.Additional, table.HasNoisy);
            sb.Append(string.Join(',', cells)).Append('\n');
        }

        return sb.ToString();
    }

    private static void AddMetricNames(List<string> header, IReadOnlyList<QualityMetric> metrics, bool noisy)
    {
        header.AddRange(metrics.Select(QualityMetrics.Key));
        if (noisy)
        {
            header.AddRange(metrics.Select(m => "noisy_" + QualityMetrics.Key(m)));
            header.AddRange(metrics.Select(m => "delta_" + QualityMetrics.Key(m)));
        }
    }

    private static void AddMetricCells(List<string> cells, EvaluationRow row, IReadOnlyList<QualityMetric> metrics, bool noisy)
    {
        cells.AddRange(metrics.Select(m => Number(row.Enhanced[m].Value)));
        if (noisy)
        {
            cells.AddRange(metrics.Select(m => Number(row.Noisy?[m].Value)));
            cells.AddRange(metrics.Select(m => Number(row.Delta(m))));
        }
    }

    /// <summary>
    /// "metric: reason" for the metrics without a value, metrics sharing a reason named together
    /// ("csig/cbak/covl: needs PESQ, ..."), joined by "; " (empty when every metric has a value).
    /// </summary>
    public static string Failures(QualityScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var groups = new List<(string Reason, List<string> Metrics)>();
        foreach (var metric in QualityMetrics.All)
        {
            if (scores[metric].Failure is not string reason)
            {
                continue;
            }

            int at = groups.FindIndex(g => g.Reason == reason);
            if (at < 0)
            {
                groups.Add((reason, [QualityMetrics.Key(metric)]));
            }
            else
            {
                groups[at].Metrics.Add(QualityMetrics.Key(metric));
            }
        }

        return string.Join("; ", groups.Select(g => $"{string.Join('/', g.Metrics)}: {g.Reason}"));
    }

    private static string Number(double? value) =>
        value is double v ? v.ToString("0.000000", CultureInfo.InvariantCulture) : "";

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
