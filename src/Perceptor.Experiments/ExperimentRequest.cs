using Perceptor.Experiments.Cluster;

namespace Perceptor.Experiments;

/// <summary>One <c>perceptor experiment</c> invocation.</summary>
public sealed record ExperimentRequest
{
    /// <summary>Corpus folder.</summary>
    public required string DataDir { get; init; }

    /// <summary>Experiment folder.</summary>
    public required string OutDir { get; init; }

    /// <summary><c>--arms</c> text (each entry may hold several arms).</summary>
    public required IReadOnlyList<string> Arms { get; init; }

    /// <summary>Training seeds.</summary>
    public IReadOnlyList<long> Seeds { get; init; } = [1];

    /// <summary>Epochs per run (null: the preset's).</summary>
    public int? Epochs { get; init; } = 10;

    /// <summary>Training or model preset.</summary>
    public string? Preset { get; init; }

    /// <summary>JSON config file.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Settings for every arm.</summary>
    public IReadOnlyList<string> Settings { get; init; } = [];

    /// <summary>Runs at a time (above 1: child <c>perceptor train</c> processes); for <see cref="Emit"/>, the array's concurrency limit.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Write a job-array script instead of training here.</summary>
    public ClusterOptions? Emit { get; init; }

    /// <summary>Write the comparison report when the runs end.</summary>
    public bool Report { get; init; } = true;
}
