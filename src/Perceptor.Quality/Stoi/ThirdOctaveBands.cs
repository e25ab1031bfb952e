namespace Perceptor.Quality.Stoi;

/// <summary>
/// The one-third-octave band grouping of STOI (Taal et al. 2011, Sec. II-A): band k has centre 150·2^{k/3} Hz and
/// edges 150·2^{(2k∓1)/6} Hz, each edge snapped to the nearest DFT bin (the lower bin on a tie); band k sums the
/// power of bins [Low[k], High[k]).
/// </summary>
public sealed class ThirdOctaveBands
{
    /// <summary>Builds <paramref name="bandCount"/> bands for an FFT of <paramref name="fftSize"/> points at <paramref name="sampleRate"/> Hz.</summary>
    public ThirdOctaveBands(int sampleRate, int fftSize, int bandCount, double firstCentre)
    {
        int bins = (fftSize / 2) + 1;
        Low = new int[bandCount];
        High = new int[bandCount];
        Centres = new double[bandCount];
        for (int k = 0; k < bandCount; k++)
        {
            Centres[k] = firstCentre * Math.Pow(2.0, k / 3.0);
            Low[k] = NearestBin(firstCentre * Math.Pow(2.0, ((2.0 * k) - 1) / 6.0), sampleRate, fftSize, bins);
            High[k] = NearestBin(firstCentre * Math.Pow(2.0, ((2.0 * k) + 1) / 6.0), sampleRate, fftSize, bins);
        }
    }

    /// <summary>First bin of each band.</summary>
    public int[] Low { get; }

    /// <summary>One past the last bin of each band.</summary>
    public int[] High { get; }

    /// <summary>Centre frequencies in Hz.</summary>
    public double[] Centres { get; }

    private static int NearestBin(double frequency, int sampleRate, int fftSize, int bins)
    {
        int best = 0;
        double bestDistance = double.PositiveInfinity;
        for (int b = 0; b < bins; b++)
        {
            double d = ((double)b * sampleRate / fftSize) - frequency;
            d *= d;
            if (d < bestDistance)
            {
                bestDistance = d;
                best = b;
            }
        }

        return best;
    }
}
