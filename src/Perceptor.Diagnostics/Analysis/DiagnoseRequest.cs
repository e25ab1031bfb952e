using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>One <c>perceptor diagnose</c> invocation.</summary>
public sealed record DiagnoseRequest
{
    /// <summary>A run folder, a metrics.jsonl, a text log or a CSV log.</summary>
    public required string Path { get; init; }

    /// <summary>Forces the log kind; null recognises it.</summary>
    public LogKind? Kind { get; init; }

    /// <summary>What to print.</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Text;

    /// <summary>Folder for report.md, report.html and the PNGs; null writes no report.</summary>
    public string? OutDirectory { get; init; }

    /// <summary>Detector thresholds and supplied settings.</summary>
    public DiagnosisOptions Options { get; init; } = new();
}
