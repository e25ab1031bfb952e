using Perceptor.Diagnostics.Findings;

namespace Perceptor.Diagnostics.Analysis;

/// <summary>One hypothesis, its verdict and the reasons (each with its stance).</summary>
public sealed record HypothesisVerdict(HypothesisId Id, string Title, Verdict Verdict, IReadOnlyList<HypothesisLink> Reasons, string? Note);
