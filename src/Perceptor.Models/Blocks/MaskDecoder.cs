using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// Magnitude-mask decoder: dilated dense block, sub-pixel up-sampling to 2·F', a (1, 2) convolution to one channel
/// (2·F' → F bins), instance norm, PReLU, a 1×1 convolution, then the per-frequency mask activation.
/// State-dict names: dense_block, sub_pixel.conv, conv_1, norm, prelu, final_conv, and prelu_out (PReLU with one
/// slope per bin, initialised to −0.25, as the reference) or lsigmoid.slope (learnable sigmoid variant).
/// </summary>
internal sealed class MaskDecoder : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "dense_block")]
    private readonly DilatedDenseBlock _denseBlock;
    [ComponentName(Name = "sub_pixel")]
    private readonly SubPixelConv2d _subPixel;
    [ComponentName(Name = "conv_1")]
    private readonly Conv2d _conv1;
    [ComponentName(Name = "norm")]
    private readonly InstanceNorm2d _norm;
    [ComponentName(Name = "prelu")]
    private readonly ParametricRelu _prelu;
    [ComponentName(Name = "final_conv")]
    private readonly Conv2d _finalConv;
    [ComponentName(Name = "prelu_out")]
    private readonly ParametricRelu? _preluOut;
    [ComponentName(Name = "lsigmoid")]
    private readonly LearnableSigmoid? _sigmoidOut;

    public MaskDecoder(GeneratorConfig config)
        : base(nameof(MaskDecoder))
    {
        int channels = config.Channels;
        _denseBlock = new DilatedDenseBlock(config.DenseDepth, channels);
        _subPixel = new SubPixelConv2d(channels, 2);
        _conv1 = nn.Conv2d(channels, 1, (1, 2));
        _norm = nn.InstanceNorm2d(1, affine: true);
        _prelu = new ParametricRelu(1);
        _finalConv = nn.Conv2d(1, 1, (1, 1));
        if (config.MaskActivation == MaskActivation.LearnableSigmoid)
        {
            _sigmoidOut = new LearnableSigmoid(config.FrequencyBins, config.MaskSigmoidBeta, featureDim: 1);
        }
        else
        {
            _preluOut = new ParametricRelu(config.FrequencyBins, init: -0.25);
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = _denseBlock.call(input); // [B, C, T, F']
        x = _subPixel.call(x); // [B, C, T, 2F']
        x = _prelu.call(_norm.call(_conv1.call(x))); // [B, 1, T, F]
        x = _finalConv.call(x); // [B, 1, T, F]
        var perBin = x.squeeze(1).transpose(1, 2); // [B, F, T]: frequency as the channel of the activation
        var mask = _preluOut is not null ? _preluOut.call(perBin) : _sigmoidOut!.call(perBin); // [B, F, T]
        return mask.transpose(1, 2).unsqueeze(1).MoveToOuterDisposeScope(); // [B, 1, T, F]
    }
}
