namespace Perceptor.Experiments.Reporting;

/// <summary>What <c>perceptor report</c> wrote.</summary>
/// <param name="IsExperiment">True for an experiment folder (comparison report), false for one run (its diagnosis).</param>
/// <param name="HtmlPath">The self-contained HTML report.</param>
/// <param name="Files">Every file written.</param>
/// <param name="Summary">A short text summary for the terminal.</param>
public sealed record ReportOutcome(bool IsExperiment, string HtmlPath, IReadOnlyList<string> Files, string Summary);
