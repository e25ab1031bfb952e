namespace Perceptor.Diagnostics.RunLog;

/// <summary>A checkpoint was written.</summary>
public sealed record CheckpointRecord : RunRecord
{
    public int Epoch { get; init; }
    public long Step { get; init; }

    /// <summary><c>last</c> or <c>best</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Relative to the run folder.</summary>
    public required string Path { get; init; }
    public double? Pesq { get; init; }
}
