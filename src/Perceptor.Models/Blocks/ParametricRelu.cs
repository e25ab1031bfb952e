using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// PReLU (He et al. 2015): max(0, x) + a·min(0, x) with one learnable slope a per channel (dimension 1), or one for
/// all channels. The same computation, parameter and state-dict name (weight) as TorchSharp's nn.PReLU, whose
/// constructor fills the slopes through a Scalar it never disposes (see <see cref="TorchScalars"/>).
/// </summary>
internal sealed class ParametricRelu : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "weight")]
    private readonly Parameter _weight;

    /// <param name="slopes">Number of slopes: the channel count, or 1 for one shared slope.</param>
    /// <param name="init">Initial value of every slope (PyTorch's default 0.25).</param>
    public ParametricRelu(long slopes, double init = 0.25)
        : base("PReLU")
    {
        var values = empty(slopes).FillScalar(init); // fill_ returns the same tensor; Parameter takes its handle
        _weight = (Parameter)new Parameter(values).DetachFromDisposeScope();
        RegisterComponents();
    }

    /// <summary>The slopes a.</summary>
    public Parameter Weight => _weight;

    public override Tensor forward(Tensor input) => nn.functional.prelu(input, _weight);
}
