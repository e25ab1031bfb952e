using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Perceptor.Quality.Pesq;

/// <summary>
/// The filters between level alignment and the model (P.862 10.1.2, P.862.2 clause 2): the listening-condition
/// filter that both the model and the alignment see (IRS receive in narrowband, the 100 Hz high-pass of P.862.2 in
/// wideband), and the DC removal and IIR cascade that only the voice activity detection and time alignment see.
/// Sample arithmetic is single precision, as in the standard.
/// </summary>
internal static class InputFilters
{
    /// <summary>Samples ramped in at each end of the signal before the wideband filter (P.862.2).</summary>
    private const int WidebandRamp = 16;

    /// <summary>
    /// P.862.2 receive filter on the signal regions of both signals (the original samples, without margins or pad;
    /// <paramref name="second"/> may be empty): a 16-sample linear ramp in and out, then one second-order high-pass
    /// section with zero initial state. The two recursions run in one loop so that each hides the other's latency.
    /// </summary>
    public static void WidebandReceive(Span<float> first, Span<float> second)
    {
        Ramp(first);
        Ramp(second);
        SectionPair(first, second, InputCascades.WidebandReceive);
    }

    private static void Ramp(Span<float> region)
    {
        int n = region.Length;
        int ramp = Math.Min(WidebandRamp, n);
        for (int k = 0; k < ramp; k++)
        {
            float g = (k + 1) / (float)WidebandRamp;
            region[k] *= g;
            region[n - 1 - k] *= g;
        }
    }

    /// <summary>One section over two buffers at once; identical to <see cref="Section"/> on each.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SectionPair(Span<float> x, Span<float> y, Biquad c)
    {
        float xw1 = 0, xw2 = 0, yw1 = 0, yw2 = 0;
        float b0 = c.B0, b1 = c.B1, b2 = c.B2, a1 = c.A1, a2 = c.A2;
        int common = Math.Min(x.Length, y.Length);
        for (int i = 0; i < common; i++)
        {
            float xw = x[i] - (a1 * xw1) - (a2 * xw2);
            float yw = y[i] - (a1 * yw1) - (a2 * yw2);
            x[i] = (b0 * xw) + (b1 * xw1) + (b2 * xw2);
            y[i] = (b0 * yw) + (b1 * yw1) + (b2 * yw2);
            xw2 = xw1;
            xw1 = xw;
            yw2 = yw1;
            yw1 = yw;
        }

        var rest = x.Length > common ? x[common..] : y[common..];
        float w1 = x.Length > common ? xw1 : yw1, w2 = x.Length > common ? xw2 : yw2;
        for (int i = 0; i < rest.Length; i++)
        {
            float w = rest[i] - (a1 * w1) - (a2 * w2);
            rest[i] = (b0 * w) + (b1 * w1) + (b2 * w2);
            w2 = w1;
            w1 = w;
        }
    }

    /// <summary>
    /// Removes the DC of the signal region [margin, nominal - margin) and ramps its first and last
    /// <paramref name="window"/> samples. The mean divides the region's sum by the whole nominal length, as the
    /// standard does.
    /// </summary>
    public static void RemoveDc(Span<float> buffer, int nominal, int margin, int window)
    {
        int start = margin, end = nominal - margin;
        double sum = 0;
        for (int i = start; i < end; i++)
        {
            sum += buffer[i];
        }

        float mean = (float)(sum / nominal);
        var region = buffer[start..end];
        int j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var m = Vector256.Create(mean);
            ref float r = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(region);
            for (; j + 8 <= region.Length; j += 8)
            {
                (Vector256.LoadUnsafe(ref r, (nuint)j) - m).StoreUnsafe(ref r, (nuint)j);
            }
        }

        for (; j < region.Length; j++)
        {
            region[j] -= mean;
        }

        for (int k = 0; k < window; k++)
        {
            float g = (0.5f + k) / window;
            buffer[start + k] *= g;
            buffer[end - 1 - k] *= g;
        }
    }

    /// <summary>Applies <paramref name="sections"/> in order over the whole buffer, each from zero state.</summary>
    public static void Cascade(Span<float> buffer, Biquad[] sections)
    {
        foreach (var section in sections)
        {
            Section(buffer, section);
        }
    }

    /// <summary>
    /// Samples each buffer given to <see cref="CascadePair"/> must have beyond the longer signal (cleared and
    /// overwritten there): enough for the pipeline of up to 16 sections to drain.
    /// </summary>
    public const int CascadeSlack = 32;

    /// <summary>
    /// Applies the same cascade to two buffers, with results identical to <see cref="Cascade"/> on each. Where
    /// 512-bit vectors are available the sections run as a skewed pipeline, one vector lane per section, lane k
    /// working on the sample 2k steps behind lane 0: a section's output enters the next section two steps after it
    /// is computed, so a step waits only for each section's own recursion, not for the section before it. Every
    /// lane performs exactly the scalar section's single-precision operations. Both buffers need
    /// <see cref="CascadeSlack"/> samples beyond the longer of the two lengths.
    /// </summary>
    public static void CascadePair(float[] first, int firstLength, float[] second, int secondLength, Biquad[] sections)
    {
        int stages = sections.Length;
        int longest = Math.Max(firstLength, secondLength);
        if (!Avx512F.IsSupported || stages > Vector512<float>.Count || first.Length < longest + CascadeSlack ||
            second.Length < longest + CascadeSlack)
        {
            Cascade(first.AsSpan(0, firstLength), sections);
            Cascade(second.AsSpan(0, secondLength), sections);
            return;
        }

        Span<float> b0 = stackalloc float[16], b1 = stackalloc float[16], b2 = stackalloc float[16];
        Span<float> a1 = stackalloc float[16], a2 = stackalloc float[16];
        b0.Clear();
        b1.Clear();
        b2.Clear();
        a1.Clear();
        a2.Clear();
        for (int k = 0; k < stages; k++)
        {
            b0[k] = sections[k].B0;
            b1[k] = sections[k].B1;
            b2[k] = sections[k].B2;
            a1[k] = sections[k].A1;
            a2[k] = sections[k].A2;
        }

        var vb0 = Vector512.Create<float>(b0);
        var vb1 = Vector512.Create<float>(b1);
        var vb2 = Vector512.Create<float>(b2);
        var va1 = Vector512.Create<float>(a1);
        var va2 = Vector512.Create<float>(a2);

        // Inputs past each signal's end are zeros (the buffers' tails are cleared for that); the loop reads them.
        first.AsSpan(firstLength, longest + CascadeSlack - firstLength).Clear();
        second.AsSpan(secondLength, longest + CascadeSlack - secondLength).Clear();
        Pipeline(first, second, longest, stages - 1, vb0, vb1, vb2, va1, va2);
    }

    /// <summary>
    /// The pipelined loop of <see cref="CascadePair"/> over <paramref name="longest"/> samples with sections
    /// 0..<paramref name="last"/> in the lanes of the coefficient vectors (kept apart from the set-up, whose stack
    /// buffers would make the JIT keep the loop's vectors in memory).
    /// </summary>
    private static void Pipeline(float[] first, float[] second, int longest, int last, Vector512<float> vb0,
        Vector512<float> vb1, Vector512<float> vb2, Vector512<float> va1, Vector512<float> va2)
    {
        var xw1 = Vector512<float>.Zero;
        var xw2 = Vector512<float>.Zero;
        var xy1 = Vector512<float>.Zero;
        var xy2 = Vector512<float>.Zero;
        var yw1 = Vector512<float>.Zero;
        var yw2 = Vector512<float>.Zero;
        var yy1 = Vector512<float>.Zero;
        var yy2 = Vector512<float>.Zero;
        int lag = 2 * last;
        int steps = longest + lag;

        // Lane k takes lane k - 1 of the outputs of two steps before and lane 0 the new sample, in one two-source
        // permute (index 16 is lane 0 of the second source); the last section's output is moved to lane 0 to be
        // stored.
        var shiftIn = Vector512.Create(16, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
        var lastLane = Vector512.Create(last);
        for (int n = 0; n < steps; n++)
        {
            var xin = Avx512F.PermuteVar16x32x2(xy2, shiftIn, Vector512.CreateScalarUnsafe(first[n]));
            var yin = Avx512F.PermuteVar16x32x2(yy2, shiftIn, Vector512.CreateScalarUnsafe(second[n]));
            var xw = xin - (va1 * xw1) - (va2 * xw2);
            var yw = yin - (va1 * yw1) - (va2 * yw2);
            xy2 = xy1;
            yy2 = yy1;
            xy1 = (vb0 * xw) + (vb1 * xw1) + (vb2 * xw2);
            yy1 = (vb0 * yw) + (vb1 * yw1) + (vb2 * yw2);
            xw2 = xw1;
            xw1 = xw;
            yw2 = yw1;
            yw1 = yw;
            int done = n - lag;
            if (done >= 0)
            {
                first[done] = Avx512F.PermuteVar16x32(xy1, lastLane).ToScalar();
                second[done] = Avx512F.PermuteVar16x32(yy1, lastLane).ToScalar();
            }
        }
    }

    /// <summary>One section in place, zero initial state, single-precision arithmetic in the published order.</summary>
    public static void Section(Span<float> x, Biquad c)
    {
        float w1 = 0, w2 = 0;
        float b0 = c.B0, b1 = c.B1, b2 = c.B2, a1 = c.A1, a2 = c.A2;
        for (int i = 0; i < x.Length; i++)
        {
            float w = x[i] - (a1 * w1) - (a2 * w2);
            x[i] = (b0 * w) + (b1 * w1) + (b2 * w2);
            w2 = w1;
            w1 = w;
        }
    }
}
