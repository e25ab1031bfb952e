using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>Layer norm over the last dimension, then the wrapped module. State-dict names: norm, fn.</summary>
internal sealed class PreNorm : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "norm")]
    private readonly LayerNorm _norm;
    [ComponentName(Name = "fn")]
    private readonly nn.Module<Tensor, Tensor> _fn;

    public PreNorm(int dim, nn.Module<Tensor, Tensor> fn)
        : base(nameof(PreNorm))
    {
        _norm = nn.LayerNorm(dim);
        _fn = fn;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var normed = _norm.call(input); // [N, L, D]
        return _fn.call(normed); // [N, L, D]
    }
}
