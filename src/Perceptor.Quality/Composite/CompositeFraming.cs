namespace Perceptor.Quality.Composite;

/// <summary>
/// The framing shared by segmental SNR, LLR and WSS in Loizou's composite measures (as the reference
/// <c>compute_metrics</c> tool does it): 30 ms frames, hop of a quarter frame, ⌊L/hop − frame/hop⌋ frames, a Hann
/// window without zero end points, and the 95 % trimmed mean used by LLR and WSS.
/// </summary>
public static class CompositeFraming
{
    /// <summary>Share of the sorted per-frame values LLR and WSS average (the lowest 95 %).</summary>
    public const double TrimFraction = 0.95;

    /// <summary>Frame length in samples: round(30 ms · fs) (480 at 16 kHz).</summary>
    public static int FrameLength(int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        return (int)Math.Round(0.030 * sampleRate, MidpointRounding.ToEven);
    }

    /// <summary>Hop in samples: ⌊frame/4⌋ (120 at 16 kHz).</summary>
    public static int Hop(int sampleRate) => FrameLength(sampleRate) / 4;

    /// <summary>
    /// Number of frames for <paramref name="length"/> samples: ⌊L/hop − frame/hop⌋ (no partial last frame; the
    /// reference truncates the floating-point value toward zero), never negative.
    /// </summary>
    public static int FrameCount(int length, int sampleRate)
    {
        int frame = FrameLength(sampleRate);
        int hop = Hop(sampleRate);
        double count = ((double)length / hop) - ((double)frame / hop);
        return count <= 0 ? 0 : (int)count;
    }

    /// <summary>The analysis window w[n] = 0.5·(1 − cos(2πn/(N+1))), n = 1…N (a Hann window with no zero ends).</summary>
    public static double[] Window(int length)
    {
        var w = new double[length];
        for (int n = 1; n <= length; n++)
        {
            w[n - 1] = 0.5 * (1.0 - Math.Cos(2.0 * Math.PI * n / (length + 1)));
        }

        return w;
    }

    /// <summary>
    /// Mean of the lowest round(0.95·N) values (Python's half-to-even rounding), with NaN sorted after every number
    /// as numpy does, so a NaN frame is dropped when it falls in the discarded 5 % and poisons the mean otherwise.
    /// Sorts <paramref name="values"/> in place. NaN when there are no values.
    /// </summary>
    public static double TrimmedMean(Span<double> values)
    {
        int finite = 0;
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                (values[finite], values[i]) = (values[i], values[finite]);
                finite++;
            }
        }

        values[..finite].Sort();
        int keep = (int)Math.Round(values.Length * TrimFraction, MidpointRounding.ToEven);
        if (keep == 0)
        {
            return double.NaN;
        }

        double sum = 0;
        for (int i = 0; i < keep; i++)
        {
            sum += values[i];
        }

        return sum / keep;
    }
}
