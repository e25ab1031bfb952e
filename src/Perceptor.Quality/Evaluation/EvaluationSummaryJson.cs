using System.Text;
using System.Text.Json;

namespace Perceptor.Quality.Evaluation;

/// <summary>
/// The evaluation summary as JSON: the folders, file counts, per metric the mean, count and failures for the
/// enhanced files (and the noisy inputs and the per-file improvement when given), and every problem by file name.
/// <c>summary.json</c> keeps the snake_case keys it has always had; <c>evaluate --format json</c> writes the same
/// fields in camelCase (see <see cref="EvaluationJson"/>).
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
            WriteFields(w, table, options, static name => name);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes the summary's properties into the open object, naming each key through <paramref name="key"/>.</summary>
    internal static void WriteFields(Utf8JsonWriter w, EvaluationTable table, FolderEvaluationOptions options, Func<string, string> key)
    {
        w.WriteString(key("clean"), options.CleanDirectory);
        w.WriteString(key("enhanced"), options.EnhancedDirectory);
        if (options.NoisyDirectory is null)
        {
            w.WriteNull(key("noisy"));
        }
        else
        {
            w.WriteString(key("noisy"), options.NoisyDirectory);
        }

        w.WriteNumber(key("sample_rate"), QualityScorer.EvaluationRate);
        w.WriteStartObject(key("files"));
        w.WriteNumber(key("total"), table.Rows.Count);
        w.WriteNumber(key("scored"), table.Rows.Count(r => r.Problem is null));
        w.WriteNumber(key("problems"), table.Rows.Count(r => r.Problem is not null));
        w.WriteEndObject();
        WriteSide(w, key("metrics"), table, EvaluationSide.Enhanced, key);
        if (table.HasNoisy)
        {
            WriteSide(w, key("noisy_metrics"), table, EvaluationSide.Noisy, key);
            WriteSide(w, key("delta"), table, EvaluationSide.Delta, key);
        }

        w.WriteStartArray(key("problems"));
        foreach (var row in table.Rows.Where(r => r.Problem is not null))
        {
            w.WriteStartObject();
            w.WriteString(key("name"), row.Name);
            w.WriteString(key("problem"), row.Problem);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray(key("metric_failures"));
        foreach (var row in table.Rows.Where(r => r.Problem is null))
        {
            WriteFailures(w, row.Name, "enhanced", row.Enhanced, key);
            if (row.Noisy is not null)
            {
                WriteFailures(w, row.Name, "noisy", row.Noisy, key);
            }
        }

        w.WriteEndArray();
    }

    private static void WriteSide(Utf8JsonWriter w, string property, EvaluationTable table, EvaluationSide side, Func<string, string> key)
    {
        w.WriteStartObject(property);
        foreach (var metric in QualityMetrics.All)
        {
            var s = table.Summary(metric, side);
            w.WriteStartObject(key(QualityMetrics.Key(metric)));
            if (s.Mean is double mean)
            {
                w.WriteNumber(key("mean"), Math.Round(mean, 6));
            }
            else
            {
                w.WriteNull(key("mean"));
            }

            w.WriteNumber(key("count"), s.Count);
            w.WriteNumber(key("failed"), s.Failed);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteFailures(Utf8JsonWriter w, string name, string side, QualityScores scores, Func<string, string> key)
    {
        foreach (var metric in QualityMetrics.All)
        {
            if (scores[metric].Failure is string reason)
            {
                w.WriteStartObject();
                w.WriteString(key("name"), name);
                w.WriteString(key("side"), side);
                w.WriteString(key("metric"), key(QualityMetrics.Key(metric)));
                w.WriteString(key("reason"), reason);
                w.WriteEndObject();
            }
        }
    }
}
