namespace Perceptor.Diagnostics.RunLog;

/// <summary>Written once each time a run starts or resumes.</summary>
public sealed record RunStartRecord : RunRecord
{
    /// <summary>Name of the run folder.</summary>
    public required string Run { get; init; }

    /// <summary>True when it continues from a checkpoint.</summary>
    public bool Resumed { get; init; }

    /// <summary>The epoch (1-based) it starts in.</summary>
    public int Epoch { get; init; }

    /// <summary>Steps already taken (0 for a new run).</summary>
    public long Step { get; init; }

    /// <summary>Seed of weights, data order and crops.</summary>
    public long Seed { get; init; }

    /// <summary>Model preset name (<c>+custom</c> when sizes were overridden); null in logs that did not record it.</summary>
    public string? Preset { get; init; }

    /// <summary><c>skip-batch</c>, <c>batch-mean</c> or <c>mask</c>.</summary>
    public required string PesqFailures { get; init; }

    /// <summary>Base generator learning rate.</summary>
    public double GenLr { get; init; }

    /// <summary>Base discriminator learning rate.</summary>
    public double DiscLr { get; init; }

    /// <summary>Weights of the generator loss terms.</summary>
    public required TermValues LossWeights { get; init; }

    /// <summary>Clips per batch.</summary>
    public int BatchSize { get; init; }

    /// <summary>Training crop length in seconds.</summary>
    public double CropSeconds { get; init; }

    /// <summary><c>full-utterance</c> or <c>fixed-crops</c>.</summary>
    public string? EvalMethod { get; init; }
}
