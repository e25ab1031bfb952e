using System.Text.Json;

namespace Perceptor.Diagnostics.RunLog;

/// <summary>
/// Reads <c>metrics.jsonl</c>. A line that is not valid JSON, or a known record type with wrong fields, is reported
/// by line number in <see cref="RunLogContent.Problems"/> and skipped; unknown record types are skipped silently
/// (newer writers); everything else is returned in file order.
/// </summary>
public static class RunLogReader
{
    /// <summary>Reads the file at <paramref name="path"/>.</summary>
    public static RunLogContent Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var reader = new StreamReader(path);
        return Read(reader, path);
    }

    /// <summary>Reads records from <paramref name="reader"/>; <paramref name="source"/> names it in problems.</summary>
    public static RunLogContent Read(TextReader reader, string source)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new List<RunRecord>();
        var problems = new List<string>();
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind != JsonValueKind.Object ||
                    !doc.RootElement.TryGetProperty("type", out var typeElement) ||
                    typeElement.ValueKind != JsonValueKind.String)
                {
                    problems.Add($"{source}:{lineNumber}: not a record (no \"type\")");
                    continue;
                }

                if (!IsKnown(typeElement.GetString()!))
                {
                    continue;
                }

                var record = doc.RootElement.Deserialize<RunRecord>(RunLogJson.Options);
                if (record is not null)
                {
                    records.Add(record);
                }
            }
            catch (JsonException e)
            {
                problems.Add($"{source}:{lineNumber}: unreadable record ({e.Message})");
            }
        }

        return new RunLogContent(records, problems);
    }

    private static bool IsKnown(string type) => type is "run_start" or "step" or "disc_stats" or "grad_balance" or "eval"
        or "calibration" or "epoch" or "collapse" or "checkpoint" or "run_end";
}
