using Perceptor.Audio.Dsp;

namespace Perceptor.Quality.Composite;

/// <summary>
/// Weighted spectral slope distance (Klatt 1982) as used by Hu &amp; Loizou's composite measures: 25 Gaussian-shaped
/// critical-band filters on the power spectrum of each windowed frame (FFT of 2^⌈log₂(2·frame)⌉ points), band
/// energies in dB floored at 1e-10, slopes between neighbouring bands, weights from the distance to the frame's
/// maximum (K_max = 20) and to the nearest local peak (K_locmax = 1) averaged over the two signals, and per frame
/// Σ W·(ΔS)² / Σ W; the result is the 95 % trimmed mean over frames. Frames are divided by 32768 before windowing,
/// as in the reference tool, so the 1e-10 floor assumes 16-bit integer sample scale. A workspace: one per thread.
/// </summary>
public sealed class WeightedSpectralSlope : TrimmedFrameMeasure
{
    /// <summary>Number of critical bands.</summary>
    public const int BandCount = 25;

    /// <summary>Klatt's weight constant for the distance to the frame's largest band energy.</summary>
    public const double KMax = 20.0;

    /// <summary>Klatt's weight constant for the distance to the nearest spectral peak.</summary>
    public const double KLocMax = 1.0;

    /// <summary>Scale the reference tool divides frames by before windowing.</summary>
    public const double LevelScale = 32768.0;

    /// <summary>Floor of a band energy before the dB conversion.</summary>
    public const double EnergyFloor = 1e-10;

    /// <summary>Centre frequencies of the 25 bands in Hz.</summary>
    public static ReadOnlySpan<double> CentreFrequencies =>
    [
        50.0, 120.0, 190.0, 260.0, 330.0, 400.0, 470.0, 540.0, 617.372, 703.378, 798.717, 904.128, 1020.38,
        1148.30, 1288.72, 1442.54, 1610.70, 1794.16, 1993.93, 2211.08, 2446.71, 2701.97, 2978.04, 3276.17, 3597.63,
    ];

    /// <summary>Bandwidths of the 25 bands in Hz.</summary>
    public static ReadOnlySpan<double> Bandwidths =>
    [
        70.0, 70.0, 70.0, 70.0, 70.0, 70.0, 70.0, 77.3724, 86.0056, 95.3398, 105.411, 116.256, 127.914, 140.423,
        153.823, 168.154, 183.457, 199.776, 217.153, 235.631, 255.255, 276.072, 298.126, 321.465, 346.136,
    ];

    private readonly double[] _window;
    private readonly RealFft _fft;
    private readonly int _bins;
    private readonly double[] _filters; // BandCount × _bins, row-major
    private readonly int[] _filterFirst;
    private readonly int[] _filterEnd;
    private readonly double[] _frame;
    private readonly double[] _power;
    private readonly double[] _imagScratch;
    private readonly double[] _cleanDb = new double[BandCount];
    private readonly double[] _processedDb = new double[BandCount];
    private readonly double[] _cleanSlope = new double[BandCount - 1];
    private readonly double[] _processedSlope = new double[BandCount - 1];
    private readonly double[] _cleanWeight = new double[BandCount - 1];
    private readonly double[] _processedWeight = new double[BandCount - 1];

    /// <summary>Creates the workspace for <paramref name="sampleRate"/> Hz.</summary>
    public WeightedSpectralSlope(int sampleRate = 16000)
        : base(sampleRate)
    {
        int frame = FrameLength;
        _window = CompositeFraming.Window(frame);
        int fftSize = (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(2 * frame));
        _fft = new RealFft(fftSize);
        _bins = fftSize / 2;
        _frame = new double[frame];
        _power = new double[_fft.Bins];
        _imagScratch = new double[_fft.Bins];
        _filters = new double[BandCount * _bins];
        _filterFirst = new int[BandCount];
        _filterEnd = new int[BandCount];
        BuildFilters(sampleRate / 2);
    }

    /// <summary>The weight of band <paramref name="band"/> at FFT bin <paramref name="bin"/> (for tests and plots).</summary>
    public double FilterWeight(int band, int bin) => _filters[(band * _bins) + bin];

    /// <inheritdoc />
    protected override double Frame(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed)
    {
        BandEnergiesDb(clean, _cleanDb);
        BandEnergiesDb(processed, _processedDb);
        Weights(_cleanDb, _cleanSlope, _cleanWeight);
        Weights(_processedDb, _processedSlope, _processedWeight);
        double num = 0, den = 0;
        for (int i = 0; i < BandCount - 1; i++)
        {
            double w = 0.5 * (_cleanWeight[i] + _processedWeight[i]);
            double d = _cleanSlope[i] - _processedSlope[i];
            num += w * d * d;
            den += w;
        }

        return num / den;
    }

    private void BuildFilters(int maxFrequency)
    {
        double narrowest = Bandwidths[0];
        double floor = Math.Exp(-30.0 / (2.0 * 2.303)); // the −30 dB point, with the reference's ln 10 ≈ 2.303
        for (int i = 0; i < BandCount; i++)
        {
            double f0 = CentreFrequencies[i] / maxFrequency * _bins;
            double bw = Bandwidths[i] / maxFrequency * _bins;
            double norm = Math.Log(narrowest) - Math.Log(Bandwidths[i]);
            double centre = Math.Floor(f0);
            int first = _bins, end = 0;
            for (int j = 0; j < _bins; j++)
            {
                double u = (j - centre) / bw;
                double v = Math.Exp((-11.0 * u * u) + norm);
                if (v > floor)
                {
                    _filters[(i * _bins) + j] = v;
                    first = Math.Min(first, j);
                    end = j + 1;
                }
            }

            _filterFirst[i] = first;
            _filterEnd[i] = Math.Max(end, first);
        }
    }

    private void BandEnergiesDb(ReadOnlySpan<double> samples, Span<double> db)
    {
        for (int n = 0; n < _frame.Length; n++)
        {
            _frame[n] = samples[n] / LevelScale * _window[n];
        }

        _fft.PowerSpectrum(_frame, _power, _imagScratch);
        for (int i = 0; i < BandCount; i++)
        {
            ReadOnlySpan<double> filter = _filters.AsSpan(i * _bins, _bins);
            double e = 0;
            for (int j = _filterFirst[i]; j < _filterEnd[i]; j++)
            {
                e += filter[j] * _power[j];
            }

            db[i] = 10.0 * Math.Log10(Math.Max(e, EnergyFloor));
        }
    }

    /// <summary>Slopes between neighbouring bands and Klatt's weights for one signal.</summary>
    private static void Weights(ReadOnlySpan<double> db, Span<double> slope, Span<double> weight)
    {
        const int slopes = BandCount - 1;
        double max = db[0];
        for (int i = 1; i < BandCount; i++)
        {
            max = Math.Max(max, db[i]);
        }

        for (int i = 0; i < slopes; i++)
        {
            slope[i] = db[i + 1] - db[i];
        }

        for (int i = 0; i < slopes; i++)
        {
            double peak;
            if (slope[i] > 0)
            {
                // Rising: walk up to where the slope stops rising. The reference then takes the band just below
                // that point, one short of the local maximum; reproduced as is.
                int n = i;
                while (n < slopes && slope[n] > 0)
                {
                    n++;
                }

                peak = db[n - 1];
            }
            else
            {
                int n = i;
                while (n >= 0 && slope[n] <= 0)
                {
                    n--;
                }

                peak = db[n + 1];
            }

            weight[i] = KMax / (KMax + max - db[i]) * (KLocMax / (KLocMax + peak - db[i]));
        }
    }
}
