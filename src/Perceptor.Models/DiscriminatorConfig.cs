namespace Perceptor.Models;

/// <summary>
/// Size of the metric discriminator. Defaults are the reference implementation's (base width 16, four strided
/// convolution stages, dropout 0.3, one power iteration per training forward, sigmoid ceiling 1); with them the
/// discriminator has 181 650 trainable parameters.
/// </summary>
public sealed record DiscriminatorConfig
{
    /// <summary>Channels of the first convolution; each later stage doubles it.</summary>
    public int BaseChannels { get; init; } = 16;

    /// <summary>Number of 4×4, stride-2 convolution stages. Inputs need at least 2^stages frames and bins.</summary>
    public int ConvStages { get; init; } = 4;

    /// <summary>Dropout between the two linear layers of the head.</summary>
    public double Dropout { get; init; } = 0.3;

    /// <summary>Power iterations of the spectral normalisation per training-mode forward (Miyato et al. use 1).</summary>
    public int PowerIterations { get; init; } = 1;

    /// <summary>Ceiling β of the output β·σ(a·x). With 1 the output lies in (0, 1) and never reaches the
    /// clean-versus-clean target 1.</summary>
    public double SigmoidBeta { get; init; } = 1.0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot build a discriminator.</summary>
    public void Validate()
    {
        ConfigGuard.Require("discriminator", BaseChannels >= 1, nameof(BaseChannels), BaseChannels, "must be at least 1");
        ConfigGuard.Require("discriminator", ConvStages is >= 1 and <= 12, nameof(ConvStages), ConvStages, "must be in [1, 12]");
        ConfigGuard.Require("discriminator", BaseChannels << (ConvStages - 1) >= 2, nameof(ConvStages), ConvStages, "leaves fewer than 2 channels for the head");
        ConfigGuard.Require("discriminator", Dropout is >= 0 and < 1, nameof(Dropout), Dropout, "must be in [0, 1)");
        ConfigGuard.Require("discriminator", PowerIterations >= 0, nameof(PowerIterations), PowerIterations, "must not be negative");
        ConfigGuard.Require("discriminator", SigmoidBeta > 0 && double.IsFinite(SigmoidBeta), nameof(SigmoidBeta), SigmoidBeta, "must be positive and finite");
    }
}
