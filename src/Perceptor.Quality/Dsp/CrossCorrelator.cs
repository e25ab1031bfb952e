using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Perceptor.Audio.Dsp;

namespace Perceptor.Quality.Dsp;

/// <summary>
/// Circular cross-correlation of two windowed real frames of one power-of-two length:
/// c[p] = sum over t of (x[t] w[t]) (y[(t + p) mod N] w[(t + p) mod N]). Both frames go through one complex FFT
/// (x in the real part, y in the imaginary part); the cross-spectrum conj(X) Y is formed directly from that
/// spectrum and brought back by a real inverse FFT. One instance per thread.
/// </summary>
internal sealed class CrossCorrelator
{
    private readonly ComplexFft _forward;
    private readonly RealFft _inverse;
    private readonly double[] _re;
    private readonly double[] _im;

    /// <summary>Creates a correlator for frames of <paramref name="length"/> samples (a power of two, at least 4).</summary>
    public CrossCorrelator(int length)
    {
        Length = length;
        _forward = new ComplexFft(length);
        _inverse = new RealFft(length);
        _re = new double[(length / 2) + 1];
        _im = new double[(length / 2) + 1];
    }

    /// <summary>Frame length.</summary>
    public int Length { get; }

    /// <summary>
    /// Writes the correlation of <paramref name="x"/> and <paramref name="y"/> (each windowed by
    /// <paramref name="window"/>, products rounded to single precision) into <paramref name="output"/>.
    /// </summary>
    public void Correlate(ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> window, Span<double> output)
    {
        int n = Length;
        x = x[..n];
        y = y[..n];
        window = window[..n];
        output = output[..n];
        Span<double> zRe = _forward.InputRe, zIm = _forward.InputIm;
        int t = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float xr = ref MemoryMarshal.GetReference(x);
            ref float yr = ref MemoryMarshal.GetReference(y);
            ref float wr = ref MemoryMarshal.GetReference(window);
            ref double reRef = ref MemoryMarshal.GetReference(zRe);
            ref double imRef = ref MemoryMarshal.GetReference(zIm);
            for (; t + 8 <= n; t += 8)
            {
                var w = Vector256.LoadUnsafe(ref wr, (nuint)t);
                var (xLo, xHi) = Vector256.Widen(Vector256.LoadUnsafe(ref xr, (nuint)t) * w);
                var (yLo, yHi) = Vector256.Widen(Vector256.LoadUnsafe(ref yr, (nuint)t) * w);
                xLo.StoreUnsafe(ref reRef, (nuint)t);
                xHi.StoreUnsafe(ref reRef, (nuint)(t + 4));
                yLo.StoreUnsafe(ref imRef, (nuint)t);
                yHi.StoreUnsafe(ref imRef, (nuint)(t + 4));
            }
        }

        for (; t < n; t++)
        {
            zRe[t] = x[t] * window[t];
            zIm[t] = y[t] * window[t];
        }

        var (sRe, sIm) = _forward.Execute();

        // With u = Z[k] + conj Z[n-k] = 2X and v = Z[k] - conj Z[n-k] = 2iY: conj(X) Y = -i conj(u) v / 4.
        int half = n / 2;
        Bin(sRe, sIm, 0, 0);
        int k = 1;
        if (Vector256.IsHardwareAccelerated)
        {
            var reverse = Vector256.Create(3L, 2, 1, 0);
            var quarter = Vector256.Create(0.25);
            ref double sr = ref MemoryMarshal.GetReference(sRe);
            ref double si = ref MemoryMarshal.GetReference(sIm);
            ref double cr = ref MemoryMarshal.GetArrayDataReference(_re);
            ref double ci = ref MemoryMarshal.GetArrayDataReference(_im);
            for (; k + 4 <= half + 1; k += 4)
            {
                var ar = Vector256.LoadUnsafe(ref sr, (nuint)k);
                var ai = Vector256.LoadUnsafe(ref si, (nuint)k);
                var br = Vector256.Shuffle(Vector256.LoadUnsafe(ref sr, (nuint)(n - k - 3)), reverse);
                var bi = -Vector256.Shuffle(Vector256.LoadUnsafe(ref si, (nuint)(n - k - 3)), reverse);
                var ur = ar + br;
                var ui = ai + bi;
                var vr = ar - br;
                var vi = ai - bi;
                (quarter * ((ur * vi) - (ui * vr))).StoreUnsafe(ref cr, (nuint)k);
                (-(quarter * ((ur * vr) + (ui * vi)))).StoreUnsafe(ref ci, (nuint)k);
            }
        }

        for (; k <= half; k++)
        {
            Bin(sRe, sIm, k, n - k);
        }

        _inverse.Inverse(_re, _im, output);
    }

    private void Bin(ReadOnlySpan<double> sRe, ReadOnlySpan<double> sIm, int k, int mirror)
    {
        double ar = sRe[k], ai = sIm[k], br = sRe[mirror], bi = -sIm[mirror];
        double ur = ar + br, ui = ai + bi, vr = ar - br, vi = ai - bi;
        _re[k] = 0.25 * ((ur * vi) - (ui * vr));
        _im[k] = -(0.25 * ((ur * vr) + (ui * vi)));
    }
}
