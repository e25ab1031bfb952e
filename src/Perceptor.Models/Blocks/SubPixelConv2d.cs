using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// Sub-pixel up-sampling along frequency (Shi et al. 2016 applied to one axis): a (1, 3) convolution to r·C
/// channels, then channel group k becomes every r-th bin starting at k: out[c, t, r·f + k] = conv[k·C + c, t, f].
/// Not a transposed convolution. State-dict name: conv.
/// </summary>
internal sealed class SubPixelConv2d : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv")]
    private readonly Conv2d _conv;
    private readonly int _channels;
    private readonly int _factor;

    public SubPixelConv2d(int channels, int factor)
        : base(nameof(SubPixelConv2d))
    {
        _channels = channels;
        _factor = factor;
        _conv = nn.Conv2d(channels, channels * factor, (1, 3), padding: (0, 1));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long batch = input.shape[0], frames = input.shape[2], bins = input.shape[3];
        var conv = _conv.call(input); // [B, r·C, T, F]
        var groups = conv.view(batch, _factor, _channels, frames, bins); // [B, r, C, T, F]
        var interleaved = groups.permute(0, 2, 3, 4, 1); // [B, C, T, F, r]
        return interleaved.reshape(batch, _channels, frames, bins * _factor).MoveToOuterDisposeScope(); // [B, C, T, r·F]
    }
}
