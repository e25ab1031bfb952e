namespace Perceptor.Experiments.Reporting;

/// <summary>Thresholds of the verdict rules.</summary>
public sealed record VerdictOptions
{
    /// <summary>Smallest difference in final eval PESQ worth calling an effect.</summary>
    public double MinEffect { get; init; } = 0.05;

    /// <summary>How many seed standard deviations a difference must exceed.</summary>
    public double SpreadFactor { get; init; } = 2.0;

    /// <summary>Below this baseline skip rate, skipping had too little to remove for H1 to show.</summary>
    public double MinBaselineSkipRate { get; init; } = 0.02;
}
