using TorchSharp;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>The wrapped module's output times a constant (the conformer's half-step feed-forward). State-dict name: fn.</summary>
internal sealed class Scaled : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "fn")]
    private readonly nn.Module<Tensor, Tensor> _fn;
    private readonly double _factor;

    public Scaled(double factor, nn.Module<Tensor, Tensor> fn)
        : base(nameof(Scaled))
    {
        _factor = factor;
        _fn = fn;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var output = _fn.call(input); // [N, L, D]
        return output.MulScalar(_factor); // [N, L, D]
    }
}
