namespace Perceptor.Diagnostics.RunLog;

/// <summary>Discriminator calibration on the fixed probe set after an epoch.</summary>
public sealed record CalibrationRecord : RunRecord
{
    public int Epoch { get; init; }
    public int Clips { get; init; }
    public double DCleanClean { get; init; }
    public double DCleanEnhanced { get; init; }
    public double? PesqNorm { get; init; }
    public double? Mae { get; init; }
    public double? Pearson { get; init; }
    public int ClipsFailed { get; init; }
}
