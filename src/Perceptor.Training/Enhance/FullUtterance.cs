namespace Perceptor.Training.Enhance;

/// <summary>
/// The full-utterance geometry of CMGAN's evaluation script: pad to a multiple of the 100-sample hop by
/// wrapping the file's own first samples, then split a long file into k equal, non-overlapping chunks.
/// </summary>
public static class FullUtterance
{
    /// <summary>The STFT hop; padded lengths are multiples of it.</summary>
    public const int Hop = 100;

    /// <summary>100·⌈L/100⌉.</summary>
    public static int PaddedLength(int length) => (length + Hop - 1) / Hop * Hop;

    /// <summary>
    /// Number of chunks for a padded length: 1 up to <paramref name="chunkLimit"/> samples; otherwise ⌈padded/limit⌉
    /// raised until it divides 100 (the reference's k ∈ {2, 4, 5, 10, 20, 25, 50, 100}); beyond 100 chunks, raised until
    /// it divides the padded length. Chunks are then equal and whole.
    /// </summary>
    public static int ChunkCount(int paddedLength, int chunkLimit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLimit, 1);
        if (paddedLength <= chunkLimit)
        {
            return 1;
        }

        int k = (paddedLength + chunkLimit - 1) / chunkLimit;
        while (k <= 100 && 100 % k != 0)
        {
            k++;
        }

        while (paddedLength % k != 0)
        {
            k++;
        }

        return k;
    }

    /// <summary><paramref name="source"/> extended to <paramref name="paddedLength"/> by wrapping around to its start.</summary>
    public static float[] WrapPad(ReadOnlySpan<float> source, int paddedLength)
    {
        var padded = new float[paddedLength];
        for (int i = 0; i < paddedLength; i++)
        {
            padded[i] = source[i % source.Length];
        }

        return padded;
    }
}
