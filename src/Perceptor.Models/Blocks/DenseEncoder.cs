using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// Encoder: (1, 1) convolution from the (|Y|, Re, Im) stack to C channels, the dilated dense block, then a (1, 3)
/// convolution with frequency stride 2 that halves F to (F + 1)/2; each convolution is followed by instance norm
/// and PReLU. State-dict names: conv_1.{0,1,2}, dilated_dense.*, conv_2.{0,1,2}.
/// </summary>
internal sealed class DenseEncoder : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv_1")]
    private readonly Sequential _conv1;
    [ComponentName(Name = "dilated_dense")]
    private readonly DilatedDenseBlock _dilatedDense;
    [ComponentName(Name = "conv_2")]
    private readonly Sequential _conv2;

    public DenseEncoder(int inputChannels, int channels, int denseDepth)
        : base(nameof(DenseEncoder))
    {
        _conv1 = nn.Sequential(
            nn.Conv2d(inputChannels, channels, (1, 1)),
            nn.InstanceNorm2d(channels, affine: true),
            new ParametricRelu(channels));
        _dilatedDense = new DilatedDenseBlock(denseDepth, channels);
        _conv2 = nn.Sequential(
            nn.Conv2d(channels, channels, (1, 3), stride: (1, 2), padding: (0, 1)),
            nn.InstanceNorm2d(channels, affine: true),
            new ParametricRelu(channels));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = _conv1.call(input); // [B, C, T, F]
        x = _dilatedDense.call(x); // [B, C, T, F]
        x = _conv2.call(x); // [B, C, T, (F + 1)/2]
        return x.MoveToOuterDisposeScope();
    }
}
