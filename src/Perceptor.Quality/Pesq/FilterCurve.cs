using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Perceptor.Audio.Dsp;
using Perceptor.Quality.Dsp;

namespace Perceptor.Quality.Pesq;

/// <summary>
/// A piecewise-linear gain curve (Hz, dB) applied in the frequency domain, normalised to 0 dB at 1 kHz (P.862
/// 10.1.1 and 10.1.2). The per-bin linear gains for a given FFT length and rate are computed once and shared.
/// </summary>
internal sealed class FilterCurve
{
    /// <summary>The band-pass used only to measure the level before calibration (flat 350-3250 Hz).</summary>
    public static readonly FilterCurve LevelAlignment = new(
        [0, 50, 100, 125, 160, 200, 250, 300, 350, 400, 500, 600, 630, 800, 1000, 1250, 1600, 2000, 2500, 3000,
            3250, 3500, 4000, 5000, 6300, 8000],
        [-500, -500, -500, -500, -500, -500, -500, -500, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -500, -500, -500,
            -500, -500]);

    /// <summary>The IRS receive characteristic of a narrowband handset (P.862 10.1.2).</summary>
    public static readonly FilterCurve IrsReceive = new(
        [0, 50, 100, 125, 160, 200, 250, 300, 350, 400, 500, 600, 700, 800, 1000, 1300, 1600, 2000, 2500, 3000,
            3250, 3500, 4000, 5000, 6300, 8000],
        [-200, -40, -20, -12, -6, 0, 4, 6, 8, 10, 11, 12, 12, 12, 12, 12, 12, 12, 12, 12, 12, 4, -200, -200, -200,
            -200]);

    private readonly double[] _hz;
    private readonly double[] _db;
    private readonly ConcurrentDictionary<(int Length, int Rate), float[]> _gains = new();

    private FilterCurve(double[] hz, double[] db)
    {
        _hz = hz;
        _db = db;
    }

    /// <summary>The curve in dB at <paramref name="hz"/>: linear interpolation, extrapolated from the end segments.</summary>
    public double ValueAt(double hz)
    {
        int last = _hz.Length - 1;
        int i;
        if (hz <= _hz[0])
        {
            i = 0;
        }
        else if (hz >= _hz[last])
        {
            i = last - 1;
        }
        else
        {
            i = 0;
            while (_hz[i + 1] < hz)
            {
                i++;
            }
        }

        double slope = (_db[i + 1] - _db[i]) / (_hz[i + 1] - _hz[i]);
        return _db[i] + (slope * (hz - _hz[i]));
    }

    /// <summary>
    /// Linear gains for bins 0..length/2 of a <paramref name="length"/>-point real FFT at <paramref name="sampleRate"/>,
    /// relative to the gain at 1 kHz, each rounded once to single precision.
    /// </summary>
    public float[] Gains(int length, int sampleRate) => _gains.GetOrAdd((length, sampleRate), Build, this);

    /// <summary>
    /// Filters the signal whose spectrum is (<paramref name="re"/>, <paramref name="im"/>) with this curve times
    /// <paramref name="scale"/> and writes the first <paramref name="output"/>.Length time samples (circular, as the
    /// standard's FFT-domain filter is).
    /// </summary>
    public void Apply(RealFft plan, ReadOnlySpan<double> re, ReadOnlySpan<double> im, double scale, int sampleRate,
        Span<double> scratchRe, Span<double> scratchIm, Span<double> output)
    {
        float[] gains = Gains(plan.Length, sampleRate);
        int bins = plan.Bins;
        int k = 0;
        if (Vector256.IsHardwareAccelerated && re.Length >= bins && im.Length >= bins && scratchRe.Length >= bins &&
            scratchIm.Length >= bins)
        {
            var s = Vector256.Create(scale);
            ref float gRef = ref MemoryMarshal.GetArrayDataReference(gains);
            ref double reRef = ref MemoryMarshal.GetReference(re);
            ref double imRef = ref MemoryMarshal.GetReference(im);
            ref double outRe = ref MemoryMarshal.GetReference(scratchRe);
            ref double outIm = ref MemoryMarshal.GetReference(scratchIm);
            for (; k + 4 <= bins; k += 4)
            {
                var g = Vector256.WidenLower(Vector128.LoadUnsafe(ref gRef, (nuint)k).ToVector256()) * s;
                (Vector256.LoadUnsafe(ref reRef, (nuint)k) * g).StoreUnsafe(ref outRe, (nuint)k);
                (Vector256.LoadUnsafe(ref imRef, (nuint)k) * g).StoreUnsafe(ref outIm, (nuint)k);
            }
        }

        for (; k < bins; k++)
        {
            double g = gains[k] * scale;
            scratchRe[k] = re[k] * g;
            scratchIm[k] = im[k] * g;
        }

        plan.Inverse(scratchRe[..bins], scratchIm[..bins], output);
    }

    private static float[] Build((int Length, int Rate) key, FilterCurve curve)
    {
        double reference = curve.ValueAt(1000);
        var gains = new float[(key.Length / 2) + 1];
        for (int k = 0; k < gains.Length; k++)
        {
            double hz = (double)k * key.Rate / key.Length;
            gains[k] = (float)Math.Pow(10, (curve.ValueAt(hz) - reference) / 20);
        }

        return gains;
    }
}
