using Perceptor.Audio.Dsp;
using Perceptor.Audio.Resampling;

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

    private readonly double[] _window = new double[FrameLength];
    private readonly ThirdOctaveBands _bands = new(InternalRate, FftSize, BandCount, FirstCentre);
    private readonly RealFft _fft = new(FftSize);
    private readonly double[] _frame = new double[FrameLength];
    private readonly double[] _power = new double[(FftSize / 2) + 1];
    private readonly double[] _imagScratch = new double[(FftSize / 2) + 1];
    private readonly double[] _clippedRow = new double[SegmentFrames];
    private double[] _x = [];
    private double[] _y = [];
    private double[] _xKept = [];
    private double[] _yKept = [];
    private double[] _energy = [];
    private double[] _xEnvelope = [];
    private double[] _yEnvelope = [];

    /// <summary>Creates the workspace.</summary>
    public StoiCalculator()
    {
        // Hann window of 258 points without its two zero end points.
        for (int n = 0; n < FrameLength; n++)
        {
            _window[n] = 0.5 * (1.0 - Math.Cos(2.0 * Math.PI * (n + 1) / (FrameLength + 1)));
        }
    }

    /// <summary>The band layout (for tests and plots).</summary>
    public ThirdOctaveBands Bands => _bands;

    /// <summary>STOI of <paramref name="processed"/> against <paramref name="clean"/> (equal lengths), NaN when undefined.</summary>
    public double Compute(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate) =>
        Compute(clean, processed, sampleRate, out _);

    /// <summary>
    /// STOI in [−1, 1] (in practice [0, 1]); NaN with <paramref name="failure"/> saying why when it is undefined
    /// (too short, silent clean signal, fewer than 30 frames of speech, a flat band envelope).
    /// </summary>
    public double Compute(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate, out string? failure)
    {
        if (clean.Length != processed.Length)
        {
            throw new ArgumentException(
                $"clean has {clean.Length} samples and processed {processed.Length}: apply the length rule first");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        int length = LoadAtInternalRate(clean, processed, sampleRate);
        int kept = RemoveSilentFrames(length);
        if (kept < 0)
        {
            failure = "signal too short for STOI (under 257 samples at 10 kHz)";
            return double.NaN;
        }

        if (kept == 0)
        {
            failure = "clean signal is silent (no frame to keep)";
            return double.NaN;
        }

        // The STFT keeps ⌊(L − 256)/128⌋ frames of the rebuilt signals, one fewer than were kept.
        int frames = kept - 1;
        if (frames < SegmentFrames)
        {
            failure = $"too little speech for STOI: {frames} frames after silence removal, {SegmentFrames} needed";
            return double.NaN;
        }

        Envelopes(_xKept, frames, ref _xEnvelope);
        Envelopes(_yKept, frames, ref _yEnvelope);
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

    private int LoadAtInternalRate(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate)
    {
        int length;
        if (sampleRate == InternalRate)
        {
            length = clean.Length;
            Ensure(ref _x, length);
            Ensure(ref _y, length);
            clean.CopyTo(_x);
            processed.CopyTo(_y);
        }
        else
        {
            var plan = Resampler.PlanFor(sampleRate, InternalRate);
            length = plan.OutputLength(clean.Length);
            Ensure(ref _x, length);
            Ensure(ref _y, length);
            plan.Process(clean, _x.AsSpan(0, length));
            plan.Process(processed, _y.AsSpan(0, length));
        }

        return length;
    }

    /// <summary>
    /// Drops frames of the clean signal more than 40 dB below its loudest frame and overlap-adds the kept windowed
    /// frames of both signals consecutively into <see cref="_xKept"/>/<see cref="_yKept"/>. Returns the number of
    /// frames kept, or −1 when the signal holds no frame at all.
    /// </summary>
    private int RemoveSilentFrames(int length)
    {
        ReadOnlySpan<double> x = _x.AsSpan(0, length);
        ReadOnlySpan<double> y = _y.AsSpan(0, length);
        int count = length > FrameLength ? (length - FrameLength + Hop - 1) / Hop : 0;
        if (count == 0)
        {
            return -1;
        }

        Ensure(ref _energy, count);
        double max = double.NegativeInfinity;
        for (int j = 0; j < count; j++)
        {
            // The reference indexes frame j from start − 1 (MATLAB's 1-based ranges ported to 0-based), so the
            // first frame's first sample is the signal's last one.
            int start = (j * Hop) - 1;
            double sum = 0;
            for (int n = 0; n < FrameLength; n++)
            {
                int i = start + n;
                double v = x[i < 0 ? i + length : i] * _window[n];
                sum += v * v;
            }

            _energy[j] = 20.0 * Math.Log10(Math.Sqrt(sum) / Math.Sqrt(FrameLength));
            max = Math.Max(max, _energy[j]);
        }

        int kept = 0;
        for (int j = 0; j < count; j++)
        {
            if (_energy[j] - max + DynamicRangeDb > 0)
            {
                kept++;
            }
        }

        if (kept == 0)
        {
            return 0;
        }

        int keptLength = ((kept - 1) * Hop) + FrameLength;
        Ensure(ref _xKept, keptLength);
        Ensure(ref _yKept, keptLength);
        Span<double> xs = _xKept.AsSpan(0, keptLength);
        Span<double> ys = _yKept.AsSpan(0, keptLength);
        xs.Clear();
        ys.Clear();
        int outStart = 0;
        for (int j = 0; j < count; j++)
        {
            if (_energy[j] - max + DynamicRangeDb > 0)
            {
                int inStart = j * Hop;
                for (int n = 0; n < FrameLength; n++)
                {
                    xs[outStart + n] += x[inStart + n] * _window[n];
                    ys[outStart + n] += y[inStart + n] * _window[n];
                }

                outStart += Hop;
            }
        }

        return kept;
    }

    /// <summary>One-third-octave band envelopes, band-major: envelope[k·frames + t] = √(Σ_bins |X_t|²).</summary>
    private void Envelopes(double[] signal, int frames, ref double[] envelope)
    {
        Ensure(ref envelope, BandCount * frames);
        for (int t = 0; t < frames; t++)
        {
            int start = t * Hop;
            for (int n = 0; n < FrameLength; n++)
            {
                _frame[n] = signal[start + n] * _window[n];
            }

            _fft.PowerSpectrum(_frame, _power, _imagScratch);
            for (int k = 0; k < BandCount; k++)
            {
                double e = 0;
                for (int b = _bands.Low[k]; b < _bands.High[k]; b++)
                {
                    e += _power[b];
                }

                envelope[(k * frames) + t] = Math.Sqrt(e);
            }
        }
    }

    /// <summary>Intermediate intelligibility of the segment starting at frame <paramref name="first"/> (Eq. 4, averaged over bands).</summary>
    private double SegmentScore(int frames, int first)
    {
        double total = 0;
        for (int k = 0; k < BandCount; k++)
        {
            ReadOnlySpan<double> xRow = _xEnvelope.AsSpan((k * frames) + first, SegmentFrames);
            ReadOnlySpan<double> yRow = _yEnvelope.AsSpan((k * frames) + first, SegmentFrames);
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

    private static void Ensure(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[length];
        }
    }
}
