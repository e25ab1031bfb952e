using Perceptor.Audio.Dsp;
using Perceptor.Audio.Resampling;

namespace Perceptor.Quality.Stoi;

/// <summary>
/// The front end STOI (Taal et al. 2011, Sec. II-A) and ESTOI (Jensen &amp; Taal 2016, Sec. III-A) share: both
/// signals at 10 kHz, frames of the clean signal more than 40 dB below its loudest frame removed from both, then
/// one-third-octave band envelopes of 256-sample Hann frames (hop 128, 512-point DFT, 15 bands from 150 Hz). The
/// envelopes are stored band-major, <c>envelope[k·Frames + t]</c>. Written once so that the two measures cannot
/// drift apart; they score the same envelopes differently. A workspace (buffers grow to the longest input seen):
/// one instance per thread.
/// </summary>
internal sealed class StoiFrontEnd
{
    private const int FrameLength = StoiCalculator.FrameLength;
    private const int Hop = StoiCalculator.Hop;
    private const int BandCount = StoiCalculator.BandCount;

    private readonly double[] _window = new double[FrameLength];
    private readonly ThirdOctaveBands _bands = new(StoiCalculator.InternalRate, StoiCalculator.FftSize, BandCount, StoiCalculator.FirstCentre);
    private readonly RealFft _fft = new(StoiCalculator.FftSize);
    private readonly double[] _frame = new double[FrameLength];
    private readonly double[] _power = new double[(StoiCalculator.FftSize / 2) + 1];
    private readonly double[] _imagScratch = new double[(StoiCalculator.FftSize / 2) + 1];
    private double[] _x = [];
    private double[] _y = [];
    private double[] _xKept = [];
    private double[] _yKept = [];
    private double[] _energy = [];
    private double[] _xEnvelope = [];
    private double[] _yEnvelope = [];

    public StoiFrontEnd()
    {
        // Hann window of 258 points without its two zero end points.
        for (int n = 0; n < FrameLength; n++)
        {
            _window[n] = 0.5 * (1.0 - Math.Cos(2.0 * Math.PI * (n + 1) / (FrameLength + 1)));
        }
    }

    /// <summary>The band layout.</summary>
    public ThirdOctaveBands Bands => _bands;

    /// <summary>Frames of the last successful <see cref="Analyse"/>; 0 after a failed one.</summary>
    public int Frames { get; private set; }

    /// <summary>Band envelopes of the clean signal from the last <see cref="Analyse"/> (band-major).</summary>
    public ReadOnlySpan<double> Clean => _xEnvelope.AsSpan(0, BandCount * Frames);

    /// <summary>Band envelopes of the processed signal from the last <see cref="Analyse"/> (band-major).</summary>
    public ReadOnlySpan<double> Processed => _yEnvelope.AsSpan(0, BandCount * Frames);

    /// <summary>
    /// Computes both signals' envelopes. Returns false with <paramref name="failure"/> saying why when the signals
    /// are too short, the clean one is silent, or fewer than 30 frames of speech are left (no 384 ms segment).
    /// </summary>
    public bool Analyse(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate, out string? failure)
    {
        if (clean.Length != processed.Length)
        {
            throw new ArgumentException(
                $"clean has {clean.Length} samples and processed {processed.Length}: apply the length rule first");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 1);
        Frames = 0;
        int length = LoadAtInternalRate(clean, processed, sampleRate);
        int kept = RemoveSilentFrames(length);
        if (kept < 0)
        {
            failure = "signal too short for STOI/ESTOI (under 257 samples at 10 kHz)";
            return false;
        }

        if (kept == 0)
        {
            failure = "clean signal is silent (no frame to keep)";
            return false;
        }

        // The STFT keeps ⌊(L − 256)/128⌋ frames of the rebuilt signals, one fewer than were kept.
        int frames = kept - 1;
        if (frames < StoiCalculator.SegmentFrames)
        {
            failure = $"too little speech for STOI/ESTOI: {frames} frames after silence removal, {StoiCalculator.SegmentFrames} needed";
            return false;
        }

        Envelopes(_xKept, frames, ref _xEnvelope);
        Envelopes(_yKept, frames, ref _yEnvelope);
        Frames = frames;
        failure = null;
        return true;
    }

    private int LoadAtInternalRate(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, int sampleRate)
    {
        int length;
        if (sampleRate == StoiCalculator.InternalRate)
        {
            length = clean.Length;
            Ensure(ref _x, length);
            Ensure(ref _y, length);
            clean.CopyTo(_x);
            processed.CopyTo(_y);
        }
        else
        {
            var plan = Resampler.PlanFor(sampleRate, StoiCalculator.InternalRate);
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
            if (_energy[j] - max + StoiCalculator.DynamicRangeDb > 0)
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
            if (_energy[j] - max + StoiCalculator.DynamicRangeDb > 0)
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

    private static void Ensure(ref double[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new double[length];
        }
    }
}
