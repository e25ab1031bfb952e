using static TorchSharp.torch;

namespace Perceptor.Models;

/// <summary>
/// The reference signal path between waveforms and the networks: centred STFT (n_fft 400, hop 100, periodic
/// Hamming, reflect padding, raw DFT sums), power-law compression of the magnitude (exponent 0.3, phase kept)
/// and the inverse. Holds the window on the device it is created for.
/// </summary>
public sealed class SpectralFrontEnd : IDisposable
{
    /// <summary>Creates the front end on <paramref name="device"/> (CPU when null).</summary>
    public SpectralFrontEnd(Device? device = null, int nFft = 400, int hop = 100, double compressExponent = 0.3)
    {
        Device = device ?? CPU;
        NFft = nFft;
        Hop = hop;
        CompressExponent = compressExponent;
    }

    /// <summary>The device of the window.</summary>
    public Device Device { get; }

    /// <summary>FFT size and window length.</summary>
    public int NFft { get; }

    /// <summary>Hop in samples.</summary>
    public int Hop { get; }

    /// <summary>Magnitude compression exponent.</summary>
    public double CompressExponent { get; }

    /// <summary>Number of frequency bins, NFft/2 + 1.</summary>
    public int FrequencyBins => NFft / 2 + 1;

    /// <summary>Per-row unit-RMS factor c = sqrt(L / sum(x^2)) of [B, L] audio, shape [B, 1].</summary>
    public Tensor NormalisationFactor(Tensor audio) => throw new NotImplementedException("being written");

    /// <summary>Centred STFT of [B, L] audio: complex [B, F, T].</summary>
    public Tensor Stft(Tensor audio) => throw new NotImplementedException("being written");

    /// <summary>Inverse of <see cref="Stft"/>: complex [B, F, T] to [B, L'] audio, L' = hop·(T-1) unless <paramref name="length"/> is given.</summary>
    public Tensor Istft(Tensor spectrum, long? length = null) => throw new NotImplementedException("being written");

    /// <summary>Compresses a complex [B, F, T] spectrum: |X|^0.3 with the phase kept; returns real and imaginary parts, each [B, F, T].</summary>
    public (Tensor Real, Tensor Imag) Compress(Tensor spectrum) => throw new NotImplementedException("being written");

    /// <summary>Inverse of <see cref="Compress"/> (differentiable, smooth at zero): complex [B, F, T].</summary>
    public Tensor Decompress(Tensor real, Tensor imag) => throw new NotImplementedException("being written");

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
