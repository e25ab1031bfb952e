using System.ComponentModel;

namespace Perceptor.Training.Config;

/// <summary>Diagnostic probes run while training.</summary>
public sealed record ProbeSection
{
    /// <summary>Measure the generator-gradient norm of each weighted loss term every N steps (0: never).</summary>
    [Description("loss-balance probe every N steps (0: off)")]
    public int GradBalanceEvery { get; init; } = 100;

    /// <summary>Fixed test clips for the per-epoch discriminator calibration probe (0: off).</summary>
    [Description("fixed clips of the calibration probe (0: off)")]
    public int CalibrationClips { get; init; } = 16;
}
