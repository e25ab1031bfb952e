namespace Perceptor.Quality.Evaluation;

/// <summary>
/// The outcome of <see cref="FolderEvaluator.Run"/>: the table and the files written (null when none: no output
/// folder was given, or no pair could be scored).
/// </summary>
public sealed record FolderEvaluationResult(EvaluationTable Table, string? PerFileCsvPath, string? SummaryJsonPath)
{
    /// <summary>Files that were scored (no file-level problem).</summary>
    public int Scored => Table.Rows.Count(r => r.Problem is null);
}
