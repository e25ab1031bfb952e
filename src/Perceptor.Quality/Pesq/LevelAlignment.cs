using Perceptor.Audio.Dsp;
using Perceptor.Quality.Dsp;

namespace Perceptor.Quality.Pesq;

/// <summary>
/// Level alignment (P.862 10.1.1): both signals are brought to the same calibrated power, 10^7 after a band-pass
/// (350 Hz to 3.25 kHz) that is used only to measure the level. The band-pass is applied in the frequency domain
/// over the signal plus the 320 ms pad, and the power is divided by the common length of the longer signal, so
/// the reference and the degraded signal are measured on the same footing.
/// </summary>
internal static class LevelAlignment
{
    /// <summary>The calibrated power both signals are scaled to.</summary>
    public const double TargetPower = 1e7;

    /// <summary>
    /// Mean power of the band-passed region whose spectrum is (<paramref name="re"/>, <paramref name="im"/>):
    /// the sum of squares of the first <paramref name="regionLength"/> filtered samples divided by
    /// <paramref name="divisor"/> (the common nominal length less the margins plus the pad).
    /// </summary>
    public static double BandPower(RealFft plan, ReadOnlySpan<double> re, ReadOnlySpan<double> im, int regionLength,
        double divisor, int sampleRate, Span<double> scratchRe, Span<double> scratchIm, Span<double> time)
    {
        FilterCurve.LevelAlignment.Apply(plan, re, im, 1.0, sampleRate, scratchRe, scratchIm, time);
        // The filtered signal is single precision in the model; square what it would hold.
        double sum = SampleMath.SumSquaresAsFloat(time[..regionLength]);
        return (float)(sum / divisor);
    }

    /// <summary>The gain that brings a signal of mean band power <paramref name="power"/> to the target level.</summary>
    public static float Gain(double power) => (float)Math.Sqrt(TargetPower / power);
}
