using System.Globalization;
using System.Text;

namespace Perceptor.Quality.Evaluation;

/// <summary>The table of means as aligned plain text (what <c>perceptor evaluate</c> prints).</summary>
public static class EvaluationTableText
{
    /// <summary>One line per metric: mean over the enhanced files, and with noisy inputs their mean and the improvement.</summary>
    public static string Format(EvaluationTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"{"metric",-7}{"enhanced",10}");
        if (table.HasNoisy)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{"noisy",10}{"delta",10}");
        }

        sb.Append(CultureInfo.InvariantCulture, $"{"files",8}{"failed",8}\n");
        foreach (var metric in QualityMetrics.All)
        {
            var e = table.Summary(metric);
            sb.Append(CultureInfo.InvariantCulture, $"{QualityMetrics.Label(metric),-7}{Cell(e.Mean, metric),10}");
            if (table.HasNoisy)
            {
                sb.Append(CultureInfo.InvariantCulture,
                    $"{Cell(table.Summary(metric, EvaluationSide.Noisy).Mean, metric),10}{Signed(table.Summary(metric, EvaluationSide.Delta).Mean, metric),10}");
            }

            sb.Append(CultureInfo.InvariantCulture, $"{e.Count,8}{e.Failed,8}\n");
        }

        return sb.ToString();
    }

    private static string Format(QualityMetric metric) => metric is QualityMetric.Stoi or QualityMetric.Estoi ? "0.0000" : "0.000";

    private static string Cell(double? v, QualityMetric metric) =>
        v is double x ? x.ToString(Format(metric), CultureInfo.InvariantCulture) : "-";

    private static string Signed(double? v, QualityMetric metric) =>
        v is double x ? (x >= 0 ? "+" : "") + x.ToString(Format(metric), CultureInfo.InvariantCulture) : "-";
}
