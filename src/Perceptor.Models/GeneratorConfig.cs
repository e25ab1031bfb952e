namespace Perceptor.Models;

/// <summary>
/// Size of the CMGAN generator. Defaults are the reference implementation's (64 channels, 4 TS-Conformer blocks,
/// 201 frequency bins, 4 heads of 16 dimensions, feed-forward ×4, depthwise kernel 31, dropout 0.2); with them the
/// generator has 1 834 833 trainable parameters. Every size is a value here, never a code change.
/// </summary>
public sealed record GeneratorConfig
{
    /// <summary>Channels C of the encoder, conformers and decoders (the conformers' model dimension).</summary>
    public int Channels { get; init; } = 64;

    /// <summary>Number of two-stage (time, frequency) conformer blocks.</summary>
    public int ConformerBlocks { get; init; } = 4;

    /// <summary>Layers of each dilated dense block; layer i is dilated by 2^i frames in time.</summary>
    public int DenseDepth { get; init; } = 4;

    /// <summary>Frequency bins F of the input spectrum (n_fft/2 + 1). Must be odd: the encoder halves it to (F+1)/2
    /// and the decoders restore exactly F.</summary>
    public int FrequencyBins { get; init; } = 201;

    /// <summary>Attention heads of each conformer.</summary>
    public int AttentionHeads { get; init; } = 4;

    /// <summary>Dimension of one attention head (the reference uses Channels/4). The attention's inner width is
    /// heads × this.</summary>
    public int AttentionHeadDim { get; init; } = 16;

    /// <summary>Largest relative distance with its own embedding; farther pairs share the end rows
    /// (Shaw et al. clipping). The table has 2·this + 1 rows.</summary>
    public int MaxRelativePosition { get; init; } = 512;

    /// <summary>Hidden width of the conformer feed-forward modules as a multiple of <see cref="Channels"/>.</summary>
    public int FeedForwardMultiplier { get; init; } = 4;

    /// <summary>Width of the conformer convolution module as a multiple of <see cref="Channels"/>.</summary>
    public int ConvExpansion { get; init; } = 2;

    /// <summary>Kernel of the conformer's depthwise convolution (frames or bins).</summary>
    public int ConvKernelSize { get; init; } = 31;

    /// <summary>Dropout on the attention module's projected output.</summary>
    public double AttentionDropout { get; init; } = 0.2;

    /// <summary>Dropout inside the feed-forward modules (after the activation and after the second linear).</summary>
    public double FeedForwardDropout { get; init; } = 0.2;

    /// <summary>Dropout at the end of the convolution module.</summary>
    public double ConvDropout { get; init; }

    /// <summary>Activation that turns the mask decoder's output into the magnitude mask. The reference uses a
    /// per-frequency PReLU; <see cref="Models.MaskActivation.LearnableSigmoid"/> bounds the mask instead.</summary>
    public MaskActivation MaskActivation { get; init; } = MaskActivation.Prelu;

    /// <summary>Upper bound β of the mask when <see cref="MaskActivation"/> is the learnable sigmoid
    /// (β·σ(a_f·x), one slope a_f per frequency bin).</summary>
    public double MaskSigmoidBeta { get; init; } = 2.0;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first field that cannot build a generator.</summary>
    public void Validate()
    {
        ConfigGuard.Require("generator", Channels >= 1, nameof(Channels), Channels, "must be at least 1");
        ConfigGuard.Require("generator", ConformerBlocks >= 0, nameof(ConformerBlocks), ConformerBlocks, "must not be negative");
        ConfigGuard.Require("generator", DenseDepth >= 1, nameof(DenseDepth), DenseDepth, "must be at least 1");
        ConfigGuard.Require("generator", FrequencyBins >= 3 && FrequencyBins % 2 == 1, nameof(FrequencyBins), FrequencyBins, "must be odd and at least 3 (n_fft/2 + 1 for an even n_fft)");
        ConfigGuard.Require("generator", AttentionHeads >= 1, nameof(AttentionHeads), AttentionHeads, "must be at least 1");
        ConfigGuard.Require("generator", AttentionHeadDim >= 1, nameof(AttentionHeadDim), AttentionHeadDim, "must be at least 1");
        ConfigGuard.Require("generator", MaxRelativePosition >= 1, nameof(MaxRelativePosition), MaxRelativePosition, "must be at least 1");
        ConfigGuard.Require("generator", FeedForwardMultiplier >= 1, nameof(FeedForwardMultiplier), FeedForwardMultiplier, "must be at least 1");
        ConfigGuard.Require("generator", ConvExpansion >= 1, nameof(ConvExpansion), ConvExpansion, "must be at least 1");
        ConfigGuard.Require("generator", ConvKernelSize >= 1, nameof(ConvKernelSize), ConvKernelSize, "must be at least 1");
        ConfigGuard.Require("generator", AttentionDropout is >= 0 and < 1, nameof(AttentionDropout), AttentionDropout, "must be in [0, 1)");
        ConfigGuard.Require("generator", FeedForwardDropout is >= 0 and < 1, nameof(FeedForwardDropout), FeedForwardDropout, "must be in [0, 1)");
        ConfigGuard.Require("generator", ConvDropout is >= 0 and < 1, nameof(ConvDropout), ConvDropout, "must be in [0, 1)");
        ConfigGuard.Require("generator", Enum.IsDefined(MaskActivation), nameof(MaskActivation), MaskActivation, "is not a known activation");
        ConfigGuard.Require("generator", MaskSigmoidBeta > 0 && double.IsFinite(MaskSigmoidBeta), nameof(MaskSigmoidBeta), MaskSigmoidBeta, "must be positive and finite");
    }
}
