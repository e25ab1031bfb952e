namespace Perceptor.Quality.Pesq;

/// <summary>
/// The filters between level alignment and the model (P.862 10.1.2, P.862.2 clause 2): the listening-condition
/// filter that both the model and the alignment see (IRS receive in narrowband, the 100 Hz high-pass of P.862.2 in
/// wideband), and the DC removal and IIR cascade that only the voice activity detection and time alignment see.
/// Sample arithmetic is single precision, as in the standard.
/// </summary>
internal static class InputFilters
{
    /// <summary>Samples ramped in at each end of the signal before the wideband filter (P.862.2).</summary>
    private const int WidebandRamp = 16;

    /// <summary>
    /// P.862.2 receive filter on the signal region (the original samples, without margins or pad): a 16-sample
    /// linear ramp in and out, then one second-order high-pass section with zero initial state.
    /// </summary>
    public static void WidebandReceive(Span<float> region)
    {
        int n = region.Length;
        int ramp = Math.Min(WidebandRamp, n);
        for (int k = 0; k < ramp; k++)
        {
            float g = (k + 1) / (float)WidebandRamp;
            region[k] *= g;
            region[n - 1 - k] *= g;
        }

        Section(region, InputCascades.WidebandReceive);
    }

    /// <summary>
    /// Removes the DC of the signal region [margin, nominal - margin) and ramps its first and last
    /// <paramref name="window"/> samples. The mean divides the region's sum by the whole nominal length, as the
    /// standard does.
    /// </summary>
    public static void RemoveDc(Span<float> buffer, int nominal, int margin, int window)
    {
        int start = margin, end = nominal - margin;
        double sum = 0;
        for (int i = start; i < end; i++)
        {
            sum += buffer[i];
        }

        float mean = (float)(sum / nominal);
        for (int i = start; i < end; i++)
        {
            buffer[i] -= mean;
        }

        for (int k = 0; k < window; k++)
        {
            float g = (0.5f + k) / window;
            buffer[start + k] *= g;
            buffer[end - 1 - k] *= g;
        }
    }

    /// <summary>Applies <paramref name="sections"/> in order over the whole buffer, each from zero state.</summary>
    public static void Cascade(Span<float> buffer, Biquad[] sections)
    {
        foreach (var section in sections)
        {
            Section(buffer, section);
        }
    }

    /// <summary>One section in place, zero initial state, single-precision arithmetic in the published order.</summary>
    public static void Section(Span<float> x, Biquad c)
    {
        float w1 = 0, w2 = 0;
        float b0 = c.B0, b1 = c.B1, b2 = c.B2, a1 = c.A1, a2 = c.A2;
        for (int i = 0; i < x.Length; i++)
        {
            float w = x[i] - (a1 * w1) - (a2 * w2);
            x[i] = (b0 * w) + (b1 * w1) + (b2 * w2);
            w2 = w1;
            w1 = w;
        }
    }
}
