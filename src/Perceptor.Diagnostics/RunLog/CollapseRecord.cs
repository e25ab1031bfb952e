namespace Perceptor.Diagnostics.RunLog;

/// <summary>The collapse watch fired: eval PESQ fell from its peak while the training loss fell (once per onset).</summary>
public sealed record CollapseRecord : RunRecord
{
    /// <summary>The evaluated epoch (1-based) at which it fired.</summary>
    public int Epoch { get; init; }

    /// <summary>Epoch (1-based) of the eval PESQ peak.</summary>
    public int PeakEpoch { get; init; }

    /// <summary>Eval PESQ at the peak.</summary>
    public double PeakPesq { get; init; }

    /// <summary>Eval PESQ at <see cref="Epoch"/>.</summary>
    public double Pesq { get; init; }

    /// <summary><see cref="PeakPesq"/> − <see cref="Pesq"/>.</summary>
    public double Drop { get; init; }

    /// <summary><c>none</c> or <c>early_stop</c>.</summary>
    public required string Action { get; init; }
}
