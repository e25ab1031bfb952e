namespace Perceptor.Diagnostics.RunLog;

/// <summary>Generator-gradient norm of each weighted loss term, sampled every <c>probe.gradBalanceEvery</c> steps.</summary>
public sealed record GradBalanceRecord : RunRecord
{
    /// <summary>Epoch, 1-based.</summary>
    public int Epoch { get; init; }

    /// <summary>Global step, 1-based.</summary>
    public long Step { get; init; }

    /// <summary>L2 norm of the generator gradient of each weighted term.</summary>
    public required TermValues Norms { get; init; }

    /// <summary>Each norm over the sum of the four (all 0 when the sum is 0).</summary>
    public required TermValues Shares { get; init; }
}
