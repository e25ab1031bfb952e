namespace Perceptor.Audio.Synthesis;

/// <summary>Adds noise to clean speech at a signal-to-noise ratio measured against the active speech level.</summary>
internal static class NoiseMixer
{
    /// <summary>Peak the mixture may reach; louder mixtures are scaled down, clean and noisy together.</summary>
    public const double MaxPeak = 0.97;

    /// <summary>
    /// Returns clean + g·noise with g chosen so that 10·log10(active speech power / noise power) = <paramref name="snrDb"/>
    /// (the speech level counts only where someone speaks, the idea of ITU-T P.56; noise is at unit RMS). When the
    /// mixture would exceed <see cref="MaxPeak"/>, both <paramref name="clean"/> (in place) and the result are scaled
    /// by the same factor, which keeps the SNR.
    /// </summary>
    public static float[] Mix(float[] clean, double activeLevelDbfs, ReadOnlySpan<float> unitNoise, double snrDb)
    {
        if (unitNoise.Length != clean.Length)
        {
            throw new ArgumentException($"noise has {unitNoise.Length} samples, clean has {clean.Length}");
        }

        double noiseGain = Math.Pow(10, (activeLevelDbfs - snrDb) / 20);
        var noisy = new float[clean.Length];
        double peak = 0;
        for (int i = 0; i < clean.Length; i++)
        {
            double y = clean[i] + noiseGain * unitNoise[i];
            noisy[i] = (float)y;
            peak = Math.Max(peak, Math.Abs(y));
        }

        if (peak > MaxPeak)
        {
            float scale = (float)(MaxPeak / peak);
            for (int i = 0; i < clean.Length; i++)
            {
                clean[i] *= scale;
                noisy[i] *= scale;
            }
        }

        return noisy;
    }
}
