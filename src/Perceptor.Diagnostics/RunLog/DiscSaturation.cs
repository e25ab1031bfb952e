namespace Perceptor.Diagnostics.RunLog;

/// <summary>When a discriminator step counts as saturated: the trainer's epoch counts and the diagnosis use this one value.</summary>
public static class DiscSaturation
{
    /// <summary>
    /// A taken discriminator step whose loss (a squared error of normalised PESQ) is below this is saturated: the RMS
    /// target error is then under about 0.03 normalised units, roughly 0.1 PESQ points.
    /// </summary>
    public const double LossThreshold = 1e-3;
}
