using static TorchSharp.torch;

namespace Perceptor.Models.Tests;

/// <summary>Model sizes small enough that a forward and backward take milliseconds.</summary>
internal static class TestConfigs
{
    /// <summary>A generator exercising every mechanism at toy width, on 33 frequency bins (n_fft 64).</summary>
    public static GeneratorConfig Generator { get; } = new()
    {
        Channels = 4,
        ConformerBlocks = 2,
        DenseDepth = 3,
        FrequencyBins = 33,
        AttentionHeads = 2,
        AttentionHeadDim = 3,
        MaxRelativePosition = 4,
        FeedForwardMultiplier = 2,
        ConvKernelSize = 5,
    };

    /// <summary>A discriminator of base width 4 (inputs need at least 16 bins and frames).</summary>
    public static DiscriminatorConfig Discriminator { get; } = new() { BaseChannels = 4 };

    /// <summary>Sum of the element counts of the trainable parameters.</summary>
    public static long TrainableParameters(nn.Module module) =>
        module.parameters().Where(p => p.requires_grad).Sum(p => p.numel());

    /// <summary>Named trainable parameter counts summed over names starting with <paramref name="prefix"/>.</summary>
    public static long TrainableParameters(nn.Module module, string prefix) =>
        module.named_parameters().Where(np => np.name.StartsWith(prefix, StringComparison.Ordinal) && np.parameter.requires_grad)
            .Sum(np => np.parameter.numel());
}
