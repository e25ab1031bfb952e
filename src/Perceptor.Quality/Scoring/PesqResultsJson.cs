using System.Text;
using System.Text.Json;

namespace Perceptor.Quality.Scoring;

/// <summary>
/// PESQ results as one JSON object, for scripts: the same per-pair fields as the results CSV and the same
/// summary as the text output. Keys, always present:
/// <list type="bullet">
/// <item><c>form</c>: <c>"pair"</c>, <c>"cases"</c> or <c>"folders"</c>.</item>
/// <item><c>results</c>: one object per pair in input (cases) or name (folders) order: <c>id</c> (case id or file
/// name), <c>score</c> (MOS-LQO or null), <c>mode</c> (<c>"wb"</c>, <c>"nb"</c>, or null when the rate was never
/// read), <c>failure</c> (null, or a name of <see cref="PesqFileFailures.Name"/>), <c>error</c> (the CSV's error
/// text: the failure name and any detail, or null).</item>
/// <item><c>summary</c>: <c>total</c>, <c>scored</c>, <c>failed</c>; <c>means</c>, an object keyed by mode
/// (<c>"wb"</c>, <c>"nb"</c>, only modes with a score) holding <c>scored</c> and <c>mean</c>; <c>failures</c>,
/// an object of failure name to count.</item>
/// <item><c>case_problems</c>: case-file rows not read as written, each <c>line</c> and <c>message</c> (empty
/// unless <c>form</c> is <c>"cases"</c>).</item>
/// <item><c>missing_degraded</c>, <c>missing_reference</c>: file names present in only the clean or only the
/// degraded folder (empty unless <c>form</c> is <c>"folders"</c>).</item>
/// </list>
/// </summary>
public static class PesqResultsJson
{
    /// <summary>The object for one scored pair.</summary>
    public static string FormatPair(PesqFileOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return Format("pair", [outcome], [], [], []);
    }

    /// <summary>The object for a case file: its outcomes in case order and the rows reported while reading it.</summary>
    public static string FormatCases(PesqCaseList cases, IReadOnlyList<PesqFileOutcome> outcomes)
    {
        ArgumentNullException.ThrowIfNull(cases);
        ArgumentNullException.ThrowIfNull(outcomes);
        return Format("cases", outcomes, cases.Problems, [], []);
    }

    /// <summary>The object for two scored folders.</summary>
    public static string FormatFolders(PesqDirectoryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Format("folders", report.Outcomes, [], report.MissingDegraded, report.MissingReference);
    }

    private static string Format(string form, IReadOnlyList<PesqFileOutcome> outcomes, IReadOnlyList<PesqCaseProblem> problems,
        IReadOnlyList<string> missingDegraded, IReadOnlyList<string> missingReference)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("form", form);
            w.WriteStartArray("results");
            foreach (var o in outcomes)
            {
                w.WriteStartObject();
                w.WriteString("id", o.Id);
                if (o.Score is double score)
                {
                    w.WriteNumber("score", score);
                }
                else
                {
                    w.WriteNull("score");
                }

                WriteStringOrNull(w, "mode", o.Mode is { } mode ? PesqModeSummary.Name(mode) : null);
                WriteStringOrNull(w, "failure", o.IsSuccess ? null : PesqFileFailures.Name(o.Failure));
                WriteStringOrNull(w, "error", o.Error);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteSummary(w, PesqSummary.Of(outcomes));
            w.WriteStartArray("case_problems");
            foreach (var p in problems)
            {
                w.WriteStartObject();
                w.WriteNumber("line", p.Line);
                w.WriteString("message", p.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteNames(w, "missing_degraded", missingDegraded);
            WriteNames(w, "missing_reference", missingReference);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteSummary(Utf8JsonWriter w, PesqSummary summary)
    {
        w.WriteStartObject("summary");
        w.WriteNumber("total", summary.Total);
        w.WriteNumber("scored", summary.Scored);
        w.WriteNumber("failed", summary.Failed);
        w.WriteStartObject("means");
        foreach (var m in summary.Modes)
        {
            w.WriteStartObject(PesqModeSummary.Name(m.Mode));
            w.WriteNumber("scored", m.Scored);
            w.WriteNumber("mean", m.Mean);
            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.WriteStartObject("failures");
        foreach (var kv in summary.FailuresByKind)
        {
            w.WriteNumber(PesqFileFailures.Name(kv.Key), kv.Value);
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteNames(Utf8JsonWriter w, string key, IReadOnlyList<string> names)
    {
        w.WriteStartArray(key);
        foreach (string name in names)
        {
            w.WriteStringValue(name);
        }

        w.WriteEndArray();
    }

    private static void WriteStringOrNull(Utf8JsonWriter w, string key, string? value)
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
