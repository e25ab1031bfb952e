using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// Densely connected stack of (2, 3) convolutions, layer i dilated by 2^i frames in time and padded only on the
/// past side, so T and F are preserved and each output frame sees 2^depth frames of history. Layer i reads the
/// concatenation [o_{i-1}, …, o_0, x] (newest first); the block returns the last layer's output only.
/// State-dict names follow the reference: conv{i}, norm{i}, prelu{i} for i = 1…depth.
/// </summary>
internal sealed class DilatedDenseBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d[] _convs;
    private readonly InstanceNorm2d[] _norms;
    private readonly ParametricRelu[] _prelus;

    public DilatedDenseBlock(int depth, int channels)
        : base(nameof(DilatedDenseBlock))
    {
        _convs = new Conv2d[depth];
        _norms = new InstanceNorm2d[depth];
        _prelus = new ParametricRelu[depth];
        for (int i = 0; i < depth; i++)
        {
            long dilation = 1L << i;
            _convs[i] = nn.Conv2d(channels * (i + 1), channels, (2, 3), dilation: (dilation, 1));
            _norms[i] = nn.InstanceNorm2d(channels, affine: true);
            _prelus[i] = new ParametricRelu(channels);
            register_module($"conv{i + 1}", _convs[i]);
            register_module($"norm{i + 1}", _norms[i]);
            register_module($"prelu{i + 1}", _prelus[i]);
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var skip = input; // [B, C, T, F]
        Tensor output = input;
        for (int i = 0; i < _convs.Length; i++)
        {
            long dilation = 1L << i;
            // (freq left, freq right, time before, time after): causal in time, "same" in frequency.
            var padded = nn.functional.pad(skip, [1, 1, dilation, 0]); // [B, C·(i+1), T + 2^i, F + 2]
            output = _prelus[i].call(_norms[i].call(_convs[i].call(padded))); // [B, C, T, F]
            if (i + 1 < _convs.Length)
            {
                skip = cat([output, skip], 1); // [B, C·(i+2), T, F]
            }
        }

        return output.MoveToOuterDisposeScope();
    }
}
