namespace Perceptor.Diagnostics.Detectors;

/// <summary>When a discriminator counts as miscalibrated on the probe clips (normalised PESQ units, (PESQ-1)/3.5).</summary>
public sealed record CalibrationThresholds
{
    /// <summary>Largest acceptable |1 - D(clean, clean)|. Default 0.1.</summary>
    public double CleanCleanTolerance { get; init; } = 0.1;

    /// <summary>Largest acceptable per-clip MAE of D(clean, enhanced) against the normalised PESQ (0.1 ≈ 0.35 PESQ).</summary>
    public double MaxMae { get; init; } = 0.1;

    /// <summary>Largest acceptable |mean D(clean, enhanced) - mean normalised PESQ| when only means are known.</summary>
    public double MaxBias { get; init; } = 0.1;

    /// <summary>Smallest acceptable correlation of D(clean, enhanced) with the normalised PESQ. Default 0.5.</summary>
    public double MinPearson { get; init; } = 0.5;
}
