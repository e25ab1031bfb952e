using TorchSharp;
using TorchSharp.Modules;
using TorchSharp.Utils;
using static TorchSharp.torch;

namespace Perceptor.Models.Blocks;

/// <summary>
/// Conformer feed-forward: Linear D→m·D, Swish, dropout, Linear m·D→D, dropout. State-dict names: net.0, net.3
/// (net.1 Swish, net.2 and net.4 dropout hold no parameters).
/// </summary>
internal sealed class FeedForward : nn.Module<Tensor, Tensor>
{
    [ComponentName(Name = "net")]
    private readonly Sequential _net;

    public FeedForward(int dim, int multiplier, double dropout)
        : base(nameof(FeedForward))
    {
        _net = nn.Sequential(
            nn.Linear(dim, dim * multiplier),
            nn.SiLU(),
            new MaskDropout(dropout),
            nn.Linear(dim * multiplier, dim),
            new MaskDropout(dropout));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _net.call(input); // [N, L, D]
}
