using static TorchSharp.torch;

namespace Perceptor.Models;

/// <summary>
/// Every intermediate of one generator forward, for probes and diagnostics (mask statistics, the balance of the
/// masking and complex branches). Owns its tensors: dispose it, or let the enclosing dispose scope do it.
/// </summary>
/// <param name="Encoded">Dense encoder output, [B, C, T, F'] with F' = (F + 1)/2.</param>
/// <param name="ConformerOutputs">Output of each TS-Conformer block, each [B, C, T, F'].</param>
/// <param name="Mask">Magnitude mask M, [B, 1, T, F].</param>
/// <param name="ComplexResidual">Complex decoder output (ΔRe, ΔIm), [B, 2, T, F].</param>
/// <param name="Real">Enhanced compressed real part M·|Y|·cos θ_Y + ΔRe, [B, 1, T, F].</param>
/// <param name="Imag">Enhanced compressed imaginary part M·|Y|·sin θ_Y + ΔIm, [B, 1, T, F].</param>
public sealed record GeneratorTrace(
    Tensor Encoded,
    IReadOnlyList<Tensor> ConformerOutputs,
    Tensor Mask,
    Tensor ComplexResidual,
    Tensor Real,
    Tensor Imag) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Encoded.Dispose();
        foreach (var output in ConformerOutputs)
        {
            output.Dispose();
        }

        Mask.Dispose();
        ComplexResidual.Dispose();
        Real.Dispose();
        Imag.Dispose();
    }
}
