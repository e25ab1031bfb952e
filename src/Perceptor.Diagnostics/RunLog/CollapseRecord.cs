namespace Perceptor.Diagnostics.RunLog;

/// <summary>The collapse watch fired.</summary>
public sealed record CollapseRecord : RunRecord
{
    public int Epoch { get; init; }
    public int PeakEpoch { get; init; }
    public double PeakPesq { get; init; }
    public double Pesq { get; init; }
    public double Drop { get; init; }

    /// <summary><c>none</c> or <c>early_stop</c>.</summary>
    public required string Action { get; init; }
}
