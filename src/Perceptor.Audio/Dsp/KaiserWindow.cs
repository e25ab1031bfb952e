namespace Perceptor.Audio.Dsp;

/// <summary>The Kaiser window and the zeroth-order modified Bessel function it is built on.</summary>
public static class KaiserWindow
{
    /// <summary>
    /// Writes the symmetric Kaiser window w[n] = I0(β·√(1 − (2n/(M−1) − 1)²)) / I0(β), n = 0…M−1, into
    /// <paramref name="window"/> (M = its length). Symmetric, as used for FIR design (not the periodic variant).
    /// </summary>
    public static void Fill(Span<double> window, double beta)
    {
        int m = window.Length;
        if (m == 1)
        {
            window[0] = 1.0;
            return;
        }

        double norm = BesselI0(beta);
        for (int n = 0; n < m; n++)
        {
            double r = (2.0 * n / (m - 1)) - 1.0;
            window[n] = BesselI0(beta * Math.Sqrt(Math.Max(0.0, 1.0 - (r * r)))) / norm;
        }
    }

    /// <summary>
    /// I0(x) by its power series Σ ((x/2)^k / k!)², summed until a term no longer changes the sum; accurate to
    /// double rounding for the arguments window design uses (|x| up to a few tens).
    /// </summary>
    public static double BesselI0(double x)
    {
        double half = x / 2.0;
        double term = 1.0;
        double sum = 1.0;
        for (int k = 1; k < 500; k++)
        {
            term *= half / k;
            double t2 = term * term;
            sum += t2;
            if (t2 < sum * 1e-18)
            {
                break;
            }
        }

        return sum;
    }
}
