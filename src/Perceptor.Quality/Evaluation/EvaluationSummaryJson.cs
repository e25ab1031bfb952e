using System.Text;
using System.Text.Json;

namespace Perceptor.Quality.Evaluation;

/// <summary>
/// The evaluation summary as JSON: the folders, file counts, per metric the mean, count and failures for the
/// enhanced files (and the noisy inputs and the per-file improvement when given), and every problem by file name.
/// </summary>
public static class EvaluationSummaryJson
{
    /// <summary>Formats the summary of <paramref name="table"/> for the run described by <paramref name="options"/>.</summary>
    public static string Format(EvaluationTable table, FolderEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(options);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("clean", options.CleanDirectory);
            w.WriteString("enhanced", options.EnhancedDirectory);
            if (options.NoisyDirectory is null)
            {
                w.WriteNull("noisy");
            }
            else
            {
                w.WriteString("noisy", options.NoisyDirectory);
            }

            w.WriteNumber("sample_rate", QualityScorer.EvaluationRate);
            w.WriteStartObject("files");
            w.WriteNumber("total", table.Rows.Count);
            w.WriteNumber("scored", table.Rows.Count(r => r.Problem is null));
            w.WriteNumber("problems", table.Rows.Count(r => r.Problem is not null));
            w.WriteEndObject();
            WriteSide(w, "metrics", table, EvaluationSide.Enhanced);
            if (table.HasNoisy)
            {
                WriteSide(w, "noisy_metrics", table, EvaluationSide.Noisy);
                WriteSide(w, "delta", table, EvaluationSide.Delta);
            }

            w.WriteStartArray("problems");
            foreach (var row in table.Rows.Where(r => r.Problem is not null))
            {
                w.WriteStartObject();
                w.WriteString("name", row.Name);
                w.WriteString("problem", row.Problem);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("metric_failures");
            foreach (var row in table.Rows.Where(r => r.Problem is null))
            {
                WriteFailures(w, row.Name, "enhanced", row.Enhanced);
                if (row.Noisy is not null)
                {
                    WriteFailures(w, row.Name, "noisy", row.Noisy);
                }
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteSide(Utf8JsonWriter w, string property, EvaluationTable table, EvaluationSide side)
    {
        w.WriteStartObject(property);
        foreach (var metric in QualityMetrics.All)
        {
            var s = table.Summary(metric, side);
            w.WriteStartObject(QualityMetrics.Key(metric));
            if (s.Mean is double mean)
            {
                w.WriteNumber("mean", Math.Round(mean, 6));
            }
            else
            {
                w.WriteNull("mean");
            }

            w.WriteNumber("count", s.Count);
            w.WriteNumber("failed", s.Failed);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteFailures(Utf8JsonWriter w, string name, string side, QualityScores scores)
    {
        foreach (var metric in QualityMetrics.All)
        {
            if (scores[metric].Failure is string reason)
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("side", side);
                w.WriteString("metric", QualityMetrics.Key(metric));
                w.WriteString("reason", reason);
                w.WriteEndObject();
            }
        }
    }
}
