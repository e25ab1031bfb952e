namespace Perceptor.Experiments.Running;

/// <summary>The result of running (or continuing) an experiment.</summary>
/// <param name="Runs">Every planned run, in plan order.</param>
/// <param name="Interrupted">True when the user stopped the experiment; unfinished runs continue next time.</param>
public sealed record ExperimentOutcome(IReadOnlyList<RunOutcome> Runs, bool Interrupted)
{
    /// <summary>True when every run finished (completed or stopped early).</summary>
    public bool AllFinished => Runs.All(r => r.Status is RunStatus.Completed or RunStatus.EarlyStopped);
}
