using NAudio.Wave;
using NAudio.Wave.SampleProviders;
using Perceptor.Audio;

namespace Perceptor.Training.Data;

/// <summary>Brings audio to the models' 16 kHz. One place, so the resampler can change without touching callers.</summary>
internal static class Resampling
{
    public const int TargetRate = 16000;

    /// <summary>The samples of <paramref name="signal"/> at 16 kHz (the same array when already at 16 kHz).</summary>
    public static float[] To16k(AudioSignal signal) => signal.SampleRate == TargetRate ? signal.Samples : Resample(signal.Samples, signal.SampleRate, TargetRate);

    /// <summary>Resamples mono samples from <paramref name="fromRate"/> to <paramref name="toRate"/> (WDL windowed-sinc).</summary>
    public static float[] Resample(float[] samples, int fromRate, int toRate)
    {
        if (fromRate == toRate)
        {
            return samples;
        }

        var resampler = new WdlResamplingSampleProvider(new ArraySource(samples, fromRate), toRate);
        long expected = (long)Math.Round((double)samples.Length * toRate / fromRate);
        var output = new float[expected];
        int filled = 0;
        var buffer = new float[8192];
        while (filled < output.Length)
        {
            int n = resampler.Read(buffer.AsSpan());
            if (n <= 0)
            {
                break;
            }

            int take = Math.Min(n, output.Length - filled);
            Array.Copy(buffer, 0, output, filled, take);
            filled += take;
        }

        return output;
    }

    private sealed class ArraySource(float[] samples, int rate) : ISampleProvider
    {
        private int _position;

        public WaveFormat WaveFormat { get; } = WaveFormat.CreateIeeeFloatWaveFormat(rate, 1);

        public int Read(Span<float> buffer)
        {
            int n = Math.Min(buffer.Length, samples.Length - _position);
            if (n <= 0)
            {
                return 0;
            }

            samples.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }
    }
}
