namespace Perceptor.Diagnostics.Findings;

/// <summary>
/// One candidate cause of the "PESQ collapses while the losses fall" pattern (one of H1-H7), as both the
/// diagnosis of a log and the verdicts of an experiment name it.
/// </summary>
/// <param name="Number">Which hypothesis.</param>
/// <param name="Title">The cause in a few words.</param>
/// <param name="Claim">What would be true if the hypothesis holds.</param>
/// <param name="TestedBy">Which experiment arm tests it, in words (shown when no arm of an experiment does).</param>
public sealed record Hypothesis(HypothesisId Number, string Title, string Claim, string TestedBy)
{
    /// <summary>The short id, <c>H1</c>..<c>H7</c>, as JSON, reports and arm records write it.</summary>
    public string Id => Number.ToString();
}
