namespace Perceptor.Diagnostics.Findings;

/// <summary>One piece of evidence bearing on a hypothesis, with the reason in words.</summary>
public sealed record HypothesisLink(HypothesisId Hypothesis, Stance Stance, string Reason);
