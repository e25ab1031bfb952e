using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Perceptor.Audio.Dsp;

/// <summary>
/// A real-input FFT of one power-of-two length, in double precision. Forward: X[k] = sum x[n] e^(-2 pi i k n / N),
/// unnormalised, bins 0..N/2 as separate real and imaginary arrays. Inverse: the real signal whose spectrum is the
/// given half spectrum (conjugate symmetry assumed; imaginary parts of bins 0 and N/2 ignored), including 1/N.
/// Internally a <see cref="ComplexFft"/> of N/2 points plus the even/odd untangling pass.
/// A plan owns scratch memory: one plan per thread.
/// </summary>
public sealed class RealFft
{
    private readonly int _half;
    private readonly ComplexFft _core;
    private readonly double[] _postRe;
    private readonly double[] _postIm;

    /// <summary>Creates a plan for <paramref name="length"/> real points (a power of two, at least 4).</summary>
    public RealFft(int length)
    {
        if (length < 4 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "FFT length must be a power of two >= 4");
        }

        Length = length;
        _half = length / 2;
        int m = _half;
        _core = new ComplexFft(m);

        // e^(-2 pi i k / N) for the real/complex untangling, k = 0..N/2.
        _postRe = new double[m + 1];
        _postIm = new double[m + 1];
        for (int k = 0; k <= m; k++)
        {
            double angle = -2.0 * Math.PI * k / length;
            _postRe[k] = Math.Cos(angle);
            _postIm[k] = Math.Sin(angle);
        }
    }

    /// <summary>Number of real points.</summary>
    public int Length { get; }

    /// <summary>Number of bins in the half spectrum: N/2 + 1.</summary>
    public int Bins => _half + 1;

    /// <summary>
    /// Forward transform of <paramref name="input"/> (at most N samples; missing ones are zero) into
    /// <paramref name="re"/> and <paramref name="im"/> (N/2 + 1 bins each).
    /// </summary>
    public void Forward(ReadOnlySpan<float> input, Span<double> re, Span<double> im)
    {
        int n = Math.Min(input.Length, Length);
        var aRe = _core.InputRe;
        var aIm = _core.InputIm;
        int pairs = n >> 1;
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var even = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
            ref float src = ref MemoryMarshal.GetReference(input);
            ref double dstRe = ref MemoryMarshal.GetReference(aRe);
            ref double dstIm = ref MemoryMarshal.GetReference(aIm);
            for (; k + 4 <= pairs; k += 4)
            {
                var v = Vector256.Shuffle(Vector256.LoadUnsafe(ref src, (nuint)(2 * k)), even);
                var (lo, hi) = Vector256.Widen(v);
                lo.StoreUnsafe(ref dstRe, (nuint)k);
                hi.StoreUnsafe(ref dstIm, (nuint)k);
            }
        }

        for (; k < pairs; k++)
        {
            aRe[k] = input[2 * k];
            aIm[k] = input[(2 * k) + 1];
        }

        FinishLoad(n, pairs, (n & 1) != 0 ? input[n - 1] : 0);
        ForwardPacked(re, im);
    }

    /// <summary>Forward transform of double input; see <see cref="Forward(ReadOnlySpan{float}, Span{double}, Span{double})"/>.</summary>
    public void Forward(ReadOnlySpan<double> input, Span<double> re, Span<double> im)
    {
        int n = Math.Min(input.Length, Length);
        var aRe = _core.InputRe;
        var aIm = _core.InputIm;
        int pairs = n >> 1;
        for (int k = 0; k < pairs; k++)
        {
            aRe[k] = input[2 * k];
            aIm[k] = input[(2 * k) + 1];
        }

        FinishLoad(n, pairs, (n & 1) != 0 ? input[n - 1] : 0);
        ForwardPacked(re, im);
    }

    /// <summary>
    /// Writes |X[k]|² for bins 0..N/2 of the zero-padded <paramref name="input"/> into <paramref name="power"/>,
    /// using <paramref name="imagScratch"/> (at least N/2 + 1 long) as working memory.
    /// </summary>
    public void PowerSpectrum(ReadOnlySpan<double> input, Span<double> power, Span<double> imagScratch)
    {
        if (power.Length < Bins || imagScratch.Length < Bins)
        {
            throw new ArgumentException($"outputs need {Bins} bins");
        }

        Forward(input, power, imagScratch);
        for (int k = 0; k < Bins; k++)
        {
            power[k] = (power[k] * power[k]) + (imagScratch[k] * imagScratch[k]);
        }
    }

    /// <summary>
    /// Forward transform of <paramref name="input"/> multiplied sample by sample with <paramref name="window"/>
    /// (both at least N long), with the products rounded to float as a single-precision front end would.
    /// </summary>
    public void ForwardWindowed(ReadOnlySpan<float> input, ReadOnlySpan<float> window, Span<double> re, Span<double> im)
    {
        int m = _half;
        input = input[..Length];
        window = window[..Length];
        var aRe = _core.InputRe;
        var aIm = _core.InputIm;
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var even = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
            ref float src = ref MemoryMarshal.GetReference(input);
            ref float win = ref MemoryMarshal.GetReference(window);
            ref double dstRe = ref MemoryMarshal.GetReference(aRe);
            ref double dstIm = ref MemoryMarshal.GetReference(aIm);
            for (; k + 4 <= m; k += 4)
            {
                var product = Vector256.LoadUnsafe(ref src, (nuint)(2 * k)) * Vector256.LoadUnsafe(ref win, (nuint)(2 * k));
                var (lo, hi) = Vector256.Widen(Vector256.Shuffle(product, even));
                lo.StoreUnsafe(ref dstRe, (nuint)k);
                hi.StoreUnsafe(ref dstIm, (nuint)k);
            }
        }

        for (; k < m; k++)
        {
            aRe[k] = input[2 * k] * window[2 * k];
            aIm[k] = input[(2 * k) + 1] * window[(2 * k) + 1];
        }

        ForwardPacked(re, im);
    }

    /// <summary>
    /// Inverse transform of the half spectrum (<paramref name="re"/>, <paramref name="im"/>, N/2 + 1 bins) into
    /// <paramref name="output"/> (the first min(N, output length) samples), including the 1/N factor.
    /// </summary>
    public void Inverse(ReadOnlySpan<double> re, ReadOnlySpan<double> im, Span<double> output)
    {
        int count = Math.Min(output.Length, Length);
        var (zRe, zIm) = InversePacked(re, im);
        int pairs = count >> 1;
        int k = 0;
        if (Avx.IsSupported)
        {
            ref double dst = ref MemoryMarshal.GetReference(output);
            ref double sr = ref MemoryMarshal.GetReference(zRe);
            ref double si = ref MemoryMarshal.GetReference(zIm);
            for (; k + 4 <= pairs; k += 4)
            {
                // The forward kernel ran on the conjugate: imaginary parts change sign on the way out.
                var r = Vector256.LoadUnsafe(ref sr, (nuint)k);
                var i = -Vector256.LoadUnsafe(ref si, (nuint)k);
                var lo = Avx.UnpackLow(r, i);
                var hi = Avx.UnpackHigh(r, i);
                Avx.Permute2x128(lo, hi, 0x20).StoreUnsafe(ref dst, (nuint)(2 * k));
                Avx.Permute2x128(lo, hi, 0x31).StoreUnsafe(ref dst, (nuint)((2 * k) + 4));
            }
        }

        for (; k < pairs; k++)
        {
            output[2 * k] = zRe[k];
            output[(2 * k) + 1] = -zIm[k];
        }

        if ((count & 1) != 0)
        {
            output[count - 1] = zRe[pairs];
        }
    }

    /// <summary>After <paramref name="pairs"/> sample pairs are loaded: the odd last sample, then zeros.</summary>
    private void FinishLoad(int count, int pairs, double last)
    {
        int next = pairs;
        var aRe = _core.InputRe;
        var aIm = _core.InputIm;
        if ((count & 1) != 0)
        {
            aRe[pairs] = last;
            aIm[pairs] = 0;
            next++;
        }

        aRe[next..].Clear();
        aIm[next..].Clear();
    }

    private void ForwardPacked(Span<double> re, Span<double> im)
    {
        int m = _half;
        var (zRe, zIm) = _core.Execute();

        // Untangle: X[k] = E[k] + w^k O[k], E = (Z[k] + conj Z[m-k]) / 2, O = (Z[k] - conj Z[m-k]) / (2i).
        re[0] = zRe[0] + zIm[0];
        im[0] = 0;
        re[m] = zRe[0] - zIm[0];
        im[m] = 0;
        int k = 1;
        if (Vector256.IsHardwareAccelerated && re.Length >= m + 1 && im.Length >= m + 1)
        {
            var half = Vector256.Create(0.5);
            var reverse = Vector256.Create(3L, 2, 1, 0);
            ref double zr = ref MemoryMarshal.GetReference(zRe);
            ref double zi = ref MemoryMarshal.GetReference(zIm);
            ref double pr = ref MemoryMarshal.GetArrayDataReference(_postRe);
            ref double pi = ref MemoryMarshal.GetArrayDataReference(_postIm);
            ref double outRe = ref MemoryMarshal.GetReference(re);
            ref double outIm = ref MemoryMarshal.GetReference(im);
            for (; k + 4 <= m; k += 4)
            {
                var ar = Vector256.LoadUnsafe(ref zr, (nuint)k);
                var ai = Vector256.LoadUnsafe(ref zi, (nuint)k);
                var br = Vector256.Shuffle(Vector256.LoadUnsafe(ref zr, (nuint)(m - k - 3)), reverse);
                var bi = -Vector256.Shuffle(Vector256.LoadUnsafe(ref zi, (nuint)(m - k - 3)), reverse);
                var er = half * (ar + br);
                var ei = half * (ai + bi);
                var or = half * (ai - bi);
                var oi = -(half * (ar - br));
                var wr = Vector256.LoadUnsafe(ref pr, (nuint)k);
                var wi = Vector256.LoadUnsafe(ref pi, (nuint)k);
                (er + ((wr * or) - (wi * oi))).StoreUnsafe(ref outRe, (nuint)k);
                (ei + ((wr * oi) + (wi * or))).StoreUnsafe(ref outIm, (nuint)k);
            }
        }

        for (; k < m; k++)
        {
            double ar = zRe[k], ai = zIm[k];
            double br = zRe[m - k], bi = -zIm[m - k];
            double er = 0.5 * (ar + br), ei = 0.5 * (ai + bi);
            double dr = 0.5 * (ar - br), di = 0.5 * (ai - bi);

            // O = d / i = (di, -dr)
            double or = di, oi = -dr;
            double wr = _postRe[k], wi = _postIm[k];
            re[k] = er + ((wr * or) - (wi * oi));
            im[k] = ei + ((wr * oi) + (wi * or));
        }
    }

    private ComplexFft.Spectrum InversePacked(ReadOnlySpan<double> re, ReadOnlySpan<double> im)
    {
        int m = _half;
        double scale = 1.0 / m;
        var aReSpan = _core.InputRe;
        var aImSpan = _core.InputIm;

        // E[k] = (X[k] + conj X[m-k]) / 2, O[k] = (X[k] - conj X[m-k]) / (2 w^k); Z = E + i O, scaled by 1/m and
        // conjugated so that the forward kernel computes the inverse transform.
        {
            double xr = re[0], yr = re[m];
            double er = 0.5 * (xr + yr), or = 0.5 * (xr - yr);
            aReSpan[0] = er * scale;
            aImSpan[0] = -or * scale;
        }

        int k = 1;
        if (Vector256.IsHardwareAccelerated && re.Length >= m + 1 && im.Length >= m + 1)
        {
            var half = Vector256.Create(0.5 * scale);
            var reverse = Vector256.Create(3L, 2, 1, 0);
            ref double xrRef = ref MemoryMarshal.GetReference(re);
            ref double xiRef = ref MemoryMarshal.GetReference(im);
            ref double pr = ref MemoryMarshal.GetArrayDataReference(_postRe);
            ref double pi = ref MemoryMarshal.GetArrayDataReference(_postIm);
            ref double aRe = ref MemoryMarshal.GetReference(aReSpan);
            ref double aIm = ref MemoryMarshal.GetReference(aImSpan);
            for (; k + 4 <= m; k += 4)
            {
                var xr = Vector256.LoadUnsafe(ref xrRef, (nuint)k);
                var xi = Vector256.LoadUnsafe(ref xiRef, (nuint)k);
                var yr = Vector256.Shuffle(Vector256.LoadUnsafe(ref xrRef, (nuint)(m - k - 3)), reverse);
                var yi = -Vector256.Shuffle(Vector256.LoadUnsafe(ref xiRef, (nuint)(m - k - 3)), reverse);
                var er = half * (xr + yr);
                var ei = half * (xi + yi);
                var dr = half * (xr - yr);
                var di = half * (xi - yi);
                var wr = Vector256.LoadUnsafe(ref pr, (nuint)k);
                var wi = -Vector256.LoadUnsafe(ref pi, (nuint)k);
                var or = (dr * wr) - (di * wi);
                var oi = (dr * wi) + (di * wr);
                (er - oi).StoreUnsafe(ref aRe, (nuint)k);
                (-(ei + or)).StoreUnsafe(ref aIm, (nuint)k);
            }
        }

        for (; k < m; k++)
        {
            double xr = re[k], xi = im[k];
            double yr = re[m - k], yi = -im[m - k];
            double er = 0.5 * (xr + yr), ei = 0.5 * (xi + yi);
            double dr = 0.5 * (xr - yr), di = 0.5 * (xi - yi);

            // divide by w^k: multiply by conj(w^k)
            double wr = _postRe[k], wi = -_postIm[k];
            double or = (dr * wr) - (di * wi);
            double oi = (dr * wi) + (di * wr);

            // Z = E + i O = (er - oi, ei + or); store the scaled conjugate.
            aReSpan[k] = (er - oi) * scale;
            aImSpan[k] = -(ei + or) * scale;
        }

        return _core.Execute();
    }

}
