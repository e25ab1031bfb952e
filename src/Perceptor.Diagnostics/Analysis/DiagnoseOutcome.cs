using Perceptor.Diagnostics.Comparison;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>What a diagnose run produced: the diagnosis (of the baseline, when several logs were compared), the
/// comparison (null for one log), the text to print and the report files written.</summary>
public sealed record DiagnoseOutcome(Diagnosis Diagnosis, string Output, IReadOnlyList<string> FilesWritten)
{
    /// <summary>The comparison of several logs; null for one.</summary>
    public RunComparison? Comparison { get; init; }
}
