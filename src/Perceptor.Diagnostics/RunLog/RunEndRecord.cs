namespace Perceptor.Diagnostics.RunLog;

/// <summary>The process ended normally or by a handled stop.</summary>
public sealed record RunEndRecord : RunRecord
{
    /// <summary><c>completed</c>, <c>early_stop</c>, <c>nonfinite</c> or <c>interrupted</c>.</summary>
    public required string Reason { get; init; }
    public int Epoch { get; init; }
    public long Step { get; init; }
}
