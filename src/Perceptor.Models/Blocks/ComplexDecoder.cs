using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// Complex-residual decoder: dilated dense block, sub-pixel up-sampling to 2·F', instance norm then PReLU, and a
/// (1, 2) convolution to two channels (ΔRe, ΔIm) on F bins. State-dict names: dense_block, sub_pixel.conv, prelu,
/// norm, conv.
/// </summary>
internal sealed class ComplexDecoder : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "dense_block")]
    private readonly DilatedDenseBlock _denseBlock;
    [ComponentName(Name = "sub_pixel")]
    private readonly SubPixelConv2d _subPixel;
    [ComponentName(Name = "prelu")]
    private readonly ParametricRelu _prelu;
    [ComponentName(Name = "norm")]
    private readonly InstanceNorm2d _norm;
    [ComponentName(Name = "conv")]
    private readonly Conv2d _conv;

    public ComplexDecoder(GeneratorConfig config)
        : base(nameof(ComplexDecoder))
    {
        int channels = config.Channels;
        _denseBlock = new DilatedDenseBlock(config.DenseDepth, channels);
        _subPixel = new SubPixelConv2d(channels, 2);
        _prelu = new ParametricRelu(channels);
        _norm = nn.InstanceNorm2d(channels, affine: true);
        _conv = nn.Conv2d(channels, 2, (1, 2));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = _denseBlock.call(input); // [B, C, T, F']
        x = _subPixel.call(x); // [B, C, T, 2F']
        x = _prelu.call(_norm.call(x)); // [B, C, T, 2F']
        return _conv.call(x).MoveToOuterDisposeScope(); // [B, 2, T, F]
    }
}
