using Perceptor.Models;
using Perceptor.Training.Probes;
using Perceptor.Training.Step;

namespace Perceptor.Training.Checkpoints;

/// <summary>
/// The self-describing part of a checkpoint (stored as JSON inside the file): the model sizes to rebuild the
/// networks, where training stands, the best metric, the resolved config and the probes' running state. The data
/// order needs no generator state of its own: it is a function of (seed, epoch, batch), all recorded here.
/// </summary>
public sealed record CheckpointState
{
    /// <summary>Version of the file layout.</summary>
    public int FormatVersion { get; init; } = CheckpointFile.FormatVersion;

    /// <summary>Model preset name (with <c>+custom</c> when sizes were overridden).</summary>
    public required string Preset { get; init; }

    /// <summary>Generator size.</summary>
    public required GeneratorConfig Generator { get; init; }

    /// <summary>Discriminator size.</summary>
    public required DiscriminatorConfig Discriminator { get; init; }

    /// <summary>Next epoch to run (0-based): after a finished epoch E this is E + 1.</summary>
    public int Epoch { get; init; }

    /// <summary>Next batch of <see cref="Epoch"/> (0-based; 0 at an epoch boundary).</summary>
    public int Batch { get; init; }

    /// <summary>Training steps taken.</summary>
    public long Step { get; init; }

    /// <summary>Seed of the run (data order, crops).</summary>
    public long Seed { get; init; }

    /// <summary>Best eval PESQ so far and its epoch (1-based as logged).</summary>
    public double? BestPesq { get; init; }

    /// <summary>Epoch of <see cref="BestPesq"/>.</summary>
    public int? BestEpoch { get; init; }

    /// <summary>The resolved configuration as JSON.</summary>
    public required string Config { get; init; }

    /// <summary>The data folder the run trained on.</summary>
    public string? DataDir { get; init; }

    /// <summary>Accounting of the unfinished epoch when written inside one; null at an epoch boundary.</summary>
    public EpochTally? Tally { get; init; }

    /// <summary>Evaluated epochs for the collapse watch.</summary>
    public IReadOnlyList<EpochScore> PesqHistory { get; init; } = [];

    /// <summary>Whether the collapse watch has already reported the current collapse.</summary>
    public bool InCollapse { get; init; }

    /// <summary>Consecutive non-finite steps at the time of writing.</summary>
    public int ConsecutiveNonfinite { get; init; }

    /// <summary>When the checkpoint was written (UTC).</summary>
    public DateTimeOffset Written { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>The model preset this describes.</summary>
    public ModelPreset ToPreset() => new(Preset, Generator, Discriminator);
}
