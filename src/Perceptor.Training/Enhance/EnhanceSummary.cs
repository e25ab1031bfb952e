namespace Perceptor.Training.Enhance;

/// <summary>What an enhance call did: files written and files that could not be enhanced, each with its reason.</summary>
public sealed record EnhanceSummary(IReadOnlyList<string> Written, IReadOnlyList<string> Failures);
