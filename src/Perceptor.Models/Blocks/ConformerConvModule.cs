using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// Conformer convolution module: layer norm, pointwise convolution to 2·E channels, GLU (first half value, second
/// half gate), depthwise convolution of kernel k with "same" zero padding, batch norm, Swish, pointwise convolution
/// back to D, dropout. Batch-norm statistics are over every sequence of the (B·F or B·T) batch.
/// State-dict names keep the reference's sequential indices: net.0 (norm), net.2, net.4.conv, net.5 (batch
/// norm), net.7.
/// </summary>
internal sealed class ConformerConvModule : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "net")]
    private readonly ConvModuleLayers _net;

    public ConformerConvModule(int dim, int expansion, int kernelSize, double dropout)
        : base(nameof(ConformerConvModule))
    {
        _net = new ConvModuleLayers(dim, dim * expansion, kernelSize, dropout);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _net.call(input); // [N, L, D]

    /// <summary>The layers, named by their position in the reference's sequence.</summary>
    private sealed class ConvModuleLayers : nn.Module<Tensor, Tensor>
    {
        [ComponentName(Name = "0")]
        private readonly LayerNorm _norm;
        [ComponentName(Name = "2")]
        private readonly Conv1d _pointwiseIn;
        [ComponentName(Name = "4")]
        private readonly DepthwiseConv1d _depthwise;
        [ComponentName(Name = "5")]
        private readonly BatchNorm1d _batchNorm;
        [ComponentName(Name = "7")]
        private readonly Conv1d _pointwiseOut;
        [ComponentName(Name = "9")]
        private readonly MaskDropout _dropout;

        public ConvModuleLayers(int dim, int inner, int kernelSize, double dropout)
            : base(nameof(ConvModuleLayers))
        {
            _norm = nn.LayerNorm(dim);
            _pointwiseIn = nn.Conv1d(dim, 2 * inner, 1);
            _depthwise = new DepthwiseConv1d(inner, kernelSize);
            _batchNorm = nn.BatchNorm1d(inner);
            _pointwiseOut = nn.Conv1d(inner, dim, 1);
            _dropout = new MaskDropout(dropout);
            RegisterComponents();
        }

        public override Tensor forward(Tensor input)
        {
            using var scope = NewDisposeScope();
            var x = _norm.call(input).transpose(1, 2); // [N, D, L]
            x = nn.functional.glu(_pointwiseIn.call(x), 1); // [N, E, L]
            x = _depthwise.call(x); // [N, E, L]
            x = nn.functional.silu(_batchNorm.Normalize(x)); // [N, E, L]
            x = _pointwiseOut.call(x).transpose(1, 2); // [N, L, D]
            return _dropout.call(x).MoveToOuterDisposeScope();
        }
    }
}
