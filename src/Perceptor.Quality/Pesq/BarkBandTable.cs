namespace Perceptor.Quality.Pesq;

/// <summary>
/// The Bark band tables of P.862 (42 bands at 8 kHz) and of 16 kHz operation (49 bands), with the per-band values
/// the model derives from them once: first bin of each band, the loudness exponent and threshold factor of the
/// Zwicker law, and the sum of Bark widths used by the disturbance norms. Values are the published single-precision
/// constants; they are stored as <see cref="float"/> so every use sees the same rounded numbers.
/// </summary>
internal sealed class BarkBandTable
{
    /// <summary>The 8 kHz table (P.862, 42 bands over 128 bins).</summary>
    public static readonly BarkBandTable Narrow;

    /// <summary>The 16 kHz table (49 bands over 256 bins).</summary>
    public static readonly BarkBandTable Wide;

    private const double ZwickerPower = 0.23;

    // Group counts (FFT bins per band), Bark centres, Bark widths, power density corrections and absolute hearing
    // thresholds of the 16 kHz table. The 8 kHz table is its first 42 bands, except that band 41 groups 11 bins
    // (ending at bin 127) and has its own correction factor.
    private static readonly int[] WideCounts =
    [
        1, 1, 1, 1, 1, 1, 1, 1,
        2, 1, 1, 1, 1, 1, 2, 1,
        1, 2, 2, 2, 2, 2, 2, 2,
        2, 3, 3, 3, 3, 4, 3, 4,
        5, 4, 5, 6, 6, 7, 8, 9,
        9, 12, 12, 15, 16, 18, 21, 25,
        20,
    ];

    private static readonly float[] WideCentres =
    [
        0.078672f, 0.316341f, 0.636559f, 0.961246f, 1.290450f, 1.624217f, 1.962597f, 2.305636f,
        2.653383f, 3.005889f, 3.363201f, 3.725371f, 4.092449f, 4.464486f, 4.841533f, 5.223642f,
        5.610866f, 6.003256f, 6.400869f, 6.803755f, 7.211971f, 7.625571f, 8.044611f, 8.469146f,
        8.899232f, 9.334927f, 9.776288f, 10.223374f, 10.676242f, 11.134952f, 11.599563f, 12.070135f,
        12.546731f, 13.029408f, 13.518232f, 14.013264f, 14.514566f, 15.022202f, 15.536238f, 16.056736f,
        16.583761f, 17.117382f, 17.657663f, 18.204674f, 18.758478f, 19.319147f, 19.886751f, 20.461355f,
        21.043034f,
    ];

    private static readonly float[] WideWidths =
    [
        0.157344f, 0.317994f, 0.322441f, 0.326934f, 0.331474f, 0.336061f, 0.340697f, 0.345381f,
        0.350114f, 0.354897f, 0.359729f, 0.364611f, 0.369544f, 0.374529f, 0.379565f, 0.384653f,
        0.389794f, 0.394989f, 0.400236f, 0.405538f, 0.410894f, 0.416306f, 0.421773f, 0.427297f,
        0.432877f, 0.438514f, 0.444209f, 0.449962f, 0.455774f, 0.461645f, 0.467577f, 0.473569f,
        0.479621f, 0.485736f, 0.491912f, 0.498151f, 0.504454f, 0.510819f, 0.517250f, 0.523745f,
        0.530308f, 0.536934f, 0.543629f, 0.550390f, 0.557220f, 0.564119f, 0.571085f, 0.578125f,
        0.585232f,
    ];

    private static readonly float[] WideCorrections =
    [
        100.000000f, 99.999992f, 100.000000f, 100.000008f, 100.000008f, 100.000015f, 99.999992f, 99.999969f,
        50.000027f, 100.000000f, 99.999969f, 100.000015f, 99.999947f, 100.000061f, 53.047077f, 110.000046f,
        117.991989f, 65.000000f, 68.760147f, 69.999931f, 71.428818f, 75.000038f, 76.843384f, 80.968781f,
        88.646126f, 63.864388f, 68.155350f, 72.547775f, 75.584831f, 58.379192f, 80.950836f, 64.135651f,
        54.384785f, 73.821884f, 64.437073f, 59.176456f, 65.521278f, 61.399822f, 58.144047f, 57.004543f,
        64.126297f, 54.311001f, 61.114979f, 55.077751f, 56.849335f, 55.628868f, 53.137054f, 54.985844f,
        79.546974f,
    ];

    private static readonly float[] WideThresholds =
    [
        51286152.000000f, 2454709.500000f, 70794.593750f, 4897.788574f, 1174.897705f, 389.045166f, 104.712860f, 45.708820f,
        17.782795f, 9.772372f, 4.897789f, 3.090296f, 1.905461f, 1.258925f, 0.977237f, 0.724436f,
        0.562341f, 0.457088f, 0.389045f, 0.331131f, 0.295121f, 0.269153f, 0.257040f, 0.251189f,
        0.251189f, 0.251189f, 0.251189f, 0.263027f, 0.288403f, 0.309030f, 0.338844f, 0.371535f,
        0.398107f, 0.436516f, 0.467735f, 0.489779f, 0.501187f, 0.501187f, 0.512861f, 0.524807f,
        0.524807f, 0.524807f, 0.512861f, 0.478630f, 0.426580f, 0.371535f, 0.363078f, 0.416869f,
        0.537032f,
    ];

    static BarkBandTable()
    {
        Wide = new BarkBandTable(WideCounts, WideCentres, WideWidths, WideCorrections, WideThresholds);
        const int narrowBands = 42;
        int[] counts = WideCounts[..narrowBands];
        float[] corrections = WideCorrections[..narrowBands];
        counts[41] = 11;
        corrections[41] = 59.248363f;
        Narrow = new BarkBandTable(counts, WideCentres[..narrowBands], WideWidths[..narrowBands], corrections,
            WideThresholds[..narrowBands]);
    }

    private BarkBandTable(int[] counts, float[] centres, float[] widths, float[] corrections, float[] thresholds)
    {
        Count = counts.Length;
        BinCounts = counts;
        Centres = centres;
        Widths = widths;
        Corrections = corrections;
        Thresholds = thresholds;
        FirstBin = new int[Count];
        LoudnessExponent = new double[Count];
        LoudnessBase = new double[Count];
        int bin = 0;
        double widthSum = 0;
        for (int b = 0; b < Count; b++)
        {
            FirstBin[b] = bin;
            bin += counts[b];

            // P.862 10.2.1.3: below 4 Bark the Zwicker exponent grows (factor capped at 2, raised to 0.15).
            double h = centres[b] < 4 ? Math.Min(6.0 / (centres[b] + 2.0), 2.0) : 1.0;
            double z = ZwickerPower * Math.Pow(h, 0.15);
            LoudnessExponent[b] = z;
            LoudnessBase[b] = Math.Pow(thresholds[b] / 0.5, z);
            if (b > 0)
            {
                widthSum += widths[b];
            }
        }

        BinCount = bin;
        WidthSum = widthSum;
    }

    /// <summary>Number of bands.</summary>
    public int Count { get; }

    /// <summary>Number of FFT bins grouped (F/2).</summary>
    public int BinCount { get; }

    /// <summary>FFT bins per band.</summary>
    public int[] BinCounts { get; }

    /// <summary>First FFT bin of each band.</summary>
    public int[] FirstBin { get; }

    /// <summary>Band centres in Bark.</summary>
    public float[] Centres { get; }

    /// <summary>Band widths in Bark (weights of the disturbance norms).</summary>
    public float[] Widths { get; }

    /// <summary>Power density correction factors.</summary>
    public float[] Corrections { get; }

    /// <summary>Absolute hearing thresholds (pitch power density).</summary>
    public float[] Thresholds { get; }

    /// <summary>Per-band Zwicker exponent (0.23, raised below 4 Bark).</summary>
    public double[] LoudnessExponent { get; }

    /// <summary>Per-band (threshold / 0.5)^exponent.</summary>
    public double[] LoudnessBase { get; }

    /// <summary>Sum of the Bark widths of bands 1 and up (band 0 takes no part in the norms).</summary>
    public double WidthSum { get; }
}
