using Perceptor.Models.Blocks;
using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models;

/// <summary>
/// The metric discriminator (as in the CMGAN reference implementation): predicts normalised PESQ,
/// (PESQ − 1) / 3.5, from a clean and an enhanced compressed magnitude spectrogram, each [B, 1, F, T]; output
/// [B, 1] in (0, β) with β = <see cref="DiscriminatorConfig.SigmoidBeta"/> (1 by default).
/// </summary>
/// <remarks>
/// Layers, in order (indices are the state-dict names under <c>layers.</c>, equal to the reference's for the
/// default four stages): per stage s a spectrally normalised 4×4 stride-2 convolution without bias
/// (<c>weight_orig</c>, <c>weight_u</c>, <c>weight_v</c>), instance norm with affine parameters, PReLU
/// (indices 3s, 3s+1, 3s+2); then global max pooling, flatten, a spectrally normalised linear layer to half the
/// width (with <c>bias</c>), dropout, PReLU, a spectrally normalised linear layer to one output, and the learnable
/// sigmoid β·σ(a·x) (<c>slope</c>). Each training-mode forward advances every layer's power iteration once
/// (<see cref="DiscriminatorConfig.PowerIterations"/>); eval mode leaves u and v unchanged.
/// </remarks>
public sealed class MetricDiscriminator : nn.Module<Tensor, Tensor, Tensor>
{
    private const double SpectralNormEps = 1e-12;

    [ComponentName(Name = "layers")]
    private readonly Sequential _layers;
    private readonly SpectralNormLayer[] _spectralNormLayers;
    private readonly int _minimumExtent;

    /// <summary>Builds a discriminator of the given size.</summary>
    public MetricDiscriminator(DiscriminatorConfig config)
        : base(nameof(MetricDiscriminator))
    {
        Config = config ?? throw new ArgumentNullException(nameof(config));
        config.Validate();
        _minimumExtent = 1 << config.ConvStages;

        var spectral = new List<SpectralNormLayer>();
        _layers = nn.Sequential();
        int inChannels = 2;
        int channels = config.BaseChannels;
        for (int stage = 0; stage < config.ConvStages; stage++)
        {
            var conv = new SpectralNormConv2d(inChannels, channels, kernel: 4, stride: 2, padding: 1, config.PowerIterations, SpectralNormEps);
            spectral.Add(conv);
            _layers.append(conv);
            _layers.append(nn.InstanceNorm2d(channels, affine: true));
            _layers.append(new ParametricRelu(channels));
            inChannels = channels;
            channels *= 2;
        }

        int hidden = inChannels / 2;
        var head1 = new SpectralNormLinear(inChannels, hidden, config.PowerIterations, SpectralNormEps);
        var head2 = new SpectralNormLinear(hidden, 1, config.PowerIterations, SpectralNormEps);
        spectral.Add(head1);
        spectral.Add(head2);
        _layers.append(nn.AdaptiveMaxPool2d([1, 1]));
        _layers.append(nn.Flatten());
        _layers.append(head1);
        _layers.append(nn.Dropout(config.Dropout));
        _layers.append(new ParametricRelu(hidden));
        _layers.append(head2);
        _layers.append(new LearnableSigmoid(1, config.SigmoidBeta));
        _spectralNormLayers = [.. spectral];
        RegisterComponents();
    }

    /// <summary>The size this discriminator was built with.</summary>
    public DiscriminatorConfig Config { get; }

    /// <summary>The spectrally normalised layers, input side first (the convolutions, then the two linears).</summary>
    internal IReadOnlyList<SpectralNormLayer> SpectralNormLayers => _spectralNormLayers;

    /// <inheritdoc />
    public override Tensor forward(Tensor clean, Tensor estimate)
    {
        CheckInputs(clean, estimate);
        using var scope = NewDisposeScope();
        var pair = cat([clean, estimate], 1); // [B, 2, F, T]
        return _layers.call(pair).MoveToOuterDisposeScope(); // [B, 1]
    }

    /// <summary>Output of every layer in turn (for shape checks); the last is the forward's result.</summary>
    internal IReadOnlyList<Tensor> ForwardLayers(Tensor clean, Tensor estimate)
    {
        CheckInputs(clean, estimate);
        var outputs = new List<Tensor>();
        var x = cat([clean, estimate], 1); // [B, 2, F, T]
        foreach (var layer in _layers.children())
        {
            x = ((nn.Module<Tensor, Tensor>)layer).call(x);
            outputs.Add(x);
        }

        return outputs;
    }

    private void CheckInputs(Tensor clean, Tensor estimate)
    {
        if (clean.dim() != 4 || clean.shape[1] != 1)
        {
            throw new ArgumentException($"metric discriminator: clean must be [B, 1, F, T], got [{string.Join(", ", clean.shape)}]", nameof(clean));
        }

        if (!clean.shape.SequenceEqual(estimate.shape))
        {
            throw new ArgumentException(
                $"metric discriminator: estimate [{string.Join(", ", estimate.shape)}] differs from clean [{string.Join(", ", clean.shape)}]",
                nameof(estimate));
        }

        if (clean.shape[2] < _minimumExtent || clean.shape[3] < _minimumExtent)
        {
            throw new ArgumentException(
                $"metric discriminator: {Config.ConvStages} stride-2 stages need at least {_minimumExtent} bins and frames, got [{string.Join(", ", clean.shape)}]",
                nameof(clean));
        }
    }
}
