using TorchSharp;
using static TorchSharp.torch;

namespace Perceptor.Models;

/// <summary>
/// Tensor arithmetic with numbers through Scalars this code owns. Use these instead of TorchSharp's number
/// overloads and operators (<c>x.pow(0.3)</c>, <c>x * 0.3</c>, <c>a + b</c>, <c>x.square()</c>, <c>ToDouble()</c>).
/// </summary>
/// <remarks>
/// TorchSharp turns a number into a native <see cref="Scalar"/> through an implicit conversion (and does the same
/// inside its operators, <c>add(Tensor)</c>'s alpha of 1 and <c>square()</c>'s exponent 2) and never disposes it.
/// Once the native call has read the handle, nothing references the managed wrapper, so the garbage collector may
/// finalize it, freeing the native scalar while libtorch is still reading it: a rare, random crash
/// ("INTERNAL ASSERT FAILED at c10/core/Scalar.h"). Here every Scalar is either a <c>using</c> local that outlives
/// the call or one of the cached constants below, which are immutable, shared by all threads and never disposed.
/// Each method calls the very libtorch operation that the TorchSharp shorthand calls, with the same values, so
/// results are bit-identical. The build rejects the shorthands (analyzer rules PCP0001 to PCP0003).
/// </remarks>
public static class TorchScalars
{
    /// <summary>The number 1 (the alpha of a plain tensor sum).</summary>
    public static Scalar One { get; } = 1.ToScalar();

    /// <summary>The number 2 (the exponent of a square).</summary>
    public static Scalar Two { get; } = 2.ToScalar();

    /// <summary>a + b (what TorchSharp's <c>a + b</c> computes, add with alpha 1).</summary>
    public static Tensor Plus(this Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.add(b, One);
    }

    /// <summary>a += b in place (TorchSharp's <c>a.add_(b)</c>).</summary>
    public static Tensor PlusInPlace(this Tensor a, Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.add_(b, One);
    }

    /// <summary>x²  (TorchSharp's <c>x.square()</c>, which is pow with exponent 2).</summary>
    public static Tensor Squared(this Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        return x.pow(Two);
    }

    /// <summary>x + value.</summary>
    public static Tensor AddScalar(this Tensor x, double value)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = value.ToScalar();
        return x.add(s, One);
    }

    /// <summary>x + value, with an integer Scalar (keeps an integer tensor integer).</summary>
    public static Tensor AddScalar(this Tensor x, long value)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = value.ToScalar();
        return x.add(s, One);
    }

    /// <summary>x − value.</summary>
    public static Tensor SubScalar(this Tensor x, double value)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = value.ToScalar();
        return x.sub(s);
    }

    /// <summary>x − value, with an integer Scalar.</summary>
    public static Tensor SubScalar(this Tensor x, long value)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = value.ToScalar();
        return x.sub(s);
    }

    /// <summary>value − x (TorchSharp's <c>value - x</c>: −x + value).</summary>
    public static Tensor RSubScalar(this Tensor x, double value)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = value.ToScalar();
        using var negated = x.negative();
        return negated.add(s, One);
    }

    /// <summary>x · value.</summary>
    public static Tensor MulScalar(this Tensor x, double value)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = value.ToScalar();
        return x.mul(s);
    }

    /// <summary>x · value, with an integer Scalar.</summary>
    public static Tensor MulScalar(this Tensor x, long value)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = value.ToScalar();
        return x.mul(s);
    }

    /// <summary>x / value.</summary>
    public static Tensor DivScalar(this Tensor x, double value)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = value.ToScalar();
        return x.div(s);
    }

    /// <summary>x / value, with an integer Scalar (true division, as TorchSharp's <c>x / n</c>).</summary>
    public static Tensor DivScalar(this Tensor x, long value)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = value.ToScalar();
        return x.div(s);
    }

    /// <summary>x ^ exponent.</summary>
    public static Tensor PowScalar(this Tensor x, double exponent)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = exponent.ToScalar();
        return x.pow(s);
    }

    /// <summary>x limited to [min, max].</summary>
    public static Tensor ClampScalar(this Tensor x, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var lo = min.ToScalar();
        using var hi = max.ToScalar();
        return x.clamp(lo, hi);
    }

    /// <summary>x limited to [min, max], with integer Scalars (keeps an integer tensor integer).</summary>
    public static Tensor ClampScalar(this Tensor x, long min, long max)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var lo = min.ToScalar();
        using var hi = max.ToScalar();
        return x.clamp(lo, hi);
    }

    /// <summary>x filled with value in place.</summary>
    public static Tensor FillScalar(this Tensor x, double value)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = value.ToScalar();
        return x.fill_(s);
    }

    /// <summary>0, 1, …, length − 1 (TorchSharp's <c>arange(length)</c>).</summary>
    public static Tensor Range(long length, ScalarType dtype, Device? device = null)
    {
        using var start = 0.ToScalar();
        using var stop = length.ToScalar();
        return arange(start, stop, One, dtype, device);
    }

    /// <summary>The value of a one-element tensor as a double (TorchSharp's <c>ToDouble()</c>).</summary>
    public static double ToDoubleValue(this Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = x.ToScalar();
        return s.ToDouble();
    }

    /// <summary>The value of a one-element tensor as a float (TorchSharp's <c>ToSingle()</c>).</summary>
    public static float ToSingleValue(this Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = x.ToScalar();
        return s.ToSingle();
    }

    /// <summary>The value of a one-element tensor as a bool (TorchSharp's <c>ToBoolean()</c>).</summary>
    public static bool ToBooleanValue(this Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = x.ToScalar();
        return s.ToBoolean();
    }

    /// <summary>x == value, element-wise.</summary>
    public static Tensor EqScalar(this Tensor x, double value)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = value.ToScalar();
        return x.eq(s);
    }

    /// <summary>x &gt; value, element-wise.</summary>
    public static Tensor GtScalar(this Tensor x, double value)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = value.ToScalar();
        return x.gt(s);
    }

    /// <summary>x &lt; value, element-wise.</summary>
    public static Tensor LtScalar(this Tensor x, double value)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var s = value.ToScalar();
        return x.lt(s);
    }

    /// <summary>
    /// A batch-norm module's forward pass (what its <c>forward</c> computes) with the batch counter advanced by an
    /// owned Scalar: TorchSharp's <c>BatchNorm.forward</c> adds a number to <c>num_batches_tracked</c> in training mode.
    /// </summary>
    public static Tensor Normalize(this TorchSharp.Modules.BatchNorm norm, Tensor input)
    {
        ArgumentNullException.ThrowIfNull(norm);
        double factor = norm.momentum ?? 0.0;
        if (norm.training && norm.track_running_stats && norm.num_batches_tracked is { } batches)
        {
            batches.add_(One, One);
            if (norm.momentum is null or 0.0)
            {
                factor = 1.0 / batches.ToDoubleValue(); // cumulative average
            }
        }

        bool useBatchStatistics = norm.training || norm.running_mean is null || norm.running_var is null;
        bool passRunning = !norm.training || norm.track_running_stats;
        return nn.functional.batch_norm(input, passRunning ? norm.running_mean : null, passRunning ? norm.running_var : null,
            norm.affine ? norm.weight : null, norm.affine ? norm.bias : null, useBatchStatistics, factor, norm.eps);
    }
}
