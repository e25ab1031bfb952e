namespace Perceptor.Audio;

/// <summary>
/// A mono signal that carries its sample rate. Samples are floats at "full scale = 1.0" as read from a file
/// (16-bit PCM 32767 reads as 32767/32768). The array is owned by the signal; treat it as read-only.
/// </summary>
public sealed class AudioSignal
{
    /// <summary>Creates a signal over <paramref name="samples"/> (not copied) at <paramref name="sampleRate"/> Hz.</summary>
    public AudioSignal(float[] samples, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(sampleRate, 0);
        Samples = samples;
        SampleRate = sampleRate;
    }

    /// <summary>The samples, first channel or channel mean (see <see cref="ChannelMix"/>).</summary>
    public float[] Samples { get; }

    /// <summary>Samples per second.</summary>
    public int SampleRate { get; }

    /// <summary>Number of samples.</summary>
    public int Length => Samples.Length;

    /// <summary>Duration in seconds.</summary>
    public double DurationSeconds => (double)Samples.Length / SampleRate;

    /// <summary>Read-only view of the samples.</summary>
    public ReadOnlySpan<float> Span => Samples;

    /// <summary>Returns a copy of samples [start, start + length).</summary>
    public AudioSignal Slice(int start, int length) => new(Samples.AsSpan(start, length).ToArray(), SampleRate);

    /// <summary>Returns a copy with every sample multiplied by <paramref name="gain"/>.</summary>
    public AudioSignal Scale(float gain)
    {
        var copy = new float[Samples.Length];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = Samples[i] * gain;
        }

        return new AudioSignal(copy, SampleRate);
    }

    /// <summary>Largest absolute sample value (0 for an empty signal).</summary>
    public float Peak()
    {
        float peak = 0f;
        foreach (float s in Samples)
        {
            float a = MathF.Abs(s);
            if (a > peak)
            {
                peak = a;
            }
        }

        return peak;
    }

    /// <summary>Root mean square level (0 for an empty signal).</summary>
    public double Rms()
    {
        if (Samples.Length == 0)
        {
            return 0;
        }

        double sum = 0;
        foreach (float s in Samples)
        {
            sum += (double)s * s;
        }

        return Math.Sqrt(sum / Samples.Length);
    }

    /// <summary>True when any sample is NaN or infinite.</summary>
    public bool HasNonFinite()
    {
        foreach (float s in Samples)
        {
            if (!float.IsFinite(s))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Length} samples at {SampleRate} Hz ({DurationSeconds:0.###} s)";
}
