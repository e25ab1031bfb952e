namespace Perceptor.Training.Data;

/// <summary>
/// A counter-based random source (SplitMix64). Every draw is a pure function of (seed, keys), so the data order and
/// crop offsets of any batch can be recomputed from the epoch and batch numbers alone: a resumed run needs no hidden
/// generator state to continue exactly, and a test can assert determinism directly.
/// </summary>
public static class SeededStream
{
    /// <summary>The SplitMix64 finaliser: a bijective mix of 64 bits.</summary>
    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    /// <summary>A 64-bit value determined by the seed and the keys.</summary>
    public static ulong Hash(long seed, params ReadOnlySpan<long> keys)
    {
        ulong h = Mix((ulong)seed);
        foreach (long k in keys)
        {
            h = Mix(h ^ Mix((ulong)k));
        }

        return h;
    }

    /// <summary>An integer uniform in [0, <paramref name="maxInclusive"/>] from the seed and the keys.</summary>
    public static int UniformInclusive(int maxInclusive, long seed, params ReadOnlySpan<long> keys) =>
        maxInclusive <= 0 ? 0 : (int)(Hash(seed, keys) % (ulong)(maxInclusive + 1));

    /// <summary>The permutation of 0..n-1 for one epoch (Fisher–Yates over the hashed stream).</summary>
    public static int[] Permutation(int n, long seed, int epoch)
    {
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        for (int i = n - 1; i > 0; i--)
        {
            int j = UniformInclusive(i, seed, 0x5EED, epoch, i);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
