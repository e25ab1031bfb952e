namespace Perceptor.Diagnostics.RunLog;

/// <summary>The process ended normally or by a handled stop.</summary>
public sealed record RunEndRecord : RunRecord
{
    /// <summary>How it ended.</summary>
    public required RunEndReason Reason { get; init; }

    /// <summary>The epoch (1-based) in progress when it ended, or the last finished one at an epoch boundary.</summary>
    public int Epoch { get; init; }

    /// <summary>Training steps taken in the whole run.</summary>
    public long Step { get; init; }
}
