using static TorchSharp.torch;

namespace Perceptor.Training.Networks;

/// <summary>
/// The waveform ⇄ compressed-spectrum path the trainer needs (CMGAN: STFT, power-law compression of the magnitude). The delivered implementation is
/// <see cref="FrontEndSpectralPath"/> over the models' <see cref="Models.SpectralFrontEnd"/>; the seam exists so tests
/// can substitute a path that misbehaves on purpose.
/// </summary>
internal interface ISpectralPath : IDisposable
{
    /// <summary>Per-row unit-RMS factor of [B, L] audio, [B, 1].</summary>
    Tensor NormalisationFactor(Tensor audio);

    /// <summary>Complex [B, F, T].</summary>
    Tensor Stft(Tensor audio);

    /// <summary>Complex [B, F, T] to [B, L].</summary>
    Tensor Istft(Tensor spectrum, long? length = null);

    /// <summary>Compressed real and imaginary parts, each [B, F, T].</summary>
    (Tensor Real, Tensor Imag) Compress(Tensor spectrum);

    /// <summary>Complex [B, F, T] from compressed parts.</summary>
    Tensor Decompress(Tensor real, Tensor imag);
}
