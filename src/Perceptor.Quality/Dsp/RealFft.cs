using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Perceptor.Quality.Dsp;

/// <summary>
/// A real-input FFT of one power-of-two length, in double precision. Forward: X[k] = sum x[n] e^(-2 pi i k n / N),
/// unnormalised, bins 0..N/2 as separate real and imaginary arrays. Inverse: the real signal whose spectrum is the
/// given half spectrum (conjugate symmetry assumed; imaginary parts of bins 0 and N/2 ignored), including 1/N.
/// Internally a complex FFT of N/2 points (Stockham autosort, radix 4 with one radix-2 stage when needed, split
/// real/imaginary arrays so every stage runs four butterflies per instruction) plus the even/odd untangling pass.
/// A plan owns scratch memory: one plan per thread.
/// </summary>
internal sealed class RealFft
{
    private readonly int _half;
    private readonly int _radix4Stages;
    private readonly bool _finalRadix2;
    private readonly double[] _w1Re;
    private readonly double[] _w1Im;
    private readonly double[] _w2Re;
    private readonly double[] _w2Im;
    private readonly double[] _w3Re;
    private readonly double[] _w3Im;
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
        int log = System.Numerics.BitOperations.Log2((uint)m);
        _radix4Stages = log / 2;
        _finalRadix2 = (log & 1) != 0;

        // Twiddles of the radix-4 stages, concatenated: the stage of span n uses e^(-2 pi i j p / n), j = 1..3.
        int total = 0;
        for (int n = m, k = 0; k < _radix4Stages; n /= 4, k++)
        {
            total += n / 4;
        }

        total = Math.Max(total, 1);
        _w1Re = new double[total];
        _w1Im = new double[total];
        _w2Re = new double[total];
        _w2Im = new double[total];
        _w3Re = new double[total];
        _w3Im = new double[total];
        int offset = 0;
        for (int n = m, k = 0; k < _radix4Stages; n /= 4, k++)
        {
            for (int p = 0; p < n / 4; p++)
            {
                double angle = -2.0 * Math.PI * p / n;
                _w1Re[offset + p] = Math.Cos(angle);
                _w1Im[offset + p] = Math.Sin(angle);
                _w2Re[offset + p] = Math.Cos(2 * angle);
                _w2Im[offset + p] = Math.Sin(2 * angle);
                _w3Re[offset + p] = Math.Cos(3 * angle);
                _w3Im[offset + p] = Math.Sin(3 * angle);
            }

            offset += n / 4;
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
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var even = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
            ref float src = ref MemoryMarshal.GetReference(input);
            for (; k + 4 <= pairs; k += 4)
            {
                var v = Vector256.Shuffle(Vector256.LoadUnsafe(ref src, (nuint)(2 * k)), even);
                var (lo, hi) = Vector256.Widen(v);
                lo.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_aRe), (nuint)k);
                hi.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_aIm), (nuint)k);
            }
        }

        for (; k < pairs; k++)
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
    /// (both at least N long), with the products rounded to float as a single-precision front end would.
    /// </summary>
    public void ForwardWindowed(ReadOnlySpan<float> input, ReadOnlySpan<float> window, Span<double> re, Span<double> im)
    {
        int m = _half;
        input = input[..Length];
        window = window[..Length];
        int k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var even = Vector256.Create(0, 2, 4, 6, 1, 3, 5, 7);
            ref float src = ref MemoryMarshal.GetReference(input);
            ref float win = ref MemoryMarshal.GetReference(window);
            for (; k + 4 <= m; k += 4)
            {
                var product = Vector256.LoadUnsafe(ref src, (nuint)(2 * k)) * Vector256.LoadUnsafe(ref win, (nuint)(2 * k));
                var (lo, hi) = Vector256.Widen(Vector256.Shuffle(product, even));
                lo.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_aRe), (nuint)k);
                hi.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(_aIm), (nuint)k);
            }
        }

        for (; k < m; k++)
        {
            _aRe[k] = input[2 * k] * window[2 * k];
            _aIm[k] = input[(2 * k) + 1] * window[(2 * k) + 1];
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
            ref double sr = ref MemoryMarshal.GetArrayDataReference(zRe);
            ref double si = ref MemoryMarshal.GetArrayDataReference(zIm);
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

    private void ForwardPacked(Span<double> re, Span<double> im)
    {
        int m = _half;
        var (zRe, zIm) = Complex();

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
            ref double zr = ref MemoryMarshal.GetArrayDataReference(zRe);
            ref double zi = ref MemoryMarshal.GetArrayDataReference(zIm);
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

    private (double[] Re, double[] Im) InversePacked(ReadOnlySpan<double> re, ReadOnlySpan<double> im)
    {
        int m = _half;
        double scale = 1.0 / m;

        // E[k] = (X[k] + conj X[m-k]) / 2, O[k] = (X[k] - conj X[m-k]) / (2 w^k); Z = E + i O, scaled by 1/m and
        // conjugated so that the forward kernel computes the inverse transform.
        {
            double xr = re[0], yr = re[m];
            double er = 0.5 * (xr + yr), or = 0.5 * (xr - yr);
            _aRe[0] = er * scale;
            _aIm[0] = -or * scale;
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
            ref double aRe = ref MemoryMarshal.GetArrayDataReference(_aRe);
            ref double aIm = ref MemoryMarshal.GetArrayDataReference(_aIm);
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
            _aRe[k] = (er - oi) * scale;
            _aIm[k] = -(ei + or) * scale;
        }

        return Complex();
    }

    /// <summary>Complex forward FFT of (_aRe, _aIm) using (_bRe, _bIm) as scratch; returns the arrays holding the result.</summary>
    private (double[] Re, double[] Im) Complex()
    {
        double[] xRe = _aRe, xIm = _aIm, yRe = _bRe, yIm = _bIm;
        int n = _half;
        int s = 1;
        int twOffset = 0;
        for (int stage = 0; stage < _radix4Stages; stage++)
        {
            int quarter = n >> 2;
            if (s == 1 && quarter >= 4 && Avx.IsSupported)
            {
                FirstRadix4(xRe, xIm, yRe, yIm, quarter, twOffset);
            }
            else if (s >= 4 && Vector256.IsHardwareAccelerated)
            {
                VectorRadix4(xRe, xIm, yRe, yIm, quarter, s, twOffset);
            }
            else
            {
                ScalarRadix4(xRe, xIm, yRe, yIm, quarter, s, twOffset);
            }

            (xRe, yRe) = (yRe, xRe);
            (xIm, yIm) = (yIm, xIm);
            twOffset += quarter;
            n = quarter;
            s <<= 2;
        }

        if (_finalRadix2)
        {
            // The last stage has span 2 and unit twiddles.
            int q = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                for (; q + 4 <= s; q += 4)
                {
                    var ar = Vector256.Create<double>(xRe.AsSpan(q, 4));
                    var ai = Vector256.Create<double>(xIm.AsSpan(q, 4));
                    var br = Vector256.Create<double>(xRe.AsSpan(q + s, 4));
                    var bi = Vector256.Create<double>(xIm.AsSpan(q + s, 4));
                    (ar + br).CopyTo(yRe.AsSpan(q, 4));
                    (ai + bi).CopyTo(yIm.AsSpan(q, 4));
                    (ar - br).CopyTo(yRe.AsSpan(q + s, 4));
                    (ai - bi).CopyTo(yIm.AsSpan(q + s, 4));
                }
            }

            for (; q < s; q++)
            {
                double ar = xRe[q], ai = xIm[q], br = xRe[q + s], bi = xIm[q + s];
                yRe[q] = ar + br;
                yIm[q] = ai + bi;
                yRe[q + s] = ar - br;
                yIm[q + s] = ai - bi;
            }

            (xRe, yRe) = (yRe, xRe);
            (xIm, yIm) = (yIm, xIm);
        }

        return (xRe, xIm);
    }

    /// <summary>First radix-4 stage (stride 1): four butterflies per instruction, outputs transposed into place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FirstRadix4(double[] xRe, double[] xIm, double[] yRe, double[] yIm, int quarter, int twOffset)
    {
        if (xRe.Length < 4 * quarter || yRe.Length < 4 * quarter || xIm.Length < 4 * quarter || yIm.Length < 4 * quarter)
        {
            throw new InvalidOperationException("FFT scratch size mismatch");
        }

        ref double xr = ref MemoryMarshal.GetArrayDataReference(xRe);
        ref double xi = ref MemoryMarshal.GetArrayDataReference(xIm);
        ref double yr = ref MemoryMarshal.GetArrayDataReference(yRe);
        ref double yi = ref MemoryMarshal.GetArrayDataReference(yIm);
        for (int p = 0; p + 4 <= quarter; p += 4)
        {
            nuint i0 = (nuint)p, i1 = (nuint)(p + quarter), i2 = (nuint)(p + (2 * quarter)), i3 = (nuint)(p + (3 * quarter));
            var (o0r, o0i, o1r, o1i, o2r, o2i, o3r, o3i) = Butterfly(
                Vector256.LoadUnsafe(ref xr, i0), Vector256.LoadUnsafe(ref xi, i0),
                Vector256.LoadUnsafe(ref xr, i1), Vector256.LoadUnsafe(ref xi, i1),
                Vector256.LoadUnsafe(ref xr, i2), Vector256.LoadUnsafe(ref xi, i2),
                Vector256.LoadUnsafe(ref xr, i3), Vector256.LoadUnsafe(ref xi, i3),
                twOffset + p, broadcast: false);
            nuint o = (nuint)(4 * p);
            Transpose4(o0r, o1r, o2r, o3r, ref yr, o);
            Transpose4(o0i, o1i, o2i, o3i, ref yi, o);
        }
    }

    /// <summary>A radix-4 stage with stride at least 4: four butterflies per instruction along the stride.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void VectorRadix4(double[] xRe, double[] xIm, double[] yRe, double[] yIm, int quarter, int s, int twOffset)
    {
        if (xRe.Length < 4 * quarter * s || yRe.Length < 4 * quarter * s || xIm.Length < 4 * quarter * s ||
            yIm.Length < 4 * quarter * s)
        {
            throw new InvalidOperationException("FFT scratch size mismatch");
        }

        ref double xr = ref MemoryMarshal.GetArrayDataReference(xRe);
        ref double xi = ref MemoryMarshal.GetArrayDataReference(xIm);
        ref double yr = ref MemoryMarshal.GetArrayDataReference(yRe);
        ref double yi = ref MemoryMarshal.GetArrayDataReference(yIm);
        for (int p = 0; p < quarter; p++)
        {
            nuint i0 = (nuint)(s * p), i1 = (nuint)(s * (p + quarter)), i2 = (nuint)(s * (p + (2 * quarter)));
            nuint i3 = (nuint)(s * (p + (3 * quarter)));
            nuint o0 = (nuint)(4 * s * p), o1 = o0 + (nuint)s, o2 = o1 + (nuint)s, o3 = o2 + (nuint)s;
            for (nuint q = 0; q < (nuint)s; q += 4)
            {
                var (r0, m0, r1, m1, r2, m2, r3, m3) = Butterfly(
                    Vector256.LoadUnsafe(ref xr, i0 + q), Vector256.LoadUnsafe(ref xi, i0 + q),
                    Vector256.LoadUnsafe(ref xr, i1 + q), Vector256.LoadUnsafe(ref xi, i1 + q),
                    Vector256.LoadUnsafe(ref xr, i2 + q), Vector256.LoadUnsafe(ref xi, i2 + q),
                    Vector256.LoadUnsafe(ref xr, i3 + q), Vector256.LoadUnsafe(ref xi, i3 + q),
                    twOffset + p, broadcast: true);
                r0.StoreUnsafe(ref yr, o0 + q);
                m0.StoreUnsafe(ref yi, o0 + q);
                r1.StoreUnsafe(ref yr, o1 + q);
                m1.StoreUnsafe(ref yi, o1 + q);
                r2.StoreUnsafe(ref yr, o2 + q);
                m2.StoreUnsafe(ref yi, o2 + q);
                r3.StoreUnsafe(ref yr, o3 + q);
                m3.StoreUnsafe(ref yi, o3 + q);
            }
        }
    }

    /// <summary>
    /// Radix-4 decimation-in-frequency butterfly: outputs (a + c) + (b + d), w1 ((a - c) - i (b - d)),
    /// w2 ((a + c) - (b + d)), w3 ((a - c) + i (b - d)), with twiddles either per lane (p..p+3) or broadcast (p).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (Vector256<double>, Vector256<double>, Vector256<double>, Vector256<double>, Vector256<double>,
        Vector256<double>, Vector256<double>, Vector256<double>) Butterfly(
        Vector256<double> ar, Vector256<double> ai, Vector256<double> br, Vector256<double> bi,
        Vector256<double> cr, Vector256<double> ci, Vector256<double> dr, Vector256<double> di, int tw, bool broadcast)
    {
        Vector256<double> w1r, w1i, w2r, w2i, w3r, w3i;
        if (broadcast)
        {
            w1r = Vector256.Create(_w1Re[tw]);
            w1i = Vector256.Create(_w1Im[tw]);
            w2r = Vector256.Create(_w2Re[tw]);
            w2i = Vector256.Create(_w2Im[tw]);
            w3r = Vector256.Create(_w3Re[tw]);
            w3i = Vector256.Create(_w3Im[tw]);
        }
        else
        {
            w1r = Vector256.Create<double>(_w1Re.AsSpan(tw, 4));
            w1i = Vector256.Create<double>(_w1Im.AsSpan(tw, 4));
            w2r = Vector256.Create<double>(_w2Re.AsSpan(tw, 4));
            w2i = Vector256.Create<double>(_w2Im.AsSpan(tw, 4));
            w3r = Vector256.Create<double>(_w3Re.AsSpan(tw, 4));
            w3i = Vector256.Create<double>(_w3Im.AsSpan(tw, 4));
        }

        var t0r = ar + cr;
        var t0i = ai + ci;
        var t1r = ar - cr;
        var t1i = ai - ci;
        var t2r = br + dr;
        var t2i = bi + di;
        var t3r = br - dr;
        var t3i = bi - di;

        // -i (b - d) = (t3i, -t3r)
        var u1r = t1r + t3i;
        var u1i = t1i - t3r;
        var u2r = t0r - t2r;
        var u2i = t0i - t2i;
        var u3r = t1r - t3i;
        var u3i = t1i + t3r;
        return (t0r + t2r, t0i + t2i,
            (u1r * w1r) - (u1i * w1i), (u1r * w1i) + (u1i * w1r),
            (u2r * w2r) - (u2i * w2i), (u2r * w2i) + (u2i * w2r),
            (u3r * w3r) - (u3i * w3i), (u3r * w3i) + (u3i * w3r));
    }

    /// <summary>Stores the 4x4 transpose of rows (r0..r3) at destination + offset (16 doubles).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose4(Vector256<double> r0, Vector256<double> r1, Vector256<double> r2,
        Vector256<double> r3, ref double destination, nuint offset)
    {
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        Avx.Permute2x128(t0, t2, 0x20).StoreUnsafe(ref destination, offset);
        Avx.Permute2x128(t1, t3, 0x20).StoreUnsafe(ref destination, offset + 4);
        Avx.Permute2x128(t0, t2, 0x31).StoreUnsafe(ref destination, offset + 8);
        Avx.Permute2x128(t1, t3, 0x31).StoreUnsafe(ref destination, offset + 12);
    }

    private void ScalarRadix4(double[] xRe, double[] xIm, double[] yRe, double[] yIm, int quarter, int s, int twOffset)
    {
        for (int p = 0; p < quarter; p++)
        {
            int tw = twOffset + p;
            double w1r = _w1Re[tw], w1i = _w1Im[tw], w2r = _w2Re[tw], w2i = _w2Im[tw], w3r = _w3Re[tw], w3i = _w3Im[tw];
            int i0 = s * p, i1 = s * (p + quarter), i2 = s * (p + (2 * quarter)), i3 = s * (p + (3 * quarter));
            int o0 = 4 * s * p;
            for (int q = 0; q < s; q++)
            {
                double t0r = xRe[i0 + q] + xRe[i2 + q], t0i = xIm[i0 + q] + xIm[i2 + q];
                double t1r = xRe[i0 + q] - xRe[i2 + q], t1i = xIm[i0 + q] - xIm[i2 + q];
                double t2r = xRe[i1 + q] + xRe[i3 + q], t2i = xIm[i1 + q] + xIm[i3 + q];
                double t3r = xRe[i1 + q] - xRe[i3 + q], t3i = xIm[i1 + q] - xIm[i3 + q];
                double u1r = t1r + t3i, u1i = t1i - t3r;
                double u2r = t0r - t2r, u2i = t0i - t2i;
                double u3r = t1r - t3i, u3i = t1i + t3r;
                yRe[o0 + q] = t0r + t2r;
                yIm[o0 + q] = t0i + t2i;
                yRe[o0 + s + q] = (u1r * w1r) - (u1i * w1i);
                yIm[o0 + s + q] = (u1r * w1i) + (u1i * w1r);
                yRe[o0 + (2 * s) + q] = (u2r * w2r) - (u2i * w2i);
                yIm[o0 + (2 * s) + q] = (u2r * w2i) + (u2i * w2r);
                yRe[o0 + (3 * s) + q] = (u3r * w3r) - (u3i * w3i);
                yIm[o0 + (3 * s) + q] = (u3r * w3i) + (u3i * w3r);
            }
        }
    }
}
