namespace Perceptor.Models;

/// <summary>Size of the metric discriminator. Defaults are the reference's (base width 16).</summary>
public sealed record DiscriminatorConfig
{
    /// <summary>Channels of the first convolution; later stages double it.</summary>
    public int BaseChannels { get; init; } = 16;
}
