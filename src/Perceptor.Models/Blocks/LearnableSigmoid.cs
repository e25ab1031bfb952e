using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// β·σ(a·x) with one learnable slope a per feature along one dimension (initialised to 1) and a
/// fixed ceiling β (Fu et al. 2021, MetricGAN+). State-dict name: slope.
/// </summary>
internal sealed class LearnableSigmoid : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "slope")]
    private Parameter _slope;
    private readonly double _beta;
    private readonly long _featureDim;

    /// <param name="features">Number of slopes.</param>
    /// <param name="beta">Ceiling of the output.</param>
    /// <param name="featureDim">Dimension of the input the slopes run along (negative counts from the end).</param>
    public LearnableSigmoid(int features, double beta, long featureDim = -1)
        : base(nameof(LearnableSigmoid))
    {
        _beta = beta;
        _featureDim = featureDim;
        _slope = (Parameter)new Parameter(ones(features)).DetachFromDisposeScope();
        RegisterComponents();
    }

    /// <summary>The slopes a.</summary>
    public Parameter Slope => _slope;

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        long dim = _featureDim < 0 ? input.dim() + _featureDim : _featureDim;
        var shape = new long[input.dim()];
        Array.Fill(shape, 1L);
        shape[dim] = _slope.shape[0];
        var slope = _slope.view(shape); // broadcast along the feature dimension
        return sigmoid(input * slope).MulScalar(_beta).MoveToOuterDisposeScope();
    }
}
