using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Perceptor.Quality.Evaluation;

/// <summary>
/// What <c>perceptor evaluate --format json</c> prints: one object holding every field of <c>summary.json</c> and,
/// under <c>perFile</c>, every row of <c>per_file.csv</c>, each key the file's key in camelCase (<c>sample_rate</c>
/// → <c>sampleRate</c>, <c>noisy_si_sdr</c> → <c>noisySiSdr</c>), plus <c>written</c> with the paths of the two
/// files. Numbers are rounded to 6 decimals as in the files; a metric without a value is null, with its reason in
/// <c>failures</c>/<c>noisyFailures</c>. The schema is documented in docs/evaluate-json.md.
/// </summary>
public static class EvaluationJson
{
    /// <summary>Formats the evaluation of <paramref name="result"/> for the run described by <paramref name="options"/>.</summary>
    public static string Format(FolderEvaluationResult result, FolderEvaluationOptions options)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(options);
        var table = result.Table;
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            EvaluationSummaryJson.WriteFields(w, table, options, Camel);
            var header = EvaluationCsv.Header(table);
            w.WriteStartArray("perFile");
            foreach (var row in table.Rows)
            {
                w.WriteStartObject();
                foreach (string column in header)
                {
                    WriteCell(w, Camel(column), column, row);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartObject("written");
            WriteNullable(w, "perFileCsv", result.PerFileCsvPath);
            WriteNullable(w, "summaryJson", result.SummaryJsonPath);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>snake_case → camelCase (<c>noisy_si_sdr</c> → <c>noisySiSdr</c>).</summary>
    internal static string Camel(string snake)
    {
        var sb = new StringBuilder(snake.Length);
        bool upper = false;
        foreach (char c in snake)
        {
            if (c == '_')
            {
                upper = true;
                continue;
            }

            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        return sb.ToString();
    }

    private static void WriteCell(Utf8JsonWriter w, string key, string column, EvaluationRow row)
    {
        switch (column)
        {
            case "name":
                w.WriteString(key, row.Name);
                return;
            case "failures":
                w.WriteString(key, row.Problem ?? EvaluationCsv.Failures(row.Enhanced));
                return;
            case "noisy_failures":
                w.WriteString(key, row.Problem ?? (row.Noisy is null ? "" : EvaluationCsv.Failures(row.Noisy)));
                return;
            case "notes":
                WriteNullable(w, key, row.Note);
                return;
        }

        var (side, metricKey) = column.StartsWith("noisy_", StringComparison.Ordinal) ? (EvaluationSide.Noisy, column[6..])
            : column.StartsWith("delta_", StringComparison.Ordinal) ? (EvaluationSide.Delta, column[6..])
            : (EvaluationSide.Enhanced, column);
        var metric = QualityMetrics.All.Single(m => QualityMetrics.Key(m) == metricKey);
        if (row.Value(metric, side) is double v)
        {
            // The CSV's 6 decimals, written as the shortest number that reads back to that rounding.
            w.WriteNumber(key, double.Parse(v.ToString("0.000000", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteNull(key);
        }
    }

    private static void WriteNullable(Utf8JsonWriter w, string key, string? value)
    {
        if (value is null)
        {
            w.WriteNull(key);
        }
        else
        {
            w.WriteString(key, value);
        }
    }
}
