namespace Perceptor.Quality.Pesq;

/// <summary>
/// The rate-dependent constants of the model (P.862 at 8 kHz; the 16 kHz values shared by P.862 narrowband at
/// 16 kHz and P.862.2). Everything the pipeline needs that differs between the two rates lives here; the stages
/// are written once in terms of these values.
/// </summary>
internal sealed class PesqRate
{
    /// <summary>Constants for 8 kHz operation (narrowband only).</summary>
    public static readonly PesqRate Rate8k = new(
        sampleRate: 8000,
        window: 32,
        bands: BarkBandTable.Narrow,
        pitchScale: 2.764344e-5,
        cascade: InputCascades.Rate8k);

    /// <summary>Constants for 16 kHz operation (narrowband and wideband).</summary>
    public static readonly PesqRate Rate16k = new(
        sampleRate: 16000,
        window: 64,
        bands: BarkBandTable.Wide,
        pitchScale: 6.910853e-6,
        cascade: InputCascades.Rate16k);

    private PesqRate(int sampleRate, int window, BarkBandTable bands, double pitchScale, Biquad[] cascade)
    {
        SampleRate = sampleRate;
        Window = window;
        Bands = bands;
        PitchScale = pitchScale;
        Cascade = cascade;
    }

    /// <summary>Sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>VAD analysis window W in samples (4 ms).</summary>
    public int Window { get; }

    /// <summary>Margin in VAD windows on each side of the signal (300 ms).</summary>
    public const int MarginWindows = 75;

    /// <summary>Margin in samples (75 W).</summary>
    public int Margin => MarginWindows * Window;

    /// <summary>Zero padding P appended after the nominal signal (320 ms).</summary>
    public int Padding => SampleRate * 32 / 100;

    /// <summary>Fine-alignment FFT length A (64 ms).</summary>
    public int AlignLength => 16 * Window;

    /// <summary>Perceptual-model frame length F (32 ms).</summary>
    public int FrameLength => 8 * Window;

    /// <summary>Perceptual-model hop Q (16 ms).</summary>
    public int Hop => 4 * Window;

    /// <summary>The Bark band table (42 bands at 8 kHz, 49 at 16 kHz).</summary>
    public BarkBandTable Bands { get; }

    /// <summary>Pitch power density scale Sp.</summary>
    public double PitchScale { get; }

    /// <summary>The input IIR cascade applied before VAD and alignment.</summary>
    public Biquad[] Cascade { get; }

    /// <summary>Constants for <paramref name="sampleRate"/>, or null when the rate is not supported.</summary>
    public static PesqRate? For(int sampleRate) => sampleRate switch
    {
        8000 => Rate8k,
        16000 => Rate16k,
        _ => null,
    };
}
