using Perceptor.Training.Config;

namespace Perceptor.Training.Run;

/// <summary>What to train: a resolved configuration, the data folder and the run folder.</summary>
public sealed record TrainingRequest
{
    /// <summary>The resolved configuration (see <see cref="ConfigLoader"/> and <see cref="TrainingSetup.ResolveConfig"/>).</summary>
    public required TrainingConfig Config { get; init; }

    /// <summary>Folder with <c>train/{clean,noisy}</c> and <c>test/{clean,noisy}</c>.</summary>
    public required string DataDir { get; init; }

    /// <summary>Run folder (created if needed).</summary>
    public required string RunDir { get; init; }

    /// <summary>Continue from <c>checkpoints/last.ckpt</c> of the run folder.</summary>
    public bool Resume { get; init; }

    /// <summary>The command line, recorded in <c>env.json</c>.</summary>
    public string? CommandLine { get; init; }
}
