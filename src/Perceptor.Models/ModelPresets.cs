namespace Perceptor.Models;

/// <summary>
/// The built-in model sizes: <c>cmgan</c> (the reference, 1 834 833 + 181 650 parameters), <c>small</c> (a
/// CPU-trainable reduction that keeps every mechanism) and <c>tiny</c> (for smoke runs and tests; one training step
/// on a couple of seconds of audio takes a fraction of a second on a laptop CPU). The JSON files in
/// <c>configs/model/</c> mirror these records.
/// </summary>
public static class ModelPresets
{
    /// <summary>The reference size: 64 channels, 4 TS-Conformer blocks, 4 heads × 16, dense depth 4, kernel 31;
    /// discriminator base width 16.</summary>
    public static ModelPreset Cmgan { get; } = new("cmgan", new GeneratorConfig(), new DiscriminatorConfig());

    /// <summary>Half width, two TS-Conformer blocks, 4 heads × 8, kernel 15; discriminator base width 16.</summary>
    public static ModelPreset Small { get; } = new(
        "small",
        new GeneratorConfig
        {
            Channels = 32,
            ConformerBlocks = 2,
            DenseDepth = 4,
            AttentionHeads = 4,
            AttentionHeadDim = 8,
            FeedForwardMultiplier = 4,
            ConvKernelSize = 15,
        },
        new DiscriminatorConfig { BaseChannels = 16 });

    /// <summary>16 channels, one TS-Conformer block, 1 head × 16, dense depth 2, feed-forward ×2, kernel 7;
    /// discriminator base width 8.</summary>
    public static ModelPreset Tiny { get; } = new(
        "tiny",
        new GeneratorConfig
        {
            Channels = 16,
            ConformerBlocks = 1,
            DenseDepth = 2,
            // One head: the [B·F', heads, T, T] score tensors of the time stage dominate a small model's cost.
            AttentionHeads = 1,
            AttentionHeadDim = 16,
            FeedForwardMultiplier = 2,
            ConvKernelSize = 7,
        },
        new DiscriminatorConfig { BaseChannels = 8 });

    /// <summary>Every preset by name, largest first.</summary>
    public static IReadOnlyList<ModelPreset> All { get; } = [Cmgan, Small, Tiny];

    /// <summary>The preset called <paramref name="name"/> (case-insensitive); throws listing the known names otherwise.</summary>
    public static ModelPreset Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var preset in All)
        {
            if (string.Equals(preset.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return preset;
            }
        }

        throw new ArgumentException($"unknown model preset '{name}' (known: {string.Join(", ", All.Select(p => p.Name))})", nameof(name));
    }
}
