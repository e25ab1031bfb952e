using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models;

/// <summary>
/// The metric discriminator: predicts normalised PESQ, (PESQ - 1) / 3.5, from a clean and an enhanced compressed
/// magnitude spectrogram, each [B, 1, F, T]; output [B, 1] in (0, 1).
/// </summary>
public sealed class MetricDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Builds a discriminator of the given size.</summary>
    public MetricDiscriminator(DiscriminatorConfig config)
        : base(nameof(MetricDiscriminator))
    {
        Config = config ?? throw new ArgumentNullException(nameof(config));
        RegisterComponents();
    }

    /// <summary>The size this discriminator was built with.</summary>
    public DiscriminatorConfig Config { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor clean, Tensor estimate) => throw new NotImplementedException("being written");
}
