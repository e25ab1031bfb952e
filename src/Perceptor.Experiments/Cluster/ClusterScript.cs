namespace Perceptor.Experiments.Cluster;

/// <summary>A written job-array script.</summary>
/// <param name="Path">Absolute path of the script.</param>
/// <param name="SubmitCommand">The command that submits it.</param>
/// <param name="GatherCommand">The command that gathers the results once the tasks are done.</param>
/// <param name="Tasks">Array tasks (one per arm × seed).</param>
/// <param name="Warnings">Things worth a look before submitting (e.g. a corpus path this machine cannot see).</param>
public sealed record ClusterScript(string Path, string SubmitCommand, string GatherCommand, int Tasks, IReadOnlyList<string> Warnings);
