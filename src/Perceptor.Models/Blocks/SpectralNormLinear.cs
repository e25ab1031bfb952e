using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>Spectrally normalised linear layer with bias (the discriminator's head). State-dict name of the bias: bias.</summary>
internal sealed class SpectralNormLinear : SpectralNormLayer
{
    [ComponentName(Name = "bias")]
    private Parameter _bias;

    public SpectralNormLinear(int inFeatures, int outFeatures, int powerIterations, double eps)
        : base(nameof(SpectralNormLinear), InitialWeight(inFeatures, outFeatures), powerIterations, eps)
    {
        // PyTorch's Linear default bias: U(±1/√fan_in).
        double bound = 1.0 / Math.Sqrt(inFeatures);
        _bias = (Parameter)new Parameter(empty(outFeatures).uniform_(-bound, bound)).DetachFromDisposeScope();
        RegisterComponents();
    }

    /// <summary>The bias.</summary>
    public Parameter Bias => _bias;

    protected override Tensor Apply(Tensor input, Tensor weight) =>
        nn.functional.linear(input, weight, _bias); // [B, out]

    private static Tensor InitialWeight(int inFeatures, int outFeatures)
    {
        var weight = empty(outFeatures, inFeatures);
        nn.init.kaiming_uniform_(weight, Math.Sqrt(5));
        return weight;
    }
}
