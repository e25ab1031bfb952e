using System.ComponentModel;

namespace Perceptor.Training.Config;

/// <summary>Generator loss weights, reference order [RI, Mag, Time, GAN] = [0.1, 0.9, 0.2, 0.05] as CMGAN trains.</summary>
public sealed record LossSection
{
    /// <summary>Weight of the real/imaginary MSE.</summary>
    [Description("weight of the real/imaginary MSE (reference 0.1)")]
    public double RiWeight { get; init; } = 0.1;

    /// <summary>Weight of the compressed-magnitude MSE.</summary>
    [Description("weight of the compressed-magnitude MSE (reference 0.9)")]
    public double MagWeight { get; init; } = 0.9;

    /// <summary>Weight of the waveform L1.</summary>
    [Description("weight of the waveform L1 (reference 0.2)")]
    public double TimeWeight { get; init; } = 0.2;

    /// <summary>Weight of the metric-GAN term.</summary>
    [Description("weight of the metric-GAN term (reference 0.05)")]
    public double GanWeight { get; init; } = 0.05;
}
