using Perceptor.Diagnostics.Findings;

namespace Perceptor.Diagnostics.Detectors;

/// <summary>
/// What one detector returns: its findings, and observations that bear on hypotheses without being a finding
/// (e.g. "skip rate 2%: H1 ruled out" needs no finding of its own).
/// </summary>
public sealed record DetectorResult(IReadOnlyList<Finding> Findings, IReadOnlyList<HypothesisLink> Observations)
{
    /// <summary>Nothing found, nothing observed.</summary>
    public static DetectorResult Empty { get; } = new([], []);

    /// <summary>One finding and no separate observations.</summary>
    public static DetectorResult Of(Finding finding) => new([finding], []);

    /// <summary>Observations only.</summary>
    public static DetectorResult Observe(params HypothesisLink[] observations) => new([], observations);
}
