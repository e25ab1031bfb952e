namespace Perceptor.Experiments.Running;

/// <summary>What happened to one run in this invocation of the experiment.</summary>
/// <param name="Run">The run.</param>
/// <param name="Status">Its status afterwards.</param>
/// <param name="Action">What this invocation did: <c>skipped</c> (already finished), <c>started</c>, <c>resumed</c>, <c>not reached</c>.</param>
/// <param name="Message">Why it failed or stopped, or null.</param>
public sealed record RunOutcome(PlannedRun Run, RunStatus Status, string Action, string? Message);
