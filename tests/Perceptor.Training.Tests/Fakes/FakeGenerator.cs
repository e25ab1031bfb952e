using Perceptor.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Perceptor.Training.Tests.Fakes;

/// <summary>
/// A few-parameter generator with dropout (so RNG state matters) and batch norm (so it has running statistics) that
/// can be told to emit NaN.
/// </summary>
internal sealed class FakeGenerator : nn.Module<Tensor, (Tensor Real, Tensor Imag)>
{
    private readonly Conv2d _conv = nn.Conv2d(2, 2, 1);
    private readonly Dropout _dropout = nn.Dropout(0.2);
    private readonly BatchNorm2d _norm = nn.BatchNorm2d(2);

    public FakeGenerator()
        : base(nameof(FakeGenerator))
    {
        RegisterComponents();
    }

    public bool EmitNaN { get; set; }

    public override (Tensor Real, Tensor Imag) forward(Tensor input)
    {
        var x = EmitNaN ? input.MulScalar(float.NaN) : input;
        var y = x.Plus(_conv.forward(_dropout.forward(_norm.Normalize(x))).MulScalar(0.1)); // [B, 2, T, F]

        return (y.narrow(1, 0, 1), y.narrow(1, 1, 1));
    }
}
