using Perceptor.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests.Fakes;

/// <summary>A small metric discriminator of the reference's shape contract: two [B, 1, F, T] magnitudes to [B, 1] in (0, 1).</summary>
internal sealed class FakeDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Conv2d _conv = nn.Conv2d(2, 4, 4, stride: 2, padding: 1);
    private readonly Linear _head = nn.Linear(4, 1);

    public FakeDiscriminator()
        : base(nameof(FakeDiscriminator))
    {
        RegisterComponents();
    }

    public override Tensor forward(Tensor clean, Tensor estimate)
    {
        var x = cat([clean, estimate], 1);                                   // [B, 2, F, T]
        using var slope = 0.2.ToScalar();
        var h = _conv.forward(x).leaky_relu(slope);                          // [B, 4, F/2, T/2]
        var pooled = h.amax([2, 3]);                                         // [B, 4]
        return nn.functional.sigmoid(_head.forward(pooled));                 // [B, 1]
    }
}
