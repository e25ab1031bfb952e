namespace Perceptor.Diagnostics.RunLog;

/// <summary>Written once each time a run starts or resumes.</summary>
public sealed record RunStartRecord : RunRecord
{
    public required string Run { get; init; }
    public bool Resumed { get; init; }
    public int Epoch { get; init; }
    public long Step { get; init; }
    public long Seed { get; init; }
    public string? Preset { get; init; }

    /// <summary><c>skip-batch</c>, <c>batch-mean</c> or <c>mask</c>.</summary>
    public required string PesqFailures { get; init; }
    public double GenLr { get; init; }
    public double DiscLr { get; init; }
    public required TermValues LossWeights { get; init; }
    public int BatchSize { get; init; }
    public double CropSeconds { get; init; }

    /// <summary><c>full-utterance</c> or <c>fixed-crops</c>.</summary>
    public string? EvalMethod { get; init; }
}
