using System.Runtime.CompilerServices;

namespace Perceptor.Quality.Pesq;

/// <summary>
/// Voice activity detection on 4 ms windows of the filtered working signal (P.862 10.2):
/// an adaptive noise threshold, removal of short and weak bursts, joining of short gaps and soft edges. Produces
/// the processed window energies (positive = speech, zero = not) that locate utterances, and their log-domain
/// version that drives the coarse delay correlation.
/// </summary>
internal static class VoiceActivity
{
    private const int ThresholdIterations = 12;
    private const int ShortestBurst = 4;
    private const int LongestJoinedGap = 50;

    /// <summary>
    /// Fills <paramref name="energy"/> and <paramref name="logEnergy"/> (each nominal / window long) from the first
    /// <paramref name="nominal"/> samples of <paramref name="signal"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Detect(ReadOnlySpan<float> signal, int nominal, int window, Span<float> energy,
        Span<float> logEnergy)
    {
        int count = nominal / window;
        var e = energy[..count];

        // Each frame's sum runs in sample order; four frames at a time so that their additions overlap.
        int v4 = 0;
        for (; v4 + 4 <= count; v4 += 4)
        {
            var f0 = signal.Slice(v4 * window, window);
            var f1 = signal.Slice((v4 + 1) * window, window);
            var f2 = signal.Slice((v4 + 2) * window, window);
            var f3 = signal.Slice((v4 + 3) * window, window);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int i = 0; i < f0.Length && i < f1.Length && i < f2.Length && i < f3.Length; i++)
            {
                s0 += (double)f0[i] * f0[i];
                s1 += (double)f1[i] * f1[i];
                s2 += (double)f2[i] * f2[i];
                s3 += (double)f3[i] * f3[i];
            }

            e[v4] = (float)(s0 / window);
            e[v4 + 1] = (float)(s1 / window);
            e[v4 + 2] = (float)(s2 / window);
            e[v4 + 3] = (float)(s3 / window);
        }

        for (int v = v4; v < count; v++)
        {
            var frame = signal.Slice(v * window, window);
            double sum = 0;
            foreach (float x in frame)
            {
                sum += (double)x * x;
            }

            e[v] = (float)(sum / window);
        }

        double total = 0;
        float peak = 0;
        for (int v = 0; v < count; v++)
        {
            float value = e[v];
            total += value;
            if (value > peak)
            {
                peak = value;
            }
        }

        // The starting threshold is the mean of the raw energies, taken before the floor below.
        float threshold = (float)(total / count);
        float floor = peak > 0 ? peak * 1e-4f : 1f;
        for (int v = 0; v < count; v++)
        {
            if (e[v] < floor)
            {
                e[v] = floor;
            }
        }

        for (int iteration = 0; iteration < ThresholdIterations; iteration++)
        {
            double sum = 0;
            int n = 0;
            for (int v = 0; v < count; v++)
            {
                if (e[v] <= threshold)
                {
                    sum += e[v];
                    n++;
                }
            }

            double mean = n > 0 ? sum / n : 0;
            double deviation = 0;
            if (n > 0)
            {
                double squares = 0;
                for (int v = 0; v < count; v++)
                {
                    if (e[v] <= threshold)
                    {
                        double d = e[v] - mean;
                        squares += d * d;
                    }
                }

                deviation = Math.Sqrt(squares / n);
            }

            threshold = (float)(1.001 * (mean + (2 * deviation)));
        }

        double signalSum = 0, noiseSum = 0;
        int signalCount = 0;
        for (int v = 0; v < count; v++)
        {
            if (e[v] > threshold)
            {
                signalSum += e[v];
                signalCount++;
            }
            else
            {
                noiseSum += e[v];
            }
        }

        double signalLevel = 0, noiseLevel = 1;
        if (signalCount > 0)
        {
            signalLevel = signalSum / signalCount;
        }
        else
        {
            threshold = -1;
        }

        if (count - signalCount > 0)
        {
            noiseLevel = noiseSum / (count - signalCount);
        }

        // Sign encoding: positive = speech, negative = noise.
        for (int v = 0; v < count; v++)
        {
            if (e[v] <= threshold)
            {
                e[v] = -e[v];
            }
        }

        e[0] = -floor;
        e[count - 1] = -floor;

        RemoveShortBursts(e);
        if (signalLevel >= 1000 * noiseLevel)
        {
            RemoveWeakBursts(e, threshold);
        }

        JoinGaps(e, floor);

        bool anySpeech = false;
        for (int v = 0; v < count && !anySpeech; v++)
        {
            anySpeech = e[v] > 0;
        }

        if (!anySpeech)
        {
            for (int v = 0; v < count; v++)
            {
                e[v] = Math.Abs(e[v]);
            }

            e[0] = -floor;
            e[count - 1] = -floor;
        }

        SoftenEdges(e);
        for (int v = 0; v < count; v++)
        {
            if (e[v] < 0)
            {
                e[v] = 0;
            }
        }

        if (threshold <= 0)
        {
            threshold = floor;
        }

        var l = logEnergy[..count];
        for (int v = 0; v < count; v++)
        {
            l[v] = e[v] <= threshold ? 0f : MathF.Log(e[v] / threshold);
        }
    }

    /// <summary>Finds the next run of positive (speech) windows at or after <paramref name="v"/>: [start, end).</summary>
    private static bool NextRun(ReadOnlySpan<float> e, ref int v, out int start, out int end)
    {
        while (v < e.Length && e[v] <= 0)
        {
            v++;
        }

        start = v;
        while (v < e.Length && e[v] > 0)
        {
            v++;
        }

        end = v;
        return end > start;
    }

    private static void Negate(Span<float> run)
    {
        for (int i = 0; i < run.Length; i++)
        {
            run[i] = -run[i];
        }
    }

    private static void RemoveShortBursts(Span<float> e)
    {
        int v = 0;
        while (NextRun(e, ref v, out int start, out int end))
        {
            if (end - start <= ShortestBurst)
            {
                Negate(e[start..end]);
            }
        }
    }

    private static void RemoveWeakBursts(Span<float> e, float threshold)
    {
        int v = 0;
        while (NextRun(e, ref v, out int start, out int end))
        {
            double sum = 0;
            for (int i = start; i < end; i++)
            {
                sum += e[i];
            }

            if (sum < 3.0 * threshold * (end - start))
            {
                Negate(e[start..end]);
            }
        }
    }

    private static void JoinGaps(Span<float> e, float floor)
    {
        int lastSpeechEnd = -1;
        int v = 0;
        while (NextRun(e, ref v, out int start, out int end))
        {
            if (lastSpeechEnd >= 0 && start - lastSpeechEnd <= LongestJoinedGap)
            {
                e[lastSpeechEnd..start].Fill(floor);
            }

            lastSpeechEnd = end;
        }
    }

    private static void SoftenEdges(Span<float> e)
    {
        int count = e.Length;
        for (int v = 3; v < count - 2; v++)
        {
            if (e[v] > 0 && e[v - 2] <= 0)
            {
                e[v - 2] = 0.1f * e[v];
                e[v - 1] = 0.3f * e[v];
                v++;
            }

            if (e[v] <= 0 && e[v - 1] > 0)
            {
                e[v] = 0.3f * e[v - 1];
                e[v + 1] = 0.1f * e[v - 1];
                v += 3;
            }
        }
    }
}
