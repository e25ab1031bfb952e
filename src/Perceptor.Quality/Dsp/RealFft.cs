using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Perceptor.Quality.Dsp;

/// <summary>
/// A real-input FFT of one power-of-two length, in double precision. Forward: X[k] = sum x[n] e^(-2 pi i k n / N),
/// unnormalised, bins 0..N/2 as separate real and imaginary arrays. Inverse: the real signal whose spectrum is the
/// given half spectrum (conjugate symmetry assumed; imaginary parts of bins 0 and N/2 ignored), including 1/N.
/// Internally a complex FFT of N/2 points (Stockham autosort, radix 2, split real/imaginary arrays so the later
/// stages run four butterflies per instruction) plus the usual even/odd untangling pass.
/// A plan owns scratch memory: one plan per thread.
/// </summary>
internal sealed class RealFft
{
    private readonly int _half;
    private readonly double[] _twRe;
    private readonly double[] _twIm;
    private readonly double[] _postRe;
    private readonly double[] _postIm;
    private readonly double[] _aRe;
    private readonly double[] _aIm;
    private readonly double[] _bRe;
    private readonly double[] _bIm;

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

        // Twiddles of every stage, concatenated: the stage of span n uses e^(-2 pi i p / n), p < n/2.
        _twRe = new double[Math.Max(1, m - 1)];
        _twIm = new double[Math.Max(1, m - 1)];
        int offset = 0;
        for (int n = m; n > 1; n >>= 1)
        {
            for (int p = 0; p < n / 2; p++)
            {
                double angle = -2.0 * Math.PI * p / n;
                _twRe[offset + p] = Math.Cos(angle);
                _twIm[offset + p] = Math.Sin(angle);
            }

            offset += n / 2;
        }

        // e^(-2 pi i k / N) for the real/complex untangling, k = 0..N/2.
        _postRe = new double[m + 1];
        _postIm = new double[m + 1];
        for (int k = 0; k <= m; k++)
        {
            double angle = -2.0 * Math.PI * k / length;
            _postRe[k] = Math.Cos(angle);
            _postIm[k] = Math.Sin(angle);
        }

        _aRe = new double[m];
        _aIm = new double[m];
        _bRe = new double[m];
        _bIm = new double[m];
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
        int m = _half;
        int n = Math.Min(input.Length, Length);
        var aRe = _aRe.AsSpan();
        var aIm = _aIm.AsSpan();
        int pairs = n >> 1;
        for (int k = 0; k < pairs; k++)
        {
            aRe[k] = input[2 * k];
            aIm[k] = input[(2 * k) + 1];
        }

        int next = pairs;
        if ((n & 1) != 0)
        {
            aRe[pairs] = input[n - 1];
            aIm[pairs] = 0;
            next++;
        }

        aRe[next..m].Clear();
        aIm[next..m].Clear();
        ForwardPacked(re, im);
    }

    /// <summary>Forward transform of double input; see <see cref="Forward(ReadOnlySpan{float}, Span{double}, Span{double})"/>.</summary>
    public void Forward(ReadOnlySpan<double> input, Span<double> re, Span<double> im)
    {
        int m = _half;
        int n = Math.Min(input.Length, Length);
        var aRe = _aRe.AsSpan();
        var aIm = _aIm.AsSpan();
        int pairs = n >> 1;
        for (int k = 0; k < pairs; k++)
        {
            aRe[k] = input[2 * k];
            aIm[k] = input[(2 * k) + 1];
        }

        int next = pairs;
        if ((n & 1) != 0)
        {
            aRe[pairs] = input[n - 1];
            aIm[pairs] = 0;
            next++;
        }

        aRe[next..m].Clear();
        aIm[next..m].Clear();
        ForwardPacked(re, im);
    }

    /// <summary>
    /// Forward transform of <paramref name="input"/> multiplied sample by sample with <paramref name="window"/>
    /// (both exactly N long), with the products rounded to float as a single-precision front end would.
    /// </summary>
    public void ForwardWindowed(ReadOnlySpan<float> input, ReadOnlySpan<float> window, Span<double> re, Span<double> im)
    {
        int m = _half;
        input = input[..Length];
        window = window[..Length];
        var aRe = _aRe.AsSpan(0, m);
        var aIm = _aIm.AsSpan(0, m);
        for (int k = 0; k < m; k++)
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
        for (int k = 0; k < pairs; k++)
        {
            output[2 * k] = zRe[k];
            output[(2 * k) + 1] = zIm[k];
        }

        if ((count & 1) != 0)
        {
            output[count - 1] = zRe[pairs];
        }
    }

    private void ForwardPacked(Span<double> re, Span<double> im)
    {
        int m = _half;
        var (zRe, zIm) = Complex(_aRe, _aIm, _bRe, _bIm);

        // Untangle: X[k] = E[k] + w^k O[k], E = (Z[k] + conj Z[m-k]) / 2, O = (Z[k] - conj Z[m-k]) / (2i).
        re[0] = zRe[0] + zIm[0];
        im[0] = 0;
        re[m] = zRe[0] - zIm[0];
        im[m] = 0;
        for (int k = 1; k < m; k++)
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

    private (double[] Re, double[] Im) InversePacked(ReadOnlySpan<double> re, ReadOnlySpan<double> im)
    {
        int m = _half;
        var aRe = _aRe;
        var aIm = _aIm;

        // E[k] = (X[k] + conj X[m-k]) / 2, O[k] = (X[k] - conj X[m-k]) / (2 w^k); Z = E + i O. Conjugated so
        // that the forward kernel computes the inverse transform.
        for (int k = 0; k < m; k++)
        {
            double xr = re[k], xi = k == 0 ? 0 : im[k];
            double yr = re[m - k], yi = (m - k == m) ? 0 : -im[m - k];
            double er = 0.5 * (xr + yr), ei = 0.5 * (xi + yi);
            double dr = 0.5 * (xr - yr), di = 0.5 * (xi - yi);

            // divide by w^k: multiply by conj(w^k)
            double wr = _postRe[k], wi = -_postIm[k];
            double or = (dr * wr) - (di * wi);
            double oi = (dr * wi) + (di * wr);

            // Z = E + i O = (er - oi, ei + or); store conjugate.
            aRe[k] = er - oi;
            aIm[k] = -(ei + or);
        }

        var (zRe, zIm) = Complex(_aRe, _aIm, _bRe, _bIm);
        double scale = 1.0 / m;
        for (int k = 0; k < m; k++)
        {
            zRe[k] *= scale;
            zIm[k] = -zIm[k] * scale;
        }

        return (zRe, zIm);
    }

    /// <summary>Complex forward FFT of (xRe, xIm) using (yRe, yIm) as scratch; returns the arrays holding the result.</summary>
    private (double[] Re, double[] Im) Complex(double[] xRe, double[] xIm, double[] yRe, double[] yIm)
    {
        int m = _half;
        int s = 1;
        int twOffset = 0;
        for (int n = m; n > 1; n >>= 1)
        {
            int half = n >> 1;
            if (s == 1)
            {
                FirstStage(xRe, xIm, yRe, yIm, half, twOffset);
            }
            else if (s >= 4 && Vector256.IsHardwareAccelerated)
            {
                VectorStage(xRe, xIm, yRe, yIm, half, s, twOffset);
            }
            else
            {
                ScalarStage(xRe, xIm, yRe, yIm, half, s, twOffset);
            }

            (xRe, yRe) = (yRe, xRe);
            (xIm, yIm) = (yIm, xIm);
            twOffset += half;
            s <<= 1;
        }

        return (xRe, xIm);
    }

    private void FirstStage(double[] xRe, double[] xIm, double[] yRe, double[] yIm, int half, int twOffset)
    {
        int p = 0;
        if (Avx.IsSupported && half >= 4)
        {
            ref double xr = ref MemoryMarshal.GetArrayDataReference(xRe);
            ref double xi = ref MemoryMarshal.GetArrayDataReference(xIm);
            ref double yr = ref MemoryMarshal.GetArrayDataReference(yRe);
            ref double yi = ref MemoryMarshal.GetArrayDataReference(yIm);
            ref double tr = ref MemoryMarshal.GetArrayDataReference(_twRe);
            ref double ti = ref MemoryMarshal.GetArrayDataReference(_twIm);
            for (; p + 4 <= half; p += 4)
            {
                var ar = Vector256.LoadUnsafe(ref xr, (nuint)p);
                var ai = Vector256.LoadUnsafe(ref xi, (nuint)p);
                var br = Vector256.LoadUnsafe(ref xr, (nuint)(p + half));
                var bi = Vector256.LoadUnsafe(ref xi, (nuint)(p + half));
                var wr = Vector256.LoadUnsafe(ref tr, (nuint)(twOffset + p));
                var wi = Vector256.LoadUnsafe(ref ti, (nuint)(twOffset + p));
                var sr = ar + br;
                var si = ai + bi;
                var dr = ar - br;
                var di = ai - bi;
                var qr = (dr * wr) - (di * wi);
                var qi = (dr * wi) + (di * wr);

                // Interleave sums and differences: y[2p] = s, y[2p + 1] = q.
                var lo = Avx.UnpackLow(sr, qr);
                var hi = Avx.UnpackHigh(sr, qr);
                Avx.Permute2x128(lo, hi, 0x20).StoreUnsafe(ref yr, (nuint)(2 * p));
                Avx.Permute2x128(lo, hi, 0x31).StoreUnsafe(ref yr, (nuint)((2 * p) + 4));
                lo = Avx.UnpackLow(si, qi);
                hi = Avx.UnpackHigh(si, qi);
                Avx.Permute2x128(lo, hi, 0x20).StoreUnsafe(ref yi, (nuint)(2 * p));
                Avx.Permute2x128(lo, hi, 0x31).StoreUnsafe(ref yi, (nuint)((2 * p) + 4));
            }
        }

        for (; p < half; p++)
        {
            double ar = xRe[p], ai = xIm[p];
            double br = xRe[p + half], bi = xIm[p + half];
            double wr = _twRe[twOffset + p], wi = _twIm[twOffset + p];
            yRe[2 * p] = ar + br;
            yIm[2 * p] = ai + bi;
            double dr = ar - br, di = ai - bi;
            yRe[(2 * p) + 1] = (dr * wr) - (di * wi);
            yIm[(2 * p) + 1] = (dr * wi) + (di * wr);
        }
    }

    private void ScalarStage(double[] xRe, double[] xIm, double[] yRe, double[] yIm, int half, int s, int twOffset)
    {
        for (int p = 0; p < half; p++)
        {
            double wr = _twRe[twOffset + p], wi = _twIm[twOffset + p];
            int in0 = s * p, in1 = s * (p + half), out0 = 2 * s * p, out1 = out0 + s;
            for (int q = 0; q < s; q++)
            {
                double ar = xRe[in0 + q], ai = xIm[in0 + q];
                double br = xRe[in1 + q], bi = xIm[in1 + q];
                yRe[out0 + q] = ar + br;
                yIm[out0 + q] = ai + bi;
                double dr = ar - br, di = ai - bi;
                yRe[out1 + q] = (dr * wr) - (di * wi);
                yIm[out1 + q] = (dr * wi) + (di * wr);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void VectorStage(double[] xRe, double[] xIm, double[] yRe, double[] yIm, int half, int s, int twOffset)
    {
        ref double xr = ref MemoryMarshal.GetArrayDataReference(xRe);
        ref double xi = ref MemoryMarshal.GetArrayDataReference(xIm);
        ref double yr = ref MemoryMarshal.GetArrayDataReference(yRe);
        ref double yi = ref MemoryMarshal.GetArrayDataReference(yIm);
        if ((uint)(2 * half * s) > (uint)xRe.Length || xRe.Length != xIm.Length || yRe.Length < xRe.Length || yIm.Length < xRe.Length)
        {
            throw new InvalidOperationException("FFT scratch size mismatch");
        }

        for (int p = 0; p < half; p++)
        {
            var wr = Vector256.Create(_twRe[twOffset + p]);
            var wi = Vector256.Create(_twIm[twOffset + p]);
            nuint in0 = (nuint)(s * p), in1 = (nuint)(s * (p + half)), out0 = (nuint)(2 * s * p), out1 = out0 + (nuint)s;
            for (nuint q = 0; q < (nuint)s; q += 4)
            {
                var ar = Vector256.LoadUnsafe(ref xr, in0 + q);
                var ai = Vector256.LoadUnsafe(ref xi, in0 + q);
                var br = Vector256.LoadUnsafe(ref xr, in1 + q);
                var bi = Vector256.LoadUnsafe(ref xi, in1 + q);
                (ar + br).StoreUnsafe(ref yr, out0 + q);
                (ai + bi).StoreUnsafe(ref yi, out0 + q);
                var dr = ar - br;
                var di = ai - bi;
                ((dr * wr) - (di * wi)).StoreUnsafe(ref yr, out1 + q);
                ((dr * wi) + (di * wr)).StoreUnsafe(ref yi, out1 + q);
            }
        }
    }
}
