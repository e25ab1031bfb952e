using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// Depthwise 1-D convolution with "same" zero padding: k/2 before and k/2 − (k + 1) mod 2 after, so even kernels
/// also keep the length. State-dict name: conv.
/// </summary>
internal sealed class DepthwiseConv1d : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "conv")]
    private readonly Conv1d _conv;
    private readonly long _padBefore;
    private readonly long _padAfter;

    public DepthwiseConv1d(int channels, int kernelSize)
        : base(nameof(DepthwiseConv1d))
    {
        _padBefore = kernelSize / 2;
        _padAfter = _padBefore - (kernelSize + 1) % 2;
        // Symmetric padding is done inside the convolution (no padded copy); odd kernels always take this path.
        long inner = _padBefore == _padAfter ? _padBefore : 0;
        _conv = nn.Conv1d(channels, channels, kernelSize, padding: inner, groups: channels);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        if (_padBefore == _padAfter)
        {
            return _conv.call(input); // [N, E, L]
        }

        using var padded = nn.functional.pad(input, [_padBefore, _padAfter]); // [N, E, L + k − 1]
        return _conv.call(padded); // [N, E, L]
    }
}
