using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Perceptor.Audio.Dsp;

/// <summary>
/// A forward complex FFT of one power-of-two length in double precision, unnormalised: Stockham autosort, radix 4
/// (plus one radix-2 stage for odd powers of two) on split real/imaginary arrays, so every stage runs four (or
/// eight, with 512-bit vectors) butterflies per instruction and needs no bit reversal. The caller fills
/// <see cref="InputRe"/> and <see cref="InputIm"/> and calls <see cref="Execute"/>. A plan owns scratch memory:
/// one plan per thread.
/// </summary>
public sealed class ComplexFft
{
    /// <summary>
    /// Doubles between consecutive work buffers beyond their length (1 KB). Every pass reads four points N/4 apart
    /// and writes four points s apart, in a real and an imaginary buffer; buffers that start at the same offset in
    /// a 4 KB page, as separate arrays of power-of-two sizes do, put all those streams into the same few L1 cache
    /// sets, where they evict each other (one core, medians of 15: 32768 points 184 -> 111 us, 2048 points 7.6 ->
    /// 5.3 us with the buffers a quarter page apart; with the last two passes fused as well, 106 and 4.7 us).
    /// </summary>
    private const int Spread = PageDoubles / 4;

    /// <summary>Doubles in a 4 KB page.</summary>
    private const int PageDoubles = 512;

    private readonly int _radix4Stages;
    private readonly bool _finalRadix2;
    private readonly double[] _w1Re;
    private readonly double[] _w1Im;
    private readonly double[] _w2Re;
    private readonly double[] _w2Im;
    private readonly double[] _w3Re;
    private readonly double[] _w3Im;
    // The four work buffers (input and scratch, real and imaginary) share one array: buffer k starts at k times
    // the stride, N rounded up to a whole 4 KB page plus Spread, so that their starts fall in different quarters
    // of a page wherever the array lies.
    private readonly double[] _pool;
    private readonly int _stride;

    /// <summary>Creates a plan for <paramref name="length"/> complex points (a power of two, at least 2).</summary>
    public ComplexFft(int length)
    {
        if (length < 2 || (length & (length - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, "FFT length must be a power of two >= 2");
        }

        Length = length;
        int m = length;
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

        _stride = (((m + PageDoubles - 1) / PageDoubles) * PageDoubles) + Spread;
        _pool = new double[(3 * _stride) + m];
    }

    /// <summary>The spectrum <see cref="Execute"/> leaves in the plan's buffers: real and imaginary parts.</summary>
    public readonly ref struct Spectrum
    {
        internal Spectrum(Span<double> re, Span<double> im)
        {
            Re = re;
            Im = im;
        }

        /// <summary>Real parts.</summary>
        public Span<double> Re { get; }

        /// <summary>Imaginary parts.</summary>
        public Span<double> Im { get; }

        /// <summary>Deconstructs into (re, im).</summary>
        public void Deconstruct(out Span<double> re, out Span<double> im)
        {
            re = Re;
            im = Im;
        }
    }

    /// <summary>Number of complex points.</summary>
    public int Length { get; }

    /// <summary>Real parts of the input; overwritten by <see cref="Execute"/>.</summary>
    public Span<double> InputRe => WorkBuffer(0);

    /// <summary>Imaginary parts of the input; overwritten by <see cref="Execute"/>.</summary>
    public Span<double> InputIm => WorkBuffer(1);

    /// <summary>Work buffer <paramref name="k"/>: 0 and 1 the input (real, imaginary), 2 and 3 the scratch.</summary>
    internal Span<double> WorkBuffer(int k) => _pool.AsSpan(k * _stride, Length);

    /// <summary>
    /// Transforms the input in place of the plan's buffers and returns the buffers holding the spectrum (valid
    /// until the next call).
    /// </summary>
    public Spectrum Execute()
    {
        Span<double> xRe = WorkBuffer(0), xIm = WorkBuffer(1), yRe = WorkBuffer(2), yIm = WorkBuffer(3);
        int n = Length;
        int s = 1;
        int twOffset = 0;
        for (int stage = 0; stage < _radix4Stages; stage++)
        {
            int quarter = n >> 2;
            if (quarter == 2 && _finalRadix2 && s >= 8 && Vector512.IsHardwareAccelerated)
            {
                // The last radix-4 stage and the final radix-2 stage in one pass.
                WideRadix8Tail(ref At(xRe), ref At(xIm), ref At(yRe), ref At(yIm), s, twOffset);
                return new Spectrum(yRe, yIm);
            }

            if (s == 1 && quarter >= 4 && Avx.IsSupported)
            {
                FirstRadix4(ref At(xRe), ref At(xIm), ref At(yRe), ref At(yIm), quarter, twOffset);
            }
            else if (s >= 8 && Vector512.IsHardwareAccelerated)
            {
                WideRadix4(ref At(xRe), ref At(xIm), ref At(yRe), ref At(yIm), quarter, s, twOffset);
            }
            else if (s >= 4 && Vector256.IsHardwareAccelerated)
            {
                VectorRadix4(ref At(xRe), ref At(xIm), ref At(yRe), ref At(yIm), quarter, s, twOffset);
            }
            else
            {
                ScalarRadix4(xRe, xIm, yRe, yIm, quarter, s, twOffset);
            }

            Swap(ref xRe, ref yRe);
            Swap(ref xIm, ref yIm);
            twOffset += quarter;
            n = quarter;
            s <<= 2;
        }

        if (_finalRadix2)
        {
            // The last stage has span 2 and unit twiddles.
            int q = 0;
            if (Vector256.IsHardwareAccelerated && xRe.Length >= 2 * s && xIm.Length >= 2 * s && yRe.Length >= 2 * s &&
                yIm.Length >= 2 * s)
            {
                ref double xr = ref MemoryMarshal.GetReference(xRe);
                ref double xi = ref MemoryMarshal.GetReference(xIm);
                ref double yr = ref MemoryMarshal.GetReference(yRe);
                ref double yi = ref MemoryMarshal.GetReference(yIm);
                for (; q + 4 <= s; q += 4)
                {
                    nuint a = (nuint)q, b = (nuint)(q + s);
                    var ar = Vector256.LoadUnsafe(ref xr, a);
                    var ai = Vector256.LoadUnsafe(ref xi, a);
                    var br = Vector256.LoadUnsafe(ref xr, b);
                    var bi = Vector256.LoadUnsafe(ref xi, b);
                    (ar + br).StoreUnsafe(ref yr, a);
                    (ai + bi).StoreUnsafe(ref yi, a);
                    (ar - br).StoreUnsafe(ref yr, b);
                    (ai - bi).StoreUnsafe(ref yi, b);
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

            Swap(ref xRe, ref yRe);
            Swap(ref xIm, ref yIm);
        }

        return new Spectrum(xRe, xIm);
    }

    /// <summary>First radix-4 stage (stride 1): four butterflies per instruction, outputs transposed into place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FirstRadix4(ref double xr, ref double xi, ref double yr, ref double yi, int quarter, int twOffset)
    {
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
    private void VectorRadix4(ref double xr, ref double xi, ref double yr, ref double yi, int quarter, int s, int twOffset)
    {
        for (int p = 0; p < quarter; p++)
        {
            nuint i0 = (nuint)(s * p), i1 = (nuint)(s * (p + quarter)), i2 = (nuint)(s * (p + (2 * quarter)));
            nuint i3 = (nuint)(s * (p + (3 * quarter)));
            nuint o0 = (nuint)(4 * s * p);
            if (p == 0)
            {
                for (nuint q = 0; q < (nuint)s; q += 4)
                {
                    var (r0, m0, r1, m1, r2, m2, r3, m3) = Radix4Unit<Vector256<double>, Lanes256>(
                        Vector256.LoadUnsafe(ref xr, i0 + q), Vector256.LoadUnsafe(ref xi, i0 + q),
                        Vector256.LoadUnsafe(ref xr, i1 + q), Vector256.LoadUnsafe(ref xi, i1 + q),
                        Vector256.LoadUnsafe(ref xr, i2 + q), Vector256.LoadUnsafe(ref xi, i2 + q),
                        Vector256.LoadUnsafe(ref xr, i3 + q), Vector256.LoadUnsafe(ref xi, i3 + q));
                    StoreQuad<Vector256<double>, Lanes256>(r0, m0, r1, m1, r2, m2, r3, m3, ref yr, ref yi, o0 + q, (nuint)s);
                }

                continue;
            }

            for (nuint q = 0; q < (nuint)s; q += 4)
            {
                var (r0, m0, r1, m1, r2, m2, r3, m3) = Butterfly(
                    Vector256.LoadUnsafe(ref xr, i0 + q), Vector256.LoadUnsafe(ref xi, i0 + q),
                    Vector256.LoadUnsafe(ref xr, i1 + q), Vector256.LoadUnsafe(ref xi, i1 + q),
                    Vector256.LoadUnsafe(ref xr, i2 + q), Vector256.LoadUnsafe(ref xi, i2 + q),
                    Vector256.LoadUnsafe(ref xr, i3 + q), Vector256.LoadUnsafe(ref xi, i3 + q),
                    twOffset + p, broadcast: true);
                StoreQuad<Vector256<double>, Lanes256>(r0, m0, r1, m1, r2, m2, r3, m3, ref yr, ref yi, o0 + q, (nuint)s);
            }
        }
    }

    /// <summary>A radix-4 stage with stride at least 8, eight butterflies per instruction (512-bit vectors).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WideRadix4(ref double xr, ref double xi, ref double yr, ref double yi, int quarter, int s, int twOffset)
    {
        {
            // p = 0: all three twiddles are exactly 1.
            nuint i1 = (nuint)(s * quarter), i2 = (nuint)(s * 2 * quarter), i3 = (nuint)(s * 3 * quarter);
            for (nuint q = 0; q < (nuint)s; q += 8)
            {
                var (r0, m0, r1, m1, r2, m2, r3, m3) = Radix4Unit<Vector512<double>, Lanes512>(
                    Vector512.LoadUnsafe(ref xr, q), Vector512.LoadUnsafe(ref xi, q),
                    Vector512.LoadUnsafe(ref xr, i1 + q), Vector512.LoadUnsafe(ref xi, i1 + q),
                    Vector512.LoadUnsafe(ref xr, i2 + q), Vector512.LoadUnsafe(ref xi, i2 + q),
                    Vector512.LoadUnsafe(ref xr, i3 + q), Vector512.LoadUnsafe(ref xi, i3 + q));
                StoreQuad<Vector512<double>, Lanes512>(r0, m0, r1, m1, r2, m2, r3, m3, ref yr, ref yi, q, (nuint)s);
            }
        }

        for (int p = 1; p < quarter; p++)
        {
            var (w1r, w1i, w2r, w2i, w3r, w3i) = WideTwiddles(twOffset + p);
            nuint i0 = (nuint)(s * p), i1 = (nuint)(s * (p + quarter)), i2 = (nuint)(s * (p + (2 * quarter)));
            nuint i3 = (nuint)(s * (p + (3 * quarter)));
            nuint o0 = (nuint)(4 * s * p);
            for (nuint q = 0; q < (nuint)s; q += 8)
            {
                var ar = Vector512.LoadUnsafe(ref xr, i0 + q);
                var ai = Vector512.LoadUnsafe(ref xi, i0 + q);
                var br = Vector512.LoadUnsafe(ref xr, i1 + q);
                var bi = Vector512.LoadUnsafe(ref xi, i1 + q);
                var cr = Vector512.LoadUnsafe(ref xr, i2 + q);
                var ci = Vector512.LoadUnsafe(ref xi, i2 + q);
                var dr = Vector512.LoadUnsafe(ref xr, i3 + q);
                var di = Vector512.LoadUnsafe(ref xi, i3 + q);
                var (r0, m0, r1, m1, r2, m2, r3, m3) = Radix4<Vector512<double>, Lanes512>(ar, ai, br, bi, cr, ci, dr, di, w1r, w1i, w2r, w2i, w3r, w3i);
                StoreQuad<Vector512<double>, Lanes512>(r0, m0, r1, m1, r2, m2, r3, m3, ref yr, ref yi, o0 + q, (nuint)s);
            }
        }
    }

    /// <summary>
    /// The last radix-4 stage (stride <paramref name="s"/>, quarter 2) and the final radix-2 stage (stride 4s) in
    /// one pass, eight butterflies per instruction; the same operations as the two passes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WideRadix8Tail(ref double xr, ref double xi, ref double yr, ref double yi, int s, int twOffset)
    {
        var (w1r, w1i, w2r, w2i, w3r, w3i) = WideTwiddles(twOffset + 1);
        nuint stride = (nuint)s, half = 4 * stride;
        for (nuint q = 0; q < stride; q += 8)
        {
            // Butterfly p = 0 reads s (0 + 2k) + q, p = 1 reads s (1 + 2k) + q; output r of p goes to 4 s p + r s + q,
            // and the radix-2 pass combines r s + q with 4 s + r s + q.
            var (a0r, a0i, a1r, a1i, a2r, a2i, a3r, a3i) = Radix4Unit<Vector512<double>, Lanes512>(
                Vector512.LoadUnsafe(ref xr, q), Vector512.LoadUnsafe(ref xi, q),
                Vector512.LoadUnsafe(ref xr, (2 * stride) + q), Vector512.LoadUnsafe(ref xi, (2 * stride) + q),
                Vector512.LoadUnsafe(ref xr, (4 * stride) + q), Vector512.LoadUnsafe(ref xi, (4 * stride) + q),
                Vector512.LoadUnsafe(ref xr, (6 * stride) + q), Vector512.LoadUnsafe(ref xi, (6 * stride) + q));
            nuint at = stride + q, step = 2 * stride;
            var (b0r, b0i, b1r, b1i, b2r, b2i, b3r, b3i) = Radix4<Vector512<double>, Lanes512>(
                Vector512.LoadUnsafe(ref xr, at), Vector512.LoadUnsafe(ref xi, at),
                Vector512.LoadUnsafe(ref xr, at + step), Vector512.LoadUnsafe(ref xi, at + step),
                Vector512.LoadUnsafe(ref xr, at + (2 * step)), Vector512.LoadUnsafe(ref xi, at + (2 * step)),
                Vector512.LoadUnsafe(ref xr, at + (3 * step)), Vector512.LoadUnsafe(ref xi, at + (3 * step)),
                w1r, w1i, w2r, w2i, w3r, w3i);
            TailPair(a0r, a0i, b0r, b0i, ref yr, ref yi, q, half);
            TailPair(a1r, a1i, b1r, b1i, ref yr, ref yi, stride + q, half);
            TailPair(a2r, a2i, b2r, b2i, ref yr, ref yi, (2 * stride) + q, half);
            TailPair(a3r, a3i, b3r, b3i, ref yr, ref yi, (3 * stride) + q, half);
        }
    }

    /// <summary>
    /// The first element of a work buffer, for the vector passes' unchecked loads and stores: every buffer holds
    /// the plan's N points and every pass reads and writes exactly N of them.
    /// </summary>
    private static ref double At(Span<double> buffer) => ref MemoryMarshal.GetReference(buffer);

    private static void Swap(ref Span<double> a, ref Span<double> b)
    {
        var t = a;
        a = b;
        b = t;
    }

    /// <summary>The twiddles w1, w2, w3 (re, im) at <paramref name="tw"/>, each broadcast to eight lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private (Vector512<double>, Vector512<double>, Vector512<double>, Vector512<double>, Vector512<double>,
        Vector512<double>) WideTwiddles(int tw) =>
        (Vector512.Create(_w1Re[tw]), Vector512.Create(_w1Im[tw]), Vector512.Create(_w2Re[tw]),
            Vector512.Create(_w2Im[tw]), Vector512.Create(_w3Re[tw]), Vector512.Create(_w3Im[tw]));

    /// <summary>The final radix-2 butterfly on two first-stage outputs, stored at at and at + half.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TailPair(Vector512<double> ar, Vector512<double> ai, Vector512<double> br, Vector512<double> bi,
        ref double yr, ref double yi, nuint at, nuint half)
    {
        (ar + br).StoreUnsafe(ref yr, at);
        (ai + bi).StoreUnsafe(ref yi, at);
        (ar - br).StoreUnsafe(ref yr, at + half);
        (ai - bi).StoreUnsafe(ref yi, at + half);
    }

    /// <summary>The 256-bit butterfly (<see cref="Radix4"/>) with its twiddles either per lane (p..p+3) or broadcast (p).</summary>
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

        return Radix4<Vector256<double>, Lanes256>(ar, ai, br, bi, cr, ci, dr, di, w1r, w1i, w2r, w2i, w3r, w3i);
    }

    /// <summary>
    /// The radix-4 decimation-in-frequency butterfly, written once for a scalar and for vectors of any width (each
    /// lane one butterfly; <typeparamref name="TLanes"/> supplies the arithmetic): outputs (a + c) + (b + d),
    /// w1 ((a - c) - i (b - d)), w2 ((a + c) - (b + d)) and w3 ((a - c) + i (b - d)), as (re, im) pairs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (T, T, T, T, T, T, T, T) Radix4<T, TLanes>(T ar, T ai, T br, T bi, T cr, T ci, T dr, T di,
        T w1r, T w1i, T w2r, T w2i, T w3r, T w3i)
        where TLanes : ILanes<T>
    {
        T t0r = TLanes.Add(ar, cr), t0i = TLanes.Add(ai, ci);
        T t1r = TLanes.Sub(ar, cr), t1i = TLanes.Sub(ai, ci);
        T t2r = TLanes.Add(br, dr), t2i = TLanes.Add(bi, di);
        T t3r = TLanes.Sub(br, dr), t3i = TLanes.Sub(bi, di);

        // -i (b - d) = (t3i, -t3r)
        T u1r = TLanes.Add(t1r, t3i), u1i = TLanes.Sub(t1i, t3r);
        T u2r = TLanes.Sub(t0r, t2r), u2i = TLanes.Sub(t0i, t2i);
        T u3r = TLanes.Sub(t1r, t3i), u3i = TLanes.Add(t1i, t3r);
        return (TLanes.Add(t0r, t2r), TLanes.Add(t0i, t2i),
            TLanes.Sub(TLanes.Mul(u1r, w1r), TLanes.Mul(u1i, w1i)), TLanes.Add(TLanes.Mul(u1r, w1i), TLanes.Mul(u1i, w1r)),
            TLanes.Sub(TLanes.Mul(u2r, w2r), TLanes.Mul(u2i, w2i)), TLanes.Add(TLanes.Mul(u2r, w2i), TLanes.Mul(u2i, w2r)),
            TLanes.Sub(TLanes.Mul(u3r, w3r), TLanes.Mul(u3i, w3i)), TLanes.Add(TLanes.Mul(u3r, w3i), TLanes.Mul(u3i, w3r)));
    }

    /// <summary>
    /// <see cref="Radix4{T, TLanes}"/> with all twiddles 1 (the butterflies at p = 0, and the whole last stage): the
    /// products by 1 and 0 are left out, which gives the same values (a zero's sign aside).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (T, T, T, T, T, T, T, T) Radix4Unit<T, TLanes>(T ar, T ai, T br, T bi, T cr, T ci, T dr, T di)
        where TLanes : ILanes<T>
    {
        T t0r = TLanes.Add(ar, cr), t0i = TLanes.Add(ai, ci);
        T t1r = TLanes.Sub(ar, cr), t1i = TLanes.Sub(ai, ci);
        T t2r = TLanes.Add(br, dr), t2i = TLanes.Add(bi, di);
        T t3r = TLanes.Sub(br, dr), t3i = TLanes.Sub(bi, di);
        return (TLanes.Add(t0r, t2r), TLanes.Add(t0i, t2i),
            TLanes.Add(t1r, t3i), TLanes.Sub(t1i, t3r),
            TLanes.Sub(t0r, t2r), TLanes.Sub(t0i, t2i),
            TLanes.Sub(t1r, t3i), TLanes.Add(t1i, t3r));
    }

    /// <summary>
    /// Stores a butterfly's four outputs (re into <paramref name="yr"/>, im into <paramref name="yi"/>) at
    /// <paramref name="at"/>, at + s, at + 2s and at + 3s.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreQuad<T, TLanes>(T r0, T m0, T r1, T m1, T r2, T m2, T r3, T m3, ref double yr, ref double yi,
        nuint at, nuint s)
        where TLanes : ILanes<T>
    {
        TLanes.Store(r0, ref yr, at);
        TLanes.Store(m0, ref yi, at);
        TLanes.Store(r1, ref yr, at + s);
        TLanes.Store(m1, ref yi, at + s);
        TLanes.Store(r2, ref yr, at + (2 * s));
        TLanes.Store(m2, ref yi, at + (2 * s));
        TLanes.Store(r3, ref yr, at + (3 * s));
        TLanes.Store(m3, ref yi, at + (3 * s));
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

    private void ScalarRadix4(Span<double> xRe, Span<double> xIm, Span<double> yRe, Span<double> yIm, int quarter, int s, int twOffset)
    {
        for (int p = 0; p < quarter; p++)
        {
            int tw = twOffset + p;
            double w1r = _w1Re[tw], w1i = _w1Im[tw], w2r = _w2Re[tw], w2i = _w2Im[tw], w3r = _w3Re[tw], w3i = _w3Im[tw];
            int i0 = s * p, i1 = s * (p + quarter), i2 = s * (p + (2 * quarter)), i3 = s * (p + (3 * quarter));
            int o0 = 4 * s * p;
            for (int q = 0; q < s; q++)
            {
                var (r0, m0, r1, m1, r2, m2, r3, m3) = Radix4<double, ScalarLanes>(xRe[i0 + q], xIm[i0 + q], xRe[i1 + q], xIm[i1 + q],
                    xRe[i2 + q], xIm[i2 + q], xRe[i3 + q], xIm[i3 + q], w1r, w1i, w2r, w2i, w3r, w3i);
                yRe[o0 + q] = r0;
                yIm[o0 + q] = m0;
                yRe[o0 + s + q] = r1;
                yIm[o0 + s + q] = m1;
                yRe[o0 + (2 * s) + q] = r2;
                yIm[o0 + (2 * s) + q] = m2;
                yRe[o0 + (3 * s) + q] = r3;
                yIm[o0 + (3 * s) + q] = m3;
            }
        }
    }

    /// <summary>The arithmetic of one butterfly lane type: a scalar, or a vector whose lanes are separate butterflies.</summary>
    private interface ILanes<T>
    {
        static abstract T Add(T a, T b);

        static abstract T Sub(T a, T b);

        static abstract T Mul(T a, T b);

        static abstract void Store(T value, ref double destination, nuint offset);
    }

    private readonly struct ScalarLanes : ILanes<double>
    {
        public static double Add(double a, double b) => a + b;

        public static double Sub(double a, double b) => a - b;

        public static double Mul(double a, double b) => a * b;

        public static void Store(double value, ref double destination, nuint offset) => Unsafe.Add(ref destination, offset) = value;
    }

    private readonly struct Lanes256 : ILanes<Vector256<double>>
    {
        public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

        public static Vector256<double> Sub(Vector256<double> a, Vector256<double> b) => a - b;

        public static Vector256<double> Mul(Vector256<double> a, Vector256<double> b) => a * b;

        public static void Store(Vector256<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    }

    private readonly struct Lanes512 : ILanes<Vector512<double>>
    {
        public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

        public static Vector512<double> Sub(Vector512<double> a, Vector512<double> b) => a - b;

        public static Vector512<double> Mul(Vector512<double> a, Vector512<double> b) => a * b;

        public static void Store(Vector512<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);
    }
}
