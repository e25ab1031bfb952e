namespace Perceptor.Quality.Pesq;

/// <summary>
/// The input IIR cascades applied to the working copies of both signals before voice activity detection and time
/// alignment (P.862 10.1.3 at 8 kHz, 12 sections at 16 kHz). They shape the signals the way
/// the standard's alignment expects; the perceptual model never sees their output.
/// </summary>
internal static class InputCascades
{
    /// <summary>8 sections for 8 kHz.</summary>
    public static readonly Biquad[] Rate8k =
    [
        new(0.885535424f, -0.885535424f, 0.000000000f, -0.771070709f, 0.000000000f),
        new(0.895092588f, 1.292907193f, 0.449260174f, 1.268869037f, 0.442025372f),
        new(4.049527940f, -7.865190042f, 3.815662102f, -1.746859852f, 0.786305963f),
        new(0.500002353f, -0.500002353f, 0.000000000f, 0.000000000f, 0.000000000f),
        new(0.565002834f, -0.241585934f, -0.306009671f, 0.259688659f, 0.249979657f),
        new(2.115237288f, 0.919935084f, 1.141240051f, -1.587313419f, 0.665935315f),
        new(0.912224584f, -0.224397719f, -0.641121413f, -0.246029464f, -0.556720590f),
        new(0.444617727f, -0.307589321f, 0.141638062f, -0.996391149f, 0.502251622f),
    ];

    /// <summary>12 sections for 16 kHz (both modes).</summary>
    public static readonly Biquad[] Rate16k =
    [
        new(0.325631521f, -0.086782860f, -0.238848661f, -1.079416490f, 0.434583902f),
        new(0.403961804f, -0.556985881f, 0.153024077f, -0.415115835f, 0.696590244f),
        new(4.736162769f, 3.287251046f, 1.753289019f, -1.859599046f, 0.876284034f),
        new(0.365373469f, 0.000000000f, 0.000000000f, -0.634626531f, 0.000000000f),
        new(0.884811506f, 0.000000000f, 0.000000000f, -0.256725271f, 0.141536777f),
        new(0.723593055f, -1.447186099f, 0.723593044f, -1.129587469f, 0.657232737f),
        new(1.644910855f, -1.817280902f, 1.249658063f, -1.778403899f, 0.801724355f),
        new(0.633692689f, -0.284644314f, -0.319789663f, 0.000000000f, 0.000000000f),
        new(1.032763031f, 0.268428979f, 0.602913323f, 0.000000000f, 0.000000000f),
        new(1.001616361f, -0.823749013f, 0.439731942f, -0.885778255f, 0.000000000f),
        new(0.752472096f, -0.375388990f, 0.188977609f, -0.077258216f, 0.247230734f),
        new(1.023700575f, 0.001661628f, 0.521284240f, -0.183867259f, 0.354324187f),
    ];

    /// <summary>The P.862.2 wideband input filter section at 16 kHz (a 100 Hz high-pass, passband gain 9 dB).</summary>
    public static readonly Biquad WidebandReceive = new(2.740826f, -5.4816519f, 2.740826f, -1.9444777f, 0.94597794f);
}
