namespace Perceptor.Diagnostics.RunLog;

/// <summary>Generator-gradient norm of each weighted loss term, sampled every <c>probe.gradBalanceEvery</c> steps.</summary>
public sealed record GradBalanceRecord : RunRecord
{
    public int Epoch { get; init; }
    public long Step { get; init; }
    public required TermValues Norms { get; init; }
    public required TermValues Shares { get; init; }
}
