namespace Perceptor.Experiments;

/// <summary>An arm as recorded in <c>experiment.json</c>.</summary>
public sealed record ManifestArm(string Name, string Description, IReadOnlyList<string> Settings, IReadOnlyList<string> Hypotheses);
