using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Perceptor.Quality.Dsp;

/// <summary>
/// Vectorised sample loops whose results equal their obvious scalar versions exactly (element-wise operations;
/// reductions that are order-independent, or whose order only matters below the precision kept).
/// </summary>
internal static class SampleMath
{
    /// <summary>Largest |x| (0 for an empty span). Inputs must be finite.</summary>
    public static float PeakMagnitude(ReadOnlySpan<float> x)
    {
        int i = 0;
        float peak = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            ref float src = ref MemoryMarshal.GetReference(x);
            var best = Vector256<float>.Zero;
            for (; i + 8 <= x.Length; i += 8)
            {
                best = Vector256.Max(best, Vector256.Abs(Vector256.LoadUnsafe(ref src, (nuint)i)));
            }

            for (int k = 0; k < 8; k++)
            {
                peak = Math.Max(peak, best.GetElement(k));
            }
        }

        for (; i < x.Length; i++)
        {
            peak = Math.Max(peak, Math.Abs(x[i]));
        }

        return peak;
    }

    /// <summary>True when no sample is NaN or infinite.</summary>
    public static bool AllFinite(ReadOnlySpan<float> x)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated && x.Length >= 8)
        {
            // x - x is 0 for finite x and NaN otherwise; NaN survives the sum.
            ref float src = ref MemoryMarshal.GetReference(x);
            var acc = Vector256<float>.Zero;
            for (; i + 8 <= x.Length; i += 8)
            {
                var v = Vector256.LoadUnsafe(ref src, (nuint)i);
                acc += v - v;
            }

            if (!Vector256.EqualsAll(acc, Vector256<float>.Zero))
            {
                return false;
            }
        }

        for (; i < x.Length; i++)
        {
            if (!float.IsFinite(x[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>destination[i] = (float)(source[i] / divisor), the division in double precision.</summary>
    public static void DivideToFloat(ReadOnlySpan<float> source, double divisor, Span<float> destination)
    {
        int n = source.Length;
        destination = destination[..n];
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float src = ref MemoryMarshal.GetReference(source);
            ref float dst = ref MemoryMarshal.GetReference(destination);
            var d = Vector256.Create(divisor);
            for (; i + 8 <= n; i += 8)
            {
                var (lo, hi) = Vector256.Widen(Vector256.LoadUnsafe(ref src, (nuint)i));
                Vector256.Narrow(lo / d, hi / d).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = (float)(source[i] / divisor);
        }
    }

    /// <summary>destination[i] = (float)source[i].</summary>
    public static void ToFloat(ReadOnlySpan<double> source, Span<float> destination)
    {
        int n = source.Length;
        destination = destination[..n];
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double src = ref MemoryMarshal.GetReference(source);
            ref float dst = ref MemoryMarshal.GetReference(destination);
            for (; i + 8 <= n; i += 8)
            {
                Vector256.Narrow(Vector256.LoadUnsafe(ref src, (nuint)i), Vector256.LoadUnsafe(ref src, (nuint)(i + 4)))
                    .StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = (float)source[i];
        }
    }

    /// <summary>destination[i] = source[i] * gain in single precision.</summary>
    public static void Multiply(ReadOnlySpan<float> source, float gain, Span<float> destination)
    {
        int n = source.Length;
        destination = destination[..n];
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float src = ref MemoryMarshal.GetReference(source);
            ref float dst = ref MemoryMarshal.GetReference(destination);
            var g = Vector256.Create(gain);
            for (; i + 8 <= n; i += 8)
            {
                (Vector256.LoadUnsafe(ref src, (nuint)i) * g).StoreUnsafe(ref dst, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            destination[i] = source[i] * gain;
        }
    }

    /// <summary>Sum of squares of the values rounded to single precision, accumulated in double.</summary>
    public static double SumSquaresAsFloat(ReadOnlySpan<double> x)
    {
        int n = x.Length;
        int i = 0;
        double sum = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double src = ref MemoryMarshal.GetReference(x);
            var acc = Vector256<double>.Zero;
            for (; i + 8 <= n; i += 8)
            {
                var f = Vector256.Narrow(Vector256.LoadUnsafe(ref src, (nuint)i), Vector256.LoadUnsafe(ref src, (nuint)(i + 4)));
                var (lo, hi) = Vector256.Widen(f);
                acc += (lo * lo) + (hi * hi);
            }

            sum = Vector256.Sum(acc);
        }

        for (; i < n; i++)
        {
            double y = (float)x[i];
            sum += y * y;
        }

        return sum;
    }
}
