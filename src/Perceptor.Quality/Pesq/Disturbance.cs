using System.Numerics;
using System.Runtime.CompilerServices;
using Perceptor.Audio.Dsp;
using Perceptor.Quality.Dsp;

namespace Perceptor.Quality.Pesq;

/// <summary>
/// Disturbance processing and aggregation (P.862 10.2.2 to 10.2.4): per frame the loudness difference
/// with a dead zone, its Bark-weighted L2 norm (symmetric) and, weighted by the asymmetry factor, its L1 norm
/// (asymmetric); re-alignment of bad intervals; normalisation by the frame's audible power; then an L6 average
/// over 320 ms "syllables" and an L2 average over time. One instance per workspace.
/// </summary>
internal sealed class Disturbance
{
    private const float BadFrameLevel = 30f;
    private const float DisturbanceCap = 45f;
    private const int MaxBadIntervals = 1000;
    private const int SyllableFrames = 20;
    private const int SyllableHop = 10;

    private readonly PesqWorkspace _ws;
    private float[] _symmetric = [];
    private float[] _asymmetric = [];
    private float[] _degLoudness = [];
    private float[] _density = [];
    private float[] _scratchPitch = [];
    private bool[] _bad = [];
    private float[] _realigned = [];
    private float[] _realigned2 = [];
    private double[] _segA = [];
    private double[] _segB = [];
    private (int First, int Last)[] _skips = new (int, int)[UtteranceSet.SplitLimit];
    private (int Start, int Stop)[] _intervals = new (int, int)[64];
    private (int Start, int Delay)[] _segments = new (int, int)[UtteranceSet.SplitLimit + 1];

    public Disturbance(PesqWorkspace workspace) => _ws = workspace;

    /// <summary>Aggregated symmetric disturbance of the last pair.</summary>
    public double Symmetric { get; private set; }

    /// <summary>Aggregated asymmetric disturbance of the last pair.</summary>
    public double Asymmetric { get; private set; }

    /// <summary>Runs the disturbance stage over the model's frames and sets <see cref="Symmetric"/> and <see cref="Asymmetric"/>.</summary>
    public void Compute(PerceptualModel model, UtteranceSet utterances, float[] degModel, float[] refModel)
    {
        var rate = model.Rate;
        var bands = rate.Bands;
        int count = bands.Count;
        int frameStart = model.FrameStart, frameStop = model.FrameStop;
        int frames = frameStop + 1;
        PesqWorkspace.Ensure(ref _symmetric, Math.Max(frames, 1));
        PesqWorkspace.Ensure(ref _asymmetric, Math.Max(frames, 1));
        PesqWorkspace.Ensure(ref _degLoudness, count);
        PesqWorkspace.Ensure(ref _density, count);
        PesqWorkspace.Ensure(ref _scratchPitch, count);
        PesqWorkspace.Ensure(ref _bad, Math.Max(frames, 1));
        Array.Clear(_symmetric, 0, Math.Max(frames, 1));
        Array.Clear(_asymmetric, 0, Math.Max(frames, 1));

        bool anyBad = false;
        float previous = 1f;
        var refAudible = model.RefAudible;

        // The gain-compensation state runs from the first frame of the signal, even when leading silence of the
        // reference keeps those frames out of the aggregation.
        for (int frame = 0; frame <= frameStop; frame++)
        {
            var refPitch = model.RefPitch(frame);
            var degPitch = model.DegPitch(frame);
            float audible = model.AudiblePower(refPitch, 1f);
            refAudible[frame] = audible;
            PerceptualModel.ScaleDegraded(frame, audible, degPitch, bands, ref previous);
            var refLoudness = model.RefLoudness(frame);
            PerceptualModel.Loudness(refPitch, bands, refLoudness);
            PerceptualModel.Loudness(degPitch, bands, _degLoudness.AsSpan(0, count));
            var (sym, asym) = FrameDisturbance(refLoudness, _degLoudness.AsSpan(0, count), refPitch, degPitch, bands);
            _symmetric[frame] = sym;
            _asymmetric[frame] = asym;
            anyBad |= sym > BadFrameLevel;
        }

        PesqWorkspace.Ensure(ref _skips, utterances.Count);
        int skipCount = TimeAlignment.SkippedFrameRanges(utterances, rate, _skips);
        for (int s = 0; s < skipCount; s++)
        {
            int last = Math.Min(_skips[s].Last, frameStop - 1);
            for (int frame = Math.Max(_skips[s].First, 0); frame <= last; frame++)
            {
                _symmetric[frame] = 0;
                _asymmetric[frame] = 0;
            }
        }

        if (anyBad)
        {
            RealignBadIntervals(model, utterances, degModel, refModel);
        }

        // 10.2.2.5: normalise by the reference frame's audible power, then cap.
        for (int frame = frameStart; frame <= frameStop; frame++)
        {
            float h = (float)Math.Pow((refAudible[frame] + 1e5) / 1e7, 0.04);
            _symmetric[frame] = Math.Min(_symmetric[frame] / h, DisturbanceCap);
            _asymmetric[frame] = Math.Min(_asymmetric[frame] / h, DisturbanceCap);
        }

        // Long signals weigh later frames more.
        double weightSlope = 0, weightFrames = 1;
        if (frameStop + 1 > 1000)
        {
            weightFrames = ((model.Nominal - (2 * rate.Margin)) / rate.Hop) - 1;
            weightSlope = Math.Min((weightFrames - 1000) / 5500, 0.5);
        }

        Symmetric = Aggregate(_symmetric, frameStart, frameStop, weightSlope, weightFrames);
        Asymmetric = Aggregate(_asymmetric, frameStart, frameStop, weightSlope, weightFrames);
    }

    /// <summary>Symmetric (L2) and asymmetric (L1) Bark-weighted norms of one frame's disturbance density.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (float Symmetric, float Asymmetric) FrameDisturbance(ReadOnlySpan<float> refLoudness,
        ReadOnlySpan<float> degLoudness, ReadOnlySpan<float> refPitch, ReadOnlySpan<float> degPitch,
        BarkBandTable bands)
    {
        int count = bands.Count;
        var d = _density.AsSpan(0, count);
        for (int b = 0; b < count; b++)
        {
            float diff = degLoudness[b] - refLoudness[b];
            float dead = 0.25f * Math.Min(degLoudness[b], refLoudness[b]);
            if (diff > dead)
            {
                diff -= dead;
            }
            else if (diff < -dead)
            {
                diff += dead;
            }
            else
            {
                diff = 0;
            }

            d[b] = diff;
        }

        float sym = WeightedNorm(d, bands, 2);
        for (int b = 0; b < count; b++)
        {
            double ratio = (degPitch[b] + 50.0) / (refPitch[b] + 50.0);

            // h = ratio^1.2, set to 0 below 3 and capped at 12; outside (2.4, 8.1) the bounds decide without pow.
            double h;
            if (ratio <= 2.4)
            {
                h = 0;
            }
            else if (ratio >= 8.1)
            {
                h = 12;
            }
            else
            {
                h = Math.Pow(ratio, 1.2);
                if (h > 12)
                {
                    h = 12;
                }
                else if (h < 3)
                {
                    h = 0;
                }
            }

            d[b] = (float)(d[b] * h);
        }

        float asym = WeightedNorm(d, bands, 1);
        return (sym, asym);
    }

    /// <summary>(sum over bands 1.. of (|d| w)^p / sum w)^(1/p) times sum w, with w the Bark widths.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float WeightedNorm(ReadOnlySpan<float> d, BarkBandTable bands, int p)
    {
        double sum = 0;
        for (int b = 1; b < d.Length; b++)
        {
            double x = Math.Abs(d[b]) * (double)bands.Widths[b];
            sum += p == 2 ? x * x : x;
        }

        double mean = sum / bands.WidthSum;
        double norm = p == 2 ? Math.Sqrt(mean) : mean;
        return (float)(norm * bands.WidthSum);
    }

    /// <summary>
    /// Bad intervals: runs of at least five frames whose symmetric disturbance exceeds 30
    /// (after a two-frame dilation) get their own delay from an envelope cross-correlation, and their frames keep
    /// the smaller of the old and the re-aligned disturbance.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RealignBadIntervals(PerceptualModel model, UtteranceSet utterances, float[] degModel,
        float[] refModel)
    {
        var rate = model.Rate;
        int frameStop = model.FrameStop;
        int nominal = model.Nominal;
        int pad = rate.Padding, margin = rate.Margin, hop = rate.Hop, f = rate.FrameLength;

        var bad = _bad.AsSpan(0, frameStop + 1);
        for (int frame = 0; frame <= frameStop; frame++)
        {
            bad[frame] = frame > 0 && _symmetric[frame] > BadFrameLevel;
        }

        int intervals = 0;
        int runStart = -1;
        for (int frame = 0; frame <= frameStop; frame++)
        {
            bool dilated = false;
            if (frame >= 2 && frame <= frameStop - 2)
            {
                bool left = bad[frame] || bad[frame - 1] || bad[frame - 2];
                bool right = bad[frame] || bad[frame + 1] || bad[frame + 2];
                dilated = left && right;
            }

            if (dilated && runStart < 0)
            {
                runStart = frame;
            }
            else if (!dilated && runStart >= 0)
            {
                if (frame - runStart >= 5 && intervals < MaxBadIntervals)
                {
                    if (intervals == _intervals.Length)
                    {
                        Array.Resize(ref _intervals, _intervals.Length * 2);
                    }

                    _intervals[intervals++] = (runStart, frame);
                }

                runStart = -1;
            }
        }

        if (intervals == 0)
        {
            return;
        }

        // The degraded signal re-aligned sample by sample with the utterance delays.
        int length = nominal + pad;
        PesqWorkspace.Ensure(ref _realigned, length);
        PesqWorkspace.Ensure(ref _realigned2, length);
        var t = _realigned.AsSpan(0, length);
        t.Clear();
        int lo = margin, hi = length - margin - 1;
        PesqWorkspace.Ensure(ref _segments, utterances.Count + 1);
        int segmentCount = utterances.DelaySegments(rate.Window, _segments);
        for (int k = 0; k < segmentCount; k++)
        {
            int from = Math.Max(_segments[k].Start, margin);
            int to = k + 1 < segmentCount ? Math.Min(_segments[k + 1].Start, length - margin) : length - margin;
            int delay = _segments[k].Delay;
            for (int i = from; i < to; i++)
            {
                t[i] = degModel[Math.Clamp(i + delay, lo, hi)];
            }
        }

        var t2 = _realigned2.AsSpan(0, length);
        t.CopyTo(t2);
        int search = 4 * f;
        Span<int> delays = intervals <= 256 ? stackalloc int[intervals] : new int[intervals];
        for (int k = 0; k < intervals; k++)
        {
            var (a, b) = _intervals[k];
            int startSample = (a * hop) + margin;
            int stopSample = (b * hop) + f + margin;
            delays[k] = IntervalDelay(refModel, t, startSample, stopSample, search, lo, hi);
        }

        for (int k = 0; k < intervals; k++)
        {
            var (a, b) = _intervals[k];
            int startSample = (a * hop) + margin;
            int stopSample = (b * hop) + f + margin;
            for (int i = startSample; i < stopSample; i++)
            {
                int j = Math.Clamp(i + delays[k], 0, nominal - 1);
                t2[i] = t[j];
            }
        }

        var bands = rate.Bands;
        int count = bands.Count;
        var degPitch = _scratchPitch.AsSpan(0, count);
        var degLoudness = _degLoudness.AsSpan(0, count);
        for (int k = 0; k < intervals; k++)
        {
            var (a, b) = _intervals[k];
            b = Math.Min(b, frameStop);
            float previous = 1f;
            for (int frame = a; frame < b; frame++)
            {
                int start = margin + (frame * hop);
                model.PitchDensity(_realigned2, start, degPitch);
                PerceptualModel.ScaleDegraded(frame, model.RefAudible[frame], degPitch, bands, ref previous);
                PerceptualModel.Loudness(degPitch, bands, degLoudness);
                var (sym, asym) = FrameDisturbance(model.RefLoudness(frame), degLoudness, model.RefPitch(frame), degPitch, bands);
                _symmetric[frame] = Math.Min(_symmetric[frame], sym);
                _asymmetric[frame] = Math.Min(_asymmetric[frame], asym);
            }
        }
    }

    /// <summary>
    /// Delay of one bad interval: the lag within +-<paramref name="search"/> maximising the normalised circular
    /// cross-correlation of the sample magnitudes of reference and re-aligned degraded signal; 0 when the best
    /// normalised value is below 0.5 or either segment is silent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int IntervalDelay(float[] refModel, ReadOnlySpan<float> realigned, int startSample, int stopSample,
        int search, int lo, int hi)
    {
        int n = stopSample - startSample;
        int m = (2 * search) + n;
        int size = (int)BitOperations.RoundUpToPowerOf2((uint)(2 * m));
        PesqWorkspace.Ensure(ref _segA, size);
        PesqWorkspace.Ensure(ref _segB, size);
        var segA = _segA.AsSpan(0, size);
        var segB = _segB.AsSpan(0, size);
        segA.Clear();
        segB.Clear();
        double powerA = 0, powerB = 0;
        for (int i = 0; i < n; i++)
        {
            double x = Math.Abs(refModel[startSample + i]);
            segA[search + i] = x;
            powerA += x * x;
        }

        for (int i = 0; i < m; i++)
        {
            int j = Math.Clamp(startSample - search + i, lo, hi);
            double x = Math.Abs(realigned[j]);
            segB[i] = x;
            powerB += x * x;
        }

        if (powerA / size <= 1e-6 || powerB / size <= 1e-6)
        {
            return 0;
        }

        RealFft plan = _ws.Plan(size);
        int bins = plan.Bins;
        var spec = _ws.SpectrumScratch(bins);
        plan.Forward(segA[..m], spec.Re1, spec.Im1);
        plan.Forward(segB[..m], spec.Re2, spec.Im2);
        for (int k = 0; k < bins; k++)
        {
            double r1 = spec.Re1[k], i1 = spec.Im1[k], r2 = spec.Re2[k], i2 = spec.Im2[k];
            spec.Re1[k] = (r1 * r2) + (i1 * i2);
            spec.Im1[k] = (r1 * i2) - (i1 * r2);
        }

        plan.Inverse(spec.Re1, spec.Im1, segA);
        double norm = Math.Sqrt(powerA * powerB);
        double best = 0;
        int bestLag = 0;
        for (int tau = -search; tau < search; tau++)
        {
            double h = Math.Abs(segA[tau & (size - 1)]) / norm;
            if (h > best)
            {
                best = h;
                bestLag = tau;
            }
        }

        return best < 0.5 ? 0 : bestLag;
    }

    /// <summary>
    /// L6 over 20-frame syllables every 10 frames, then a time-weighted L2 over syllables (10.2.4).
    /// </summary>
    private static double Aggregate(float[] values, int frameStart, int frameStop, double slope, double frames)
    {
        double sum = 0, weights = 0;
        for (int s = frameStart; s <= frameStop; s += SyllableHop)
        {
            double syllable = 0;
            int end = Math.Min(s + SyllableFrames - 1, frameStop);
            for (int f = s; f <= end; f++)
            {
                double x = values[f];
                double x2 = x * x;
                syllable += x2 * x2 * x2;
            }

            syllable = Math.Pow(syllable / SyllableFrames, 1.0 / 6);
            double w = (1 - slope) + (slope * (s - frameStart) / frames);
            sum += w * syllable * (w * syllable);
            weights += w * w;
        }

        return weights > 0 ? Math.Sqrt(sum / weights) : 0;
    }
}
