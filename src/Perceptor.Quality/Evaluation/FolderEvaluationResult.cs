namespace Perceptor.Quality.Evaluation;

/// <summary>The outcome of <see cref="FolderEvaluator.Run"/>: the table and the files written (null when none).</summary>
public sealed record FolderEvaluationResult(EvaluationTable Table, string? PerFileCsvPath, string? SummaryJsonPath);
