namespace Perceptor.Quality.Stoi;

/// <summary>
/// Short-Time Objective Intelligibility, following Taal et al., "An Algorithm for Intelligibility Prediction of
/// Time–Frequency Weighted Noisy Speech", IEEE TASLP 19(7), 2011, as its reference MATLAB implementation computes it
/// (not pystoi, which differs by up to ~0.01): signals at 10 kHz (band-limited polyphase resampling), silent frames
/// removed (256-sample Hann frames, hop 128, frames more than 40 dB below the loudest clean frame dropped; energies
/// measured on frames one sample earlier, the first wrapping to the last sample, a quirk of the reference), 512-point
/// DFT, 15 one-third-octave bands from 150 Hz, 30-frame (384 ms) segments, the processed envelope normalised and
/// clipped at a −15 dB signal-to-distortion ratio (Eq. 3), and the mean correlation over bands and segments (Eq. 4–5).
/// A workspace (buffers grow to the longest input seen): one instance per thread.
/// </summary>
public sealed class StoiCalculator
{
    /// <summary>Internal sample rate in Hz.</summary>
    public const int InternalRate = 10000;

    /// <summary>Frame length in samples at the internal rate.</summary>
    public const int FrameLength = 256;

    /// <summary>Hop between frames.</summary>
    public const int Hop = FrameLength / 2;

    /// <summary>DFT size.</summary>
    public const int FftSize = 512;

    /// <summary>Number of one-third-octave bands.</summary>
    public const int BandCount = 15;

    /// <summary>Centre frequency of the first band in Hz.</summary>
    public const double FirstCentre = 150.0;

    /// <summary>Frames per intermediate-intelligibility segment (384 ms).</summary>
    public const int SegmentFrames = 30;

    /// <summary>Lower signal-to-distortion bound β in dB.</summary>
    public const double LowerSdrDb = -15.0;

    /// <summary>Dynamic range kept by silent-frame removal in dB.</summary>
    public const double DynamicRangeDb = 40.0;

    private static readonly double ClipFactor = 1.0 + Math.Pow(10.0, -LowerSdrDb / 20.0);

    private readonly StoiFrontEnd _frontEnd;
    private readonly double[] _clippedRow = new double[SegmentFrames];

    /// <summary>Creates the workspace.</summary>
    public StoiCalculator()
        : this(new StoiFrontEnd())
    {
    }

    /// <summary>A calculator that scores the envelopes of <paramref name="frontEnd"/> (shared with ESTOI in one scorer).</summary>
    internal StoiCalculator(StoiFrontEnd frontEnd) => _frontEnd = frontEnd;

    /// <summary>The band layout (for tests and plots).</summary>
    public ThirdOctaveBands Bands => _frontEnd.Bands;

    /// <summary>STOI of <paramref name="processed"/> against <paramref name="clean"/> (equal lengths), NaN when undefined.</summary>
    public double Compute(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate) =>
        Compute(clean, processed, sampleRate, out _);

    /// <summary>
    /// STOI in [−1, 1] (in practice [0, 1]); NaN with <paramref name="failure"/> saying why when it is undefined
    /// (too short, silent clean signal, fewer than 30 frames of speech, a flat band envelope).
    /// </summary>
    public double Compute(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate, out string? failure) =>
        _frontEnd.Analyse(clean, processed, sampleRate, out failure) ? ScoreAnalysed(out failure) : double.NaN;

    /// <summary>STOI of the envelopes the front end holds from its last successful analysis (Eq. 5).</summary>
    internal double ScoreAnalysed(out string? failure)
    {
        int frames = _frontEnd.Frames;
        double sum = 0;
        int segments = frames - SegmentFrames + 1;
        for (int m = SegmentFrames - 1; m < frames; m++)
        {
            sum += SegmentScore(frames, m - SegmentFrames + 1);
        }

        double score = sum / segments;
        failure = double.IsNaN(score) ? "undefined: a band envelope is flat or zero (silent processed signal?)" : null;
        return score;
    }

    /// <summary>Intermediate intelligibility of the segment starting at frame <paramref name="first"/> (Eq. 4, averaged over bands).</summary>
    private double SegmentScore(int frames, int first)
    {
        ReadOnlySpan<double> clean = _frontEnd.Clean;
        ReadOnlySpan<double> processed = _frontEnd.Processed;
        double total = 0;
        for (int k = 0; k < BandCount; k++)
        {
            ReadOnlySpan<double> xRow = clean.Slice((k * frames) + first, SegmentFrames);
            ReadOnlySpan<double> yRow = processed.Slice((k * frames) + first, SegmentFrames);
            double xx = 0, yy = 0;
            for (int t = 0; t < SegmentFrames; t++)
            {
                xx += xRow[t] * xRow[t];
                yy += yRow[t] * yRow[t];
            }

            double alpha = Math.Sqrt(xx / yy);
            double xMean = 0, yMean = 0;
            for (int t = 0; t < SegmentFrames; t++)
            {
                // NaN (from 0/0 or ∞·0) must survive the clipping as it does in numpy's minimum.
                double scaled = alpha * yRow[t];
                double bound = xRow[t] * ClipFactor;
                double clipped = double.IsNaN(scaled) ? double.NaN : Math.Min(scaled, bound);
                _clippedRow[t] = clipped;
                xMean += xRow[t];
                yMean += clipped;
            }

            xMean /= SegmentFrames;
            yMean /= SegmentFrames;
            double sxy = 0, sxx = 0, syy = 0;
            for (int t = 0; t < SegmentFrames; t++)
            {
                double a = xRow[t] - xMean;
                double b = _clippedRow[t] - yMean;
                sxy += a * b;
                sxx += a * a;
                syy += b * b;
            }

            total += sxy / (Math.Sqrt(sxx) * Math.Sqrt(syy));
        }

        return total / BandCount;
    }
}
