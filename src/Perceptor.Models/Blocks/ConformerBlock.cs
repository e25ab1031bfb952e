using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// One conformer (Gulati et al. 2020) over [N, L, D] sequences, in the reference's order:
/// x += ½·FF₁(LN x); x += MHSA(LN x); x += Conv(x); x += ½·FF₂(LN x); x = LN(x).
/// State-dict names: ff1.fn.norm, ff1.fn.fn.net.*, attn.norm, attn.fn.*, conv.net.*, ff2.*, post_norm.
/// </summary>
internal sealed class ConformerBlock : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "ff1")]
    private readonly Scaled _ff1;
    [ComponentName(Name = "attn")]
    private readonly PreNorm _attn;
    [ComponentName(Name = "conv")]
    private readonly ConformerConvModule _conv;
    [ComponentName(Name = "ff2")]
    private readonly Scaled _ff2;
    [ComponentName(Name = "post_norm")]
    private readonly LayerNorm _postNorm;

    public ConformerBlock(GeneratorConfig config)
        : base(nameof(ConformerBlock))
    {
        int dim = config.Channels;
        _ff1 = new Scaled(0.5, new PreNorm(dim, new FeedForward(dim, config.FeedForwardMultiplier, config.FeedForwardDropout)));
        _attn = new PreNorm(dim, new RelativePositionAttention(
            dim, config.AttentionHeads, config.AttentionHeadDim, config.MaxRelativePosition, config.AttentionDropout));
        _conv = new ConformerConvModule(dim, config.ConvExpansion, config.ConvKernelSize, config.ConvDropout);
        _ff2 = new Scaled(0.5, new PreNorm(dim, new FeedForward(dim, config.FeedForwardMultiplier, config.FeedForwardDropout)));
        _postNorm = nn.LayerNorm(dim);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var x = input.Plus(_ff1.call(input)); // [N, L, D]
        x = x.Plus(_attn.call(x)); // [N, L, D]
        x = x.Plus(_conv.call(x)); // [N, L, D]
        x = x.Plus(_ff2.call(x)); // [N, L, D]
        return _postNorm.call(x).MoveToOuterDisposeScope(); // [N, L, D]
    }
}
