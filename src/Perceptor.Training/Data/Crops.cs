namespace Perceptor.Training.Data;

/// <summary>Cutting fixed-length pieces out of a file (CMGAN trains on random 2 s crops; shorter files are tiled).</summary>
public static class Crops
{
    /// <summary>
    /// Copies <paramref name="length"/> samples starting at <paramref name="start"/> into <paramref name="destination"/>;
    /// a source shorter than <paramref name="length"/> is tiled as the reference does: ⌊length/L⌋ whole copies followed
    /// by its first (length mod L) samples (<paramref name="start"/> is then ignored).
    /// </summary>
    public static void CopyCrop(ReadOnlySpan<float> source, int start, int length, Span<float> destination)
    {
        if (source.Length >= length)
        {
            source.Slice(start, length).CopyTo(destination);
            return;
        }

        int filled = 0;
        while (filled < length)
        {
            int n = Math.Min(source.Length, length - filled);
            source[..n].CopyTo(destination[filled..]);
            filled += n;
        }
    }

    /// <summary>The centre crop's start (0 when the source is shorter than the crop and will be tiled).</summary>
    public static int CentreStart(int sourceLength, int length) => sourceLength > length ? (sourceLength - length) / 2 : 0;
}
