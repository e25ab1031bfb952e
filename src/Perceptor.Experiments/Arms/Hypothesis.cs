namespace Perceptor.Experiments.Arms;

/// <summary>One candidate cause of the "PESQ collapses while the losses fall" pattern (product.md, H1-H6).</summary>
/// <param name="Id">Short id, <c>H1</c>..<c>H6</c>.</param>
/// <param name="Title">The cause in a few words.</param>
/// <param name="Claim">What would be true if the hypothesis holds.</param>
/// <param name="TestedBy">Which arm tests it, in words (shown when no arm of the experiment does).</param>
public sealed record Hypothesis(string Id, string Title, string Claim, string TestedBy);
