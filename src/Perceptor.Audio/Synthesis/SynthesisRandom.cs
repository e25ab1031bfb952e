namespace Perceptor.Audio.Synthesis;

/// <summary>
/// xoshiro256** seeded through SplitMix64. The corpus must be byte-identical for a seed on every runtime and
/// platform, which <see cref="System.Random"/> does not promise; this generator's output is fixed by its definition.
/// </summary>
internal sealed class SynthesisRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;
    private double _spareGaussian;
    private bool _hasSpare;

    public SynthesisRandom(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A seed derived from several values, so that clip i of split s gets a stream independent of the others.</summary>
    public static ulong Derive(ulong seed, params ReadOnlySpan<long> parts)
    {
        ulong x = seed ^ 0x9E3779B97F4A7C15UL;
        ulong h = SplitMix(ref x);
        foreach (long p in parts)
        {
            x = h ^ unchecked((ulong)p * 0xBF58476D1CE4E5B9UL);
            h = SplitMix(ref x);
        }

        return h;
    }

    public ulong NextUInt64()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [lo, hi).</summary>
    public double Uniform(double lo, double hi) => lo + (hi - lo) * NextDouble();

    /// <summary>Uniform integer in [lo, hi] inclusive.</summary>
    public int Int(int lo, int hi) => lo + (int)(NextUInt64() % (ulong)(hi - lo + 1));

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>Standard normal (Marsaglia polar method).</summary>
    public double Gaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spareGaussian;
        }

        double u;
        double v;
        double s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);

        double m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * m;
        _hasSpare = true;
        return u * m;
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count - 1)];

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        ulong z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
