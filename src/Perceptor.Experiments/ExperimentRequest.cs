using Perceptor.Experiments.Cluster;

namespace Perceptor.Experiments;

/// <summary>One <c>perceptor experiment</c> invocation: the arms as typed, and how to run the experiment.</summary>
public sealed record ExperimentRequest : ExperimentSetup
{
    /// <summary><c>--arms</c> text (each entry may hold several arms).</summary>
    public required IReadOnlyList<string> Arms { get; init; }

    /// <summary>Runs at a time (above 1: child <c>perceptor train</c> processes); for <see cref="Emit"/>, the array's concurrency limit.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Write a job-array script instead of training here.</summary>
    public ClusterOptions? Emit { get; init; }

    /// <summary>
    /// <c>--init-from RUNDIR[:best|:last]</c>: start every run from both networks of that run's checkpoint (best by default);
    /// stands for <see cref="ExperimentSetup.InitGenerator"/> and <see cref="ExperimentSetup.InitDiscriminator"/>, which are then not given.
    /// </summary>
    public string? InitFrom { get; init; }

    /// <summary>Write the comparison report when the runs end.</summary>
    public bool Report { get; init; } = true;
}
