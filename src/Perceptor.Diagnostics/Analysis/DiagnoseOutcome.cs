namespace Perceptor.Diagnostics.Analysis;

/// <summary>What a diagnose run produced: the diagnosis, the text to print and the report files written.</summary>
public sealed record DiagnoseOutcome(Diagnosis Diagnosis, string Output, IReadOnlyList<string> FilesWritten);
