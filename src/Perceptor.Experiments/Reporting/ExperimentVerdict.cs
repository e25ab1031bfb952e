using Perceptor.Diagnostics.Findings;

namespace Perceptor.Experiments.Reporting;

/// <summary>The verdict of an experiment on one hypothesis.</summary>
/// <param name="Hypothesis">The hypothesis.</param>
/// <param name="Kind">The verdict.</param>
/// <param name="Summary">One sentence.</param>
/// <param name="Comparisons">Each testing arm against the baseline.</param>
/// <param name="Evidence">Mechanism numbers that bear on it (skip rates, calibration, GAN share, collapses).</param>
/// <param name="Caveats">What limits the verdict.</param>
public sealed record ExperimentVerdict(
    Hypothesis Hypothesis,
    VerdictKind Kind,
    string Summary,
    IReadOnlyList<ArmComparison> Comparisons,
    IReadOnlyList<string> Evidence,
    IReadOnlyList<string> Caveats);
