using Perceptor.Audio;
using Perceptor.Audio.Resampling;

namespace Perceptor.Training.Data;

/// <summary>Brings audio to the models' 16 kHz with the project's resample_poly-equivalent resampler.</summary>
internal static class Resampling
{
    public const int TargetRate = 16000;

    /// <summary>The samples of <paramref name="signal"/> at 16 kHz (the same array when already at 16 kHz).</summary>
    public static float[] To16k(AudioSignal signal) => Resampler.Resample(signal, TargetRate).Samples;

    /// <summary>Resamples mono samples from <paramref name="fromRate"/> to <paramref name="toRate"/>.</summary>
    public static float[] Resample(float[] samples, int fromRate, int toRate) =>
        Resampler.Resample(new AudioSignal(samples, fromRate), toRate).Samples;
}
