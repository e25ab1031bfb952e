namespace Perceptor.Diagnostics.RunLog;

/// <summary>A checkpoint was written.</summary>
public sealed record CheckpointRecord : RunRecord
{
    /// <summary>Epochs completed when it was written (a checkpoint written inside epoch E says E − 1).</summary>
    public int Epoch { get; init; }

    /// <summary>Training steps taken when it was written.</summary>
    public long Step { get; init; }

    /// <summary><c>last</c> or <c>best</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Relative to the run folder.</summary>
    public required string Path { get; init; }

    /// <summary>Eval PESQ it stands for: the last evaluated for <c>last</c>, the best for <c>best</c>; null before any evaluation.</summary>
    public double? Pesq { get; init; }
}
