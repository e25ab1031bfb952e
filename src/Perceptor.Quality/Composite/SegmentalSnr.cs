namespace Perceptor.Quality.Composite;

/// <summary>
/// Segmental SNR as in Hu &amp; Loizou's composite-measure evaluation: per frame of the shared framing
/// (<see cref="CompositeFraming"/>) SNR_m = 10·log₁₀(Σs² / (Σ(s − ŝ)² + ε) + ε) on windowed frames, ε = 2.22e-16,
/// clamped to [−10, 35] dB, averaged over all frames (no trimming, no voice activity detection). A plan holding the
/// window; <see cref="Compute"/> allocates nothing and the instance is safe to share between threads.
/// </summary>
public sealed class SegmentalSnr
{
    /// <summary>Lower clamp of a frame's SNR in dB.</summary>
    public const double MinSnrDb = -10.0;

    /// <summary>Upper clamp of a frame's SNR in dB.</summary>
    public const double MaxSnrDb = 35.0;

    /// <summary>numpy's spacing(1), the ε of the reference tool.</summary>
    public const double Epsilon = 2.220446049250313e-16;

    private readonly double[] _window;
    private readonly int _hop;

    /// <summary>Creates the plan for <paramref name="sampleRate"/> Hz.</summary>
    public SegmentalSnr(int sampleRate = 16000)
    {
        SampleRate = sampleRate;
        _window = CompositeFraming.Window(CompositeFraming.FrameLength(sampleRate));
        _hop = CompositeFraming.Hop(sampleRate);
    }

    /// <summary>Sample rate the plan frames for.</summary>
    public int SampleRate { get; }

    /// <summary>Frames for signals of <paramref name="length"/> samples.</summary>
    public int FrameCount(int length) => CompositeFraming.FrameCount(length, SampleRate);

    /// <summary>Mean clamped frame SNR in dB; NaN when the signals are shorter than one frame.</summary>
    public double Compute(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed)
    {
        CheckLengths(clean, processed);
        int frames = FrameCount(clean.Length);
        if (frames == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        for (int m = 0; m < frames; m++)
        {
            sum += Frame(clean, processed, m);
        }

        return sum / frames;
    }

    /// <summary>Writes each frame's clamped SNR in dB into <paramref name="perFrame"/> (<see cref="FrameCount"/> long).</summary>
    public void ComputeFrames(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, Span<double> perFrame)
    {
        CheckLengths(clean, processed);
        int frames = FrameCount(clean.Length);
        if (perFrame.Length < frames)
        {
            throw new ArgumentException($"need room for {frames} frames", nameof(perFrame));
        }

        for (int m = 0; m < frames; m++)
        {
            perFrame[m] = Frame(clean, processed, m);
        }
    }

    private double Frame(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int m)
    {
        int start = m * _hop;
        double signal = 0, noise = 0;
        for (int n = 0; n < _window.Length; n++)
        {
            double s = clean[start + n] * _window[n];
            double d = s - (processed[start + n] * _window[n]);
            signal += s * s;
            noise += d * d;
        }

        double snr = 10.0 * Math.Log10((signal / (noise + Epsilon)) + Epsilon);
        return Math.Min(Math.Max(snr, MinSnrDb), MaxSnrDb);
    }

    internal static void CheckLengths(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed)
    {
        if (clean.Length != processed.Length)
        {
            throw new ArgumentException(
                $"clean has {clean.Length} samples and processed {processed.Length}: apply the length rule first (EvaluationInput)");
        }
    }
}
