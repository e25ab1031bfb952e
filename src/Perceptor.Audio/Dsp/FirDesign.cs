namespace Perceptor.Audio.Dsp;

/// <summary>Windowed-sinc FIR design.</summary>
public static class FirDesign
{
    /// <summary>
    /// Linear-phase low-pass FIR by the window method, the design scipy's <c>firwin(numTaps, cutoff,
    /// window=('kaiser', beta))</c> produces: h[n] = c·sinc(c·(n − (M−1)/2))·w[n] with c the cutoff as a fraction
    /// of the Nyquist frequency, w the symmetric Kaiser window, then scaled so the taps sum to 1 (unit DC gain).
    /// </summary>
    public static double[] KaiserLowpass(int numTaps, double cutoff, double beta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(numTaps, 1);
        if (!(cutoff > 0 && cutoff <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "the cutoff is a fraction of Nyquist in (0, 1]");
        }

        var taps = new double[numTaps];
        KaiserWindow.Fill(taps, beta);
        double centre = (numTaps - 1) / 2.0;
        double sum = 0;
        for (int n = 0; n < numTaps; n++)
        {
            taps[n] *= cutoff * Sinc(cutoff * (n - centre));
            sum += taps[n];
        }

        for (int n = 0; n < numTaps; n++)
        {
            taps[n] /= sum;
        }

        return taps;
    }

    /// <summary>Normalised sinc, sin(πx)/(πx), 1 at 0.</summary>
    public static double Sinc(double x)
    {
        if (x == 0)
        {
            return 1.0;
        }

        double px = Math.PI * x;
        return Math.Sin(px) / px;
    }
}
