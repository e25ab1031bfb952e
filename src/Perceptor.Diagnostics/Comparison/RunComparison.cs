using Perceptor.Diagnostics.Analysis;

namespace Perceptor.Diagnostics.Comparison;

/// <summary>Several runs side by side and what their declared changes say about the hypotheses.</summary>
/// <param name="Runs">The runs in the order given.</param>
/// <param name="Baseline">The run the others are compared with.</param>
/// <param name="Verdicts">A verdict on each hypothesis some declared change tests.</param>
/// <param name="Notes">Caveats and changes that map to no hypothesis.</param>
public sealed record RunComparison(
    IReadOnlyList<ComparedRun> Runs, ComparedRun Baseline, IReadOnlyList<HypothesisVerdict> Verdicts, IReadOnlyList<string> Notes);
