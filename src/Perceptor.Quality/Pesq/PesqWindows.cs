namespace Perceptor.Quality.Pesq;

/// <summary>Hann windows of the lengths the model uses (frames of 256/512, alignment of 512/1024), made once.</summary>
internal static class PesqWindows
{
    private static readonly float[] Hann256 = Make(256);
    private static readonly float[] Hann512 = Make(512);
    private static readonly float[] Hann1024 = Make(1024);

    /// <summary>w[n] = 0.5 (1 - cos(2 pi n / length)), single precision.</summary>
    public static float[] Hann(int length) => length switch
    {
        256 => Hann256,
        512 => Hann512,
        1024 => Hann1024,
        _ => throw new ArgumentOutOfRangeException(nameof(length), length, "no Hann window of this length"),
    };

    private static float[] Make(int length)
    {
        var w = new float[length];
        for (int n = 0; n < length; n++)
        {
            w[n] = (float)(0.5 * (1.0 - Math.Cos(2.0 * Math.PI * n / length)));
        }

        return w;
    }
}
