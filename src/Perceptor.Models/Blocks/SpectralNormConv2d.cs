using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>Spectrally normalised 2-D convolution without bias (the discriminator's stages).</summary>
internal sealed class SpectralNormConv2d : SpectralNormLayer
{
    private readonly long[] _stride;
    private readonly long[] _padding;

    public SpectralNormConv2d(int inChannels, int outChannels, int kernel, int stride, int padding, int powerIterations, double eps)
        : base(nameof(SpectralNormConv2d), InitialWeight(inChannels, outChannels, kernel), powerIterations, eps)
    {
        _stride = [stride, stride];
        _padding = [padding, padding];
        RegisterComponents();
    }

    protected override Tensor Apply(Tensor input, Tensor weight) =>
        nn.functional.conv2d(input, weight, null, _stride, _padding); // [B, out, H', W']

    // PyTorch's Conv2d default: Kaiming-uniform with a = √5, i.e. U(±1/√fan_in).
    private static Tensor InitialWeight(int inChannels, int outChannels, int kernel)
    {
        var weight = empty(outChannels, inChannels, kernel, kernel);
        nn.init.kaiming_uniform_(weight, Math.Sqrt(5));
        return weight;
    }
}
