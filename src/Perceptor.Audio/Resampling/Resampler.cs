using System.Collections.Concurrent;

namespace Perceptor.Audio.Resampling;

/// <summary>
/// Converts signals between sample rates with <see cref="PolyphaseResampler"/>, keeping one plan per ratio for the
/// life of the process (plans are immutable, so sharing them across threads is safe).
/// </summary>
public static class Resampler
{
    private static readonly ConcurrentDictionary<(int Up, int Down), PolyphaseResampler> Plans = new();

    /// <summary>The shared plan converting <paramref name="fromRate"/> Hz to <paramref name="toRate"/> Hz.</summary>
    public static PolyphaseResampler PlanFor(int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fromRate, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(toRate, 1);
        return Plans.GetOrAdd((toRate, fromRate), static key => new PolyphaseResampler(key.Up, key.Down));
    }

    /// <summary>Returns <paramref name="signal"/> at <paramref name="targetRate"/> Hz (the same instance when the rate already matches).</summary>
    public static AudioSignal Resample(AudioSignal signal, int targetRate)
    {
        ArgumentNullException.ThrowIfNull(signal);
        if (signal.SampleRate == targetRate)
        {
            return signal;
        }

        var plan = PlanFor(signal.SampleRate, targetRate);
        return new AudioSignal(plan.Process(signal.Span), targetRate);
    }
}
