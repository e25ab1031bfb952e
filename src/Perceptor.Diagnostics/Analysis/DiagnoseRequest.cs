using Perceptor.Diagnostics.Detectors;
using Perceptor.Diagnostics.Runs;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>One <c>perceptor diagnose</c> invocation.</summary>
public sealed record DiagnoseRequest
{
    /// <summary>A run folder, a metrics.jsonl, a text log or a CSV log.</summary>
    public required string Path { get; init; }

    /// <summary>More logs to compare with the first (before/after a change); empty for one log.</summary>
    public IReadOnlyList<string> MorePaths { get; init; } = [];

    /// <summary>Declared changes by run name (<c>--label NAME=what-changed</c>): NAME is a log's file name, its name
    /// without extension, its folder's name or its path as given.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>A rescore (folder with rescore.json / rescore.csv, or either file) of the first log's checkpoints, taken as
    /// its authoritative eval PESQ; null for none.</summary>
    public string? RescoredPath { get; init; }

    /// <summary>Forces the log kind; null recognises it.</summary>
    public LogKind? Kind { get; init; }

    /// <summary>What to print.</summary>
    public OutputFormat Format { get; init; } = OutputFormat.Text;

    /// <summary>Folder for report.md, report.html and the PNGs; null writes no report.</summary>
    public string? OutDirectory { get; init; }

    /// <summary>Detector thresholds and supplied settings.</summary>
    public DiagnosisOptions Options { get; init; } = new();
}
