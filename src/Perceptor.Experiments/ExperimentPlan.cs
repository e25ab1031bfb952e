namespace Perceptor.Experiments;

/// <summary>A checked experiment: its specification and every run in execution order (all arms of a seed, then the next seed).</summary>
public sealed record ExperimentPlan(ExperimentSpec Spec, IReadOnlyList<PlannedRun> Runs)
{
    /// <summary>The checked weights every run starts from (generator first; empty: every run starts from its seed).</summary>
    public IReadOnlyList<StartingWeights> InitialWeights { get; init; } = [];

    /// <summary>Absolute path of a run's folder.</summary>
    public string RunPath(PlannedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return Path.GetFullPath(Path.Combine(Spec.OutDir, run.Folder));
    }
}
