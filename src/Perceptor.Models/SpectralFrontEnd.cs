using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models;

/// <summary>
/// The reference signal path between waveforms and the networks (that of the CMGAN reference implementation):
/// unit-RMS level normalisation taken from the noisy signal, centred STFT (n_fft 400, hop 100, periodic Hamming,
/// reflect padding, one-sided, raw DFT sums without any 1/N or window normalisation), power-law compression of the
/// magnitude (exponent 0.3, phase kept) and the inverses. Holds the window on the device it is created for; every
/// method accepts tensors on that device.
/// </summary>
/// <remarks>
/// Because the compression is non-linear, the STFT scale convention and the unit-RMS normalisation are part of a
/// trained model's contract: weights trained under them are valid only under them.
/// </remarks>
public sealed class SpectralFrontEnd : IDisposable
{
    private readonly Tensor _window;
    private bool _disposed;

    /// <summary>Creates the front end on <paramref name="device"/> (CPU when null).</summary>
    /// <param name="device">Device of the window; inputs must live there too.</param>
    /// <param name="nFft">FFT size and window length (even).</param>
    /// <param name="hop">Hop in samples.</param>
    /// <param name="compressExponent">Magnitude compression exponent c in |X|^c.</param>
    public SpectralFrontEnd(Device? device = null, int nFft = 400, int hop = 100, double compressExponent = 0.3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nFft, 2);
        if (nFft % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(nFft), nFft, "n_fft must be even (F = n_fft/2 + 1 bins)");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(hop, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hop, nFft);
        if (!(compressExponent > 0 && double.IsFinite(compressExponent)))
        {
            throw new ArgumentOutOfRangeException(nameof(compressExponent), compressExponent, "must be positive and finite");
        }

        Device = device ?? CPU;
        NFft = nFft;
        Hop = hop;
        CompressExponent = compressExponent;
        _window = PeriodicHamming(nFft, Device);
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

    /// <summary>The analysis and synthesis window: periodic Hamming, w[n] = 0.54 − 0.46·cos(2πn/NFft), float32.</summary>
    public Tensor Window => _window;

    /// <summary>Number of STFT frames of an L-sample signal: 1 + ⌊L/hop⌋.</summary>
    public long FrameCount(long length) => 1 + length / Hop;

    /// <summary>
    /// Per-row unit-RMS factor c = sqrt(L / Σ x²) of [B, L] audio, shape [B, 1]. Multiplying the noisy and the
    /// clean row by the noisy row's c gives the noisy row mean square 1. A digitally silent row gives +∞: reject
    /// silent inputs before this point.
    /// </summary>
    public Tensor NormalisationFactor(Tensor audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (audio.dim() != 2)
        {
            throw new ArgumentException($"audio must be [B, L], got [{string.Join(", ", audio.shape)}]", nameof(audio));
        }

        using var scope = NewDisposeScope();
        var energy = audio.Squared().sum(1, keepdim: true); // [B, 1]
        return energy.reciprocal().MulScalar(audio.shape[1]).sqrt().MoveToOuterDisposeScope(); // [B, 1]
    }

    /// <summary>
    /// Centred STFT of [B, L] (or [L]) audio: complex [B, F, T] (or [F, T]) with T = 1 + ⌊L/hop⌋. The signal is
    /// reflected by NFft/2 samples at both ends, so L must exceed NFft/2.
    /// </summary>
    public Tensor Stft(Tensor audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (audio.dim() is not (1 or 2))
        {
            throw new ArgumentException($"audio must be [B, L] or [L], got [{string.Join(", ", audio.shape)}]", nameof(audio));
        }

        long length = audio.shape[^1];
        if (length <= NFft / 2)
        {
            throw new ArgumentException($"audio of {length} samples is too short: centred framing reflects {NFft / 2} samples, so at least {NFft / 2 + 1} are needed", nameof(audio));
        }

        return stft(audio, NFft, Hop, NFft, _window, center: true, pad_mode: PaddingModes.Reflect, normalized: false, onesided: true, return_complex: true); // [B, F, T]
    }

    /// <summary>
    /// Inverse of <see cref="Stft"/>: complex [B, F, T] (or [F, T]) to [B, L'] audio by weighted overlap-add with the
    /// same window, divided by the summed squared window, centring trimmed. L' = hop·(T − 1) unless
    /// <paramref name="length"/> is given (then the output is cut or zero-extended to it).
    /// </summary>
    public Tensor Istft(Tensor spectrum, long? length = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!spectrum.is_complex() || spectrum.dim() is not (2 or 3) || spectrum.shape[^2] != FrequencyBins)
        {
            throw new ArgumentException(
                $"spectrum must be complex [B, {FrequencyBins}, T], got {spectrum.dtype} [{string.Join(", ", spectrum.shape)}]",
                nameof(spectrum));
        }

        if (length is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "must not be negative");
        }

        return istft(spectrum, NFft, Hop, NFft, _window, center: true, normalized: false, onesided: true, length: length ?? -1); // [B, L']
    }

    /// <summary>
    /// Compresses a complex [B, F, T] spectrum: X_c = |X|^c·e^{j∠X} with the phase from atan2, so exact zero bins
    /// stay exactly zero. Returns real and imaginary parts, each [B, F, T], float32. Not meant to be differentiated
    /// (its gradient is unbounded at zero); it prepares inputs and targets.
    /// </summary>
    public (Tensor Real, Tensor Imag) Compress(Tensor spectrum)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        if (!spectrum.is_complex())
        {
            throw new ArgumentException($"spectrum must be complex, got {spectrum.dtype}", nameof(spectrum));
        }

        using var scope = NewDisposeScope();
        var real = spectrum.real; // [B, F, T]
        var imag = spectrum.imag; // [B, F, T]
        var magnitude = spectrum.abs().PowScalar(CompressExponent); // [B, F, T]
        var phase = atan2(imag, real); // [B, F, T]
        return ((magnitude * phase.cos()).MoveToOuterDisposeScope(), (magnitude * phase.sin()).MoveToOuterDisposeScope());
    }

    /// <summary>
    /// Inverse of <see cref="Compress"/>: complex [B, F, T] with |X| = |X_c|^{1/c} and the phase kept. Computed in
    /// the algebraically equal form (Re, Im)·(Re² + Im²)^{(1/c − 1)/2}, which is differentiable everywhere (its
    /// gradient at an exact zero is 0), where the polar form's phase gradient is undefined.
    /// </summary>
    public Tensor Decompress(Tensor real, Tensor imag)
    {
        ArgumentNullException.ThrowIfNull(real);
        ArgumentNullException.ThrowIfNull(imag);
        if (!real.shape.SequenceEqual(imag.shape))
        {
            throw new ArgumentException($"real [{string.Join(", ", real.shape)}] and imag [{string.Join(", ", imag.shape)}] differ in shape", nameof(imag));
        }

        using var scope = NewDisposeScope();
        var gain = real.Squared().Plus(imag.Squared()).PowScalar((1.0 / CompressExponent - 1.0) / 2.0); // [B, F, T]
        return complex(real * gain, imag * gain).MoveToOuterDisposeScope(); // [B, F, T]
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (!_disposed)
        {
            _window.Dispose();
            _disposed = true;
        }
    }

    // Computed in double from the definition (torch's hamming_window takes single-precision coefficients).
    private static Tensor PeriodicHamming(int length, Device device)
    {
        var values = new float[length];
        for (int n = 0; n < length; n++)
        {
            values[n] = (float)(0.54 - 0.46 * Math.Cos(2.0 * Math.PI * n / length));
        }

        using var cpu = tensor(values);
        return cpu.to(device).DetachFromDisposeScope();
    }
}
