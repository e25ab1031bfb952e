namespace Perceptor.Quality.Pesq;

/// <summary>
/// From the two aggregated disturbances to the reported score: the raw P.862 score (clause 10.2.5) and its
/// mapping to MOS-LQO, P.862.1 for narrowband and P.862.2 for wideband. Both are evaluated in single precision,
/// as the reference implementation reports them.
/// </summary>
internal static class ScoreMapping
{
    /// <summary>Raw PESQ: 4.5 - 0.1 symmetric - 0.0309 asymmetric.</summary>
    public static float Raw(double symmetric, double asymmetric) =>
        (float)(4.5 - (0.1 * symmetric) - (0.0309 * asymmetric));

    /// <summary>P.862.1: 0.999 + 4 / (1 + e^(-1.4945 x + 4.6607)).</summary>
    public static float NarrowbandMos(float raw) => (float)(0.999 + (4.0 / (1.0 + Math.Exp((-1.4945 * raw) + 4.6607))));

    /// <summary>P.862.2: 0.999 + 4 / (1 + e^(-1.3669 x + 3.8224)).</summary>
    public static float WidebandMos(float raw) => (float)(0.999 + (4.0 / (1.0 + Math.Exp((-1.3669 * raw) + 3.8224))));

    /// <summary>The MOS-LQO reported for <paramref name="mode"/>.</summary>
    public static float Mos(float raw, PesqMode mode) => mode == PesqMode.Wideband ? WidebandMos(raw) : NarrowbandMos(raw);
}
