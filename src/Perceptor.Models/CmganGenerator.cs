using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models;

/// <summary>
/// The CMGAN generator: input the compressed noisy spectrum [B, 2, T, F] (channel 0 real, 1 imaginary), output the
/// compressed enhanced spectrum as (real, imag), each [B, 1, T, F].
/// </summary>
public sealed class CmganGenerator : nn.Module<Tensor, (Tensor Real, Tensor Imag)>
{
    /// <summary>Builds a generator of the given size.</summary>
    public CmganGenerator(GeneratorConfig config)
        : base(nameof(CmganGenerator))
    {
        Config = config ?? throw new ArgumentNullException(nameof(config));
        RegisterComponents();
    }

    /// <summary>The size this generator was built with.</summary>
    public GeneratorConfig Config { get; }

    /// <inheritdoc />
    public override (Tensor Real, Tensor Imag) forward(Tensor input) => throw new NotImplementedException("being written");
}
