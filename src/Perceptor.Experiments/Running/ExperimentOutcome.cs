namespace Perceptor.Experiments.Running;

/// <summary>The result of running (or continuing) an experiment.</summary>
/// <param name="Runs">Every planned run, in plan order.</param>
/// <param name="Interrupted">True when the user stopped the experiment; unfinished runs continue next time.</param>
public sealed record ExperimentOutcome(IReadOnlyList<RunOutcome> Runs, bool Interrupted)
{
    /// <summary>True when every run finished (completed or stopped early).</summary>
    public bool AllFinished => Runs.All(r => r.Status is RunStatus.Completed or RunStatus.EarlyStopped);

    /// <summary>Runs that finished (completed or stopped early).</summary>
    public int Finished => Runs.Count(r => r.Status is RunStatus.Completed or RunStatus.EarlyStopped);

    /// <summary>Runs that failed, in plan order.</summary>
    public IReadOnlyList<RunOutcome> Failed => [.. Runs.Where(r => r.Status == RunStatus.Failed)];

    /// <summary>
    /// The exit code of the command that ran the experiment: 130 (the shell's code for Ctrl+C) when interrupted, even
    /// if a run failed before, since running the command again continues both; otherwise 1 when some run failed (the
    /// others were trained and reported), 0 when none did.
    /// </summary>
    public int ExitCode => Interrupted ? 130 : Failed.Count > 0 ? 1 : 0;
}
