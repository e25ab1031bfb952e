namespace Perceptor.Diagnostics.RunLog;

/// <summary>Discriminator calibration on the fixed probe set after an epoch.</summary>
public sealed record CalibrationRecord : RunRecord
{
    /// <summary>Epoch, 1-based.</summary>
    public int Epoch { get; init; }

    /// <summary>Probe clips.</summary>
    public int Clips { get; init; }

    /// <summary>Mean D(clean, clean) over all probe clips (the target is 1).</summary>
    public double DCleanClean { get; init; }

    /// <summary>Mean D(clean, enhanced) over the clips PESQ scored.</summary>
    public double DCleanEnhanced { get; init; }

    /// <summary>Mean normalised PESQ (PESQ − 1)/3.5 of the same enhanced clips: what D should predict; null when none scored.</summary>
    public double? PesqNorm { get; init; }

    /// <summary>Mean absolute error of D(clean, enhanced) against the normalised PESQ; null when none scored.</summary>
    public double? Mae { get; init; }

    /// <summary>Pearson correlation of prediction and normalised PESQ; null when undefined (fewer than two clips or no spread).</summary>
    public double? Pearson { get; init; }

    /// <summary>Probe clips PESQ could not score.</summary>
    public int ClipsFailed { get; init; }
}
