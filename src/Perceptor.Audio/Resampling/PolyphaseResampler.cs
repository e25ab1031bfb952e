using System.Numerics;
using Perceptor.Audio.Dsp;

namespace Perceptor.Audio.Resampling;

/// <summary>
/// Band-limited rational resampling by up/down (reduced by their gcd), equivalent to scipy's
/// <c>resample_poly(x, up, down)</c> with its default Kaiser(β = 5) window: a low-pass FIR of 2·h + 1 taps,
/// h = 10·max(up, down), cutoff 1/max(up, down) of Nyquist, unit DC gain, multiplied by up; output sample m is
/// y[m] = Σ_n x[n]·g[m·down − n·up + h] (the filter's delay removed, samples outside the input taken as zero) and the
/// output has ⌈L·up/down⌉ samples. The filter is stored as up polyphase branches so each output costs about
/// (2h + 1)/up multiply-adds. Immutable after construction: one instance may serve any number of threads.
/// </summary>
public sealed class PolyphaseResampler
{
    /// <summary>Kaiser β of the design (scipy's default window for resample_poly).</summary>
    public const double KaiserBeta = 5.0;

    /// <summary>Filter half-length per unit of max(up, down).</summary>
    public const int HalfLengthFactor = 10;

    private readonly double[] _taps;
    private readonly double[] _branches;
    private readonly int _tapsPerBranch;

    /// <summary>Creates a plan for the ratio <paramref name="up"/>/<paramref name="down"/> (reduced by their gcd).</summary>
    public PolyphaseResampler(int up, int down)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(up, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(down, 1);
        int g = Gcd(up, down);
        Up = up / g;
        Down = down / g;
        int maxRate = Math.Max(Up, Down);
        HalfLength = HalfLengthFactor * maxRate;
        _taps = FirDesign.KaiserLowpass((2 * HalfLength) + 1, 1.0 / maxRate, KaiserBeta);
        for (int i = 0; i < _taps.Length; i++)
        {
            _taps[i] *= Up;
        }

        _tapsPerBranch = (_taps.Length + Up - 1) / Up;
        _branches = new double[Up * _tapsPerBranch];
        for (int i = 0; i < _taps.Length; i++)
        {
            _branches[((i % Up) * _tapsPerBranch) + (i / Up)] = _taps[i];
        }
    }

    /// <summary>Interpolation factor after reduction.</summary>
    public int Up { get; }

    /// <summary>Decimation factor after reduction.</summary>
    public int Down { get; }

    /// <summary>Filter half-length h in taps (the filter has 2h + 1).</summary>
    public int HalfLength { get; }

    /// <summary>The filter taps including the gain of <see cref="Up"/>.</summary>
    public ReadOnlySpan<double> Taps => _taps;

    /// <summary>True when up = down = 1 after reduction (output is a copy of the input).</summary>
    public bool IsIdentity => Up == 1 && Down == 1;

    /// <summary>A plan converting <paramref name="fromRate"/> Hz to <paramref name="toRate"/> Hz.</summary>
    public static PolyphaseResampler ForRates(int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(toRate, 1);
        return new PolyphaseResampler(toRate, fromRate);
    }

    /// <summary>Output length for <paramref name="inputLength"/> input samples: ⌈L·up/down⌉.</summary>
    public int OutputLength(int inputLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(inputLength);
        long n = ((long)inputLength * Up) + Down - 1;
        long length = n / Down;
        return length > int.MaxValue
            ? throw new ArgumentOutOfRangeException(nameof(inputLength), "output would exceed 2^31 samples")
            : (int)length;
    }

    /// <summary>Resamples <paramref name="input"/> into <paramref name="output"/> (exactly <see cref="OutputLength"/> long).</summary>
    public void Process(ReadOnlySpan<float> input, Span<float> output) => Run(input, output);

    /// <summary>Resamples <paramref name="input"/> into <paramref name="output"/> (exactly <see cref="OutputLength"/> long).</summary>
    public void Process(ReadOnlySpan<double> input, Span<double> output) => Run(input, output);

    /// <summary>Resamples float <paramref name="input"/> into double <paramref name="output"/>.</summary>
    public void Process(ReadOnlySpan<float> input, Span<double> output) => Run(input, output);

    /// <summary>Resamples <paramref name="input"/> into a new array.</summary>
    public float[] Process(ReadOnlySpan<float> input)
    {
        var output = new float[OutputLength(input.Length)];
        Run(input, output.AsSpan());
        return output;
    }

    private void Run<TIn, TOut>(ReadOnlySpan<TIn> input, Span<TOut> output)
        where TIn : INumberBase<TIn>
        where TOut : INumberBase<TOut>
    {
        int outLength = OutputLength(input.Length);
        if (output.Length != outLength)
        {
            throw new ArgumentException(
                $"output has {output.Length} samples; {input.Length} input samples at {Up}/{Down} give {outLength}",
                nameof(output));
        }

        if (IsIdentity)
        {
            for (int i = 0; i < input.Length; i++)
            {
                output[i] = TOut.CreateTruncating(input[i]);
            }

            return;
        }

        ReadOnlySpan<double> branches = _branches;
        int last = input.Length - 1;
        for (int m = 0; m < outLength; m++)
        {
            // Position of output m on the up-sampled grid, shifted by the filter delay.
            long t = ((long)m * Down) + HalfLength;
            int phase = (int)(t % Up);
            long newest = t / Up;
            int kFirst = (int)Math.Max(0, newest - last);
            int kLast = (int)Math.Min(_tapsPerBranch - 1, newest);
            ReadOnlySpan<double> g = branches.Slice(phase * _tapsPerBranch, _tapsPerBranch);
            double acc = 0;
            for (int k = kFirst; k <= kLast; k++)
            {
                acc += g[k] * double.CreateTruncating(input[(int)(newest - k)]);
            }

            output[m] = TOut.CreateTruncating(acc);
        }
    }

    private static int Gcd(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
