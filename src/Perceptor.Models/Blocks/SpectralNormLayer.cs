using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// A layer whose weight is divided by an estimate of its largest singular value (Miyato et al. 2018), written out
/// because TorchSharp has no spectral_norm wrapper. The trained parameter is weight_orig; u (length out) and v
/// (length in·k…) are unit vectors kept as buffers. With W = weight_orig viewed as [out, rest], each training-mode
/// forward first runs the power iteration v ← normalise(Wᵀu), u ← normalise(W v) without gradient and stores u and
/// v; then σ = uᵀ W v with the gradient flowing through W only, and the layer uses W/σ. σ is taken from clones of
/// u and v: the next forward overwrites the buffers in place, and autograd must still find the values this forward
/// used when backward runs after several forwards (the discriminator loss makes two). In eval mode u and v are
/// left as they are. State-dict names: weight_orig, weight_u, weight_v.
/// </summary>
internal abstract class SpectralNormLayer : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "weight_orig")]
    private Parameter _weightOrig;
    [ComponentName(Name = "weight_u")]
    private Tensor _weightU;
    [ComponentName(Name = "weight_v")]
    private Tensor _weightV;
    private readonly int _powerIterations;
    private readonly double _eps;

    /// <param name="name">Module name.</param>
    /// <param name="weight">Initial weight, [out, …]; the layer takes ownership.</param>
    /// <param name="powerIterations">Power iterations per training forward.</param>
    /// <param name="eps">Floor of the norm when normalising u and v.</param>
    protected SpectralNormLayer(string name, Tensor weight, int powerIterations, double eps)
        : base(name)
    {
        _powerIterations = powerIterations;
        _eps = eps;
        long rows = weight.shape[0];
        long columns = weight.numel() / rows;
        using (NewDisposeScope())
        {
            // Owned by the module, never by a dispose scope the caller happens to have open.
            _weightU = nn.functional.normalize(randn(rows, dtype: weight.dtype, device: weight.device), dim: 0, eps: eps).DetachFromDisposeScope();
            _weightV = nn.functional.normalize(randn(columns, dtype: weight.dtype, device: weight.device), dim: 0, eps: eps).DetachFromDisposeScope();
            _weightOrig = (Parameter)new Parameter(weight).DetachFromDisposeScope();
        }
    }

    /// <summary>The trained, unnormalised weight.</summary>
    public Parameter WeightOrig => _weightOrig;

    /// <summary>Left singular vector estimate u (buffer).</summary>
    public Tensor WeightU => _weightU;

    /// <summary>Right singular vector estimate v (buffer).</summary>
    public Tensor WeightV => _weightV;

    /// <summary>
    /// W/σ for this forward. In training mode advances the power iteration first (updating u and v in place);
    /// in eval mode uses u and v as they are.
    /// </summary>
    public Tensor NormalisedWeight()
    {
        using var scope = NewDisposeScope();
        var matrix = _weightOrig.view(_weightOrig.shape[0], -1); // [out, rest]
        if (training && _powerIterations > 0)
        {
            using (no_grad())
            {
                for (int i = 0; i < _powerIterations; i++)
                {
                    _weightV.copy_(nn.functional.normalize(mv(matrix.t(), _weightU), dim: 0, eps: _eps)); // [rest]
                    _weightU.copy_(nn.functional.normalize(mv(matrix, _weightV), dim: 0, eps: _eps)); // [out]
                }
            }
        }

        var u = _weightU.clone(); // [out]
        var v = _weightV.clone(); // [rest]
        var sigma = dot(u, mv(matrix, v)); // []
        return (_weightOrig / sigma).MoveToOuterDisposeScope(); // [out, …]
    }

    public sealed override Tensor forward(Tensor input)
    {
        using var weight = NormalisedWeight();
        return Apply(input, weight);
    }

    /// <summary>The wrapped layer's operation with the normalised weight.</summary>
    protected abstract Tensor Apply(Tensor input, Tensor weight);
}
