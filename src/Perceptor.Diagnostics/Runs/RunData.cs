namespace Perceptor.Diagnostics.Runs;

/// <summary>
/// One training run, normalised from whichever log it came from: logged steps, per-epoch numbers, calibration
/// probes, gradient shares and the settings the log reveals. Every detector reads only this.
/// </summary>
public sealed record RunData
{
    /// <summary>Where the numbers came from and what the source can tell.</summary>
    public required RunSource Source { get; init; }

    /// <summary>Settings the log reveals.</summary>
    public RunSettings Settings { get; init; } = new();

    /// <summary>Logged steps in order.</summary>
    public IReadOnlyList<StepPoint> Steps { get; init; } = [];

    /// <summary>Epochs in order, one point per epoch.</summary>
    public IReadOnlyList<EpochPoint> Epochs { get; init; } = [];

    /// <summary>Calibration probes (Perceptor runs only).</summary>
    public IReadOnlyList<CalibrationPoint> Calibration { get; init; } = [];

    /// <summary>Gradient-share samples (Perceptor runs only).</summary>
    public IReadOnlyList<GradSharePoint> GradShares { get; init; } = [];

    /// <summary>Exact discriminator accounting where the log counts every step; null otherwise.</summary>
    public DiscTally? DiscTally { get; init; }
}
