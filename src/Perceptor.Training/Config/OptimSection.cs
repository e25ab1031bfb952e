using System.ComponentModel;

namespace Perceptor.Training.Config;

/// <summary>
/// AdamW for both networks and a step schedule (CMGAN: lr 5e-4 generator, 1e-3 discriminator, halved every 30 epochs). Every value is set explicitly because TorchSharp's
/// AdamW defaults differ from PyTorch's.
/// </summary>
public sealed record OptimSection
{
    /// <summary>Generator learning rate.</summary>
    [Description("generator learning rate (reference 5e-4)")]
    public double GenLr { get; init; } = 5e-4;

    /// <summary>Discriminator learning rate (2x the generator's in the reference).</summary>
    [Description("discriminator learning rate (reference 1e-3)")]
    public double DiscLr { get; init; } = 1e-3;

    /// <summary>AdamW beta1.</summary>
    [Description("AdamW beta1 (0.9)")]
    public double Beta1 { get; init; } = 0.9;

    /// <summary>AdamW beta2.</summary>
    [Description("AdamW beta2 (0.999)")]
    public double Beta2 { get; init; } = 0.999;

    /// <summary>AdamW epsilon.</summary>
    [Description("AdamW epsilon (1e-8)")]
    public double Eps { get; init; } = 1e-8;

    /// <summary>AdamW decoupled weight decay (PyTorch's default, 0.01).</summary>
    [Description("AdamW weight decay (0.01)")]
    public double WeightDecay { get; init; } = 0.01;

    /// <summary>Epochs between learning-rate decays (StepLR step_size).</summary>
    [Description("epochs between learning-rate decays (30)")]
    public int LrStepEpochs { get; init; } = 30;

    /// <summary>Learning-rate factor at each decay (StepLR gamma).</summary>
    [Description("learning-rate factor per decay (0.5)")]
    public double LrGamma { get; init; } = 0.5;

    /// <summary>Gradient-norm clipping for both networks; 0 = none (the reference clips nothing).</summary>
    [Description("gradient-norm clip for both networks (0: none, as the reference)")]
    public double GradClip { get; init; }
}
