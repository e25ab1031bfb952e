using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Perceptor.Audio.Dsp;
using Perceptor.Quality.Dsp;

namespace Perceptor.Quality.Pesq;

/// <summary>
/// Time alignment (P.862 10.3): a coarse delay from the correlation of the two
/// log-VAD envelopes, utterances located in the reference, a per-utterance coarse delay and a fine delay from a
/// histogram of frame-wise cross-correlation peaks, then the splitting of utterances whose delay changes inside
/// them. One instance per workspace; it owns its scratch memory.
/// </summary>
internal sealed class TimeAlignment
{
    /// <summary>Shortest reference speech run, in VAD windows, that counts as an utterance.</summary>
    private const int MinUtteranceWindows = 50;

    /// <summary>Speech windows an utterance needs before a split is tried.</summary>
    private const int MinSplitWindows = 200;

    /// <summary>Most breakpoints tried per split attempt.</summary>
    private const int MaxCandidates = 40;

    private readonly PesqWorkspace _ws;
    private PesqRate _rate = PesqRate.Rate8k;
    private float[] _refWork = [];
    private float[] _degWork = [];
    private float[] _refEnergy = [];
    private float[] _refLog = [];
    private float[] _degLog = [];
    private int _refWindows;
    private int _degWindows;
    private int _degNominal;

    private double[] _histogram = [];
    private double[] _smoothed = [];
    private double[] _frameCorrelation = [];
    private float[] _frameMagnitude = [];
    private double[] _coarseA = [];
    private double[] _coarseB = [];
    private float[] _splitWindow = [];
    private bool _captureSplitWindow;

    // Votes of the frame pairs correlated so far in this pair, by (reference cursor, degraded cursor, window
    // version): the passes of the fine alignment and of the splits meet many frame pairs more than once.
    private readonly Dictionary<(int Ref, int Deg, int Window), (int Start, int Count, double Vote)> _frameVotes = [];
    private int[] _voteLags = [];
    private int _voteLagCount;

    // The split window's contents: 0 while it is the Hann window, else which of this pair's altered windows it is.
    private int _splitWindowVersion;
    private int _alteredWindows;

    private readonly int[] _breakpoints = new int[MaxCandidates];
    private readonly int[] _leftEstimate = new int[MaxCandidates];
    private readonly int[] _rightEstimate = new int[MaxCandidates];
    private readonly int[] _forwardDelay = new int[MaxCandidates];
    private readonly int[] _backwardDelay = new int[MaxCandidates];
    private readonly double[] _forwardConfidence = new double[MaxCandidates];
    private readonly double[] _backwardConfidence = new double[MaxCandidates];
    private readonly bool[] _forwardDone = new bool[MaxCandidates];
    private readonly bool[] _backwardDone = new bool[MaxCandidates];

    public TimeAlignment(PesqWorkspace workspace) => _ws = workspace;

    /// <summary>The whole-signal coarse delay of the last run, in samples.</summary>
    public int GlobalCoarseDelay { get; private set; }

    /// <summary>
    /// Binds the working signals (after DC removal and the input cascade) and their VAD output for one pair.
    /// </summary>
    public void Bind(PesqRate rate, float[] refWork, float[] degWork, int refNominal, int degNominal,
        float[] refEnergy, float[] refLog, float[] degLog)
    {
        _rate = rate;
        _refWork = refWork;
        _degWork = degWork;
        _degNominal = degNominal;
        _refEnergy = refEnergy;
        _refLog = refLog;
        _degLog = degLog;
        _refWindows = refNominal / rate.Window;
        _degWindows = degNominal / rate.Window;

        int a = rate.AlignLength;
        PesqWorkspace.Ensure(ref _histogram, a);
        PesqWorkspace.Ensure(ref _smoothed, a);
        PesqWorkspace.Ensure(ref _frameCorrelation, a);
        PesqWorkspace.Ensure(ref _frameMagnitude, a);
        PesqWorkspace.Ensure(ref _splitWindow, a);
        _frameVotes.Clear();
        _voteLagCount = 0;
        _alteredWindows = 0;
    }

    /// <summary>
    /// Coarse delay and utterance search (1.9, 1.11). Fills <paramref name="utterances"/> with search windows and
    /// raw boundaries; returns false when the reference holds no utterance.
    /// </summary>
    public bool LocateUtterances(UtteranceSet utterances)
    {
        int w = _rate.Window;
        GlobalCoarseDelay = CoarseLag(_refLog.AsSpan(0, _refWindows), _degLog.AsSpan(0, _degWindows));
        int lowBound = MinUtteranceWindows - (GlobalCoarseDelay / w);
        int highBound = ((_degNominal - GlobalCoarseDelay) / w) - MinUtteranceWindows;
        int margin = PesqRate.MarginWindows;

        utterances.Clear();
        int count = _refWindows;
        var e = _refEnergy.AsSpan(0, count);
        bool inRun = false;
        int runStart = 0;
        for (int v = 0; v < count; v++)
        {
            if (!inRun && e[v] > 0)
            {
                inRun = true;
                runStart = v;
            }

            if (inRun && (e[v] <= 0 || v == count - 1))
            {
                inRun = false;
                int runEnd = v;
                if (runEnd - runStart >= MinUtteranceWindows && runStart < highBound && runEnd > lowBound)
                {
                    utterances.Add(Math.Max(runStart - margin, 0), Math.Min(runEnd + margin, count - 1), runStart,
                        runEnd);
                }
            }
        }

        return utterances.Count > 0;
    }

    /// <summary>
    /// Per-utterance coarse and fine delays (1.9 step 7, 1.10), boundaries (1.12) and splitting (1.13).
    /// </summary>
    public void AlignUtterances(UtteranceSet utterances)
    {
        for (int u = 0; u < utterances.Count; u++)
        {
            int coarse = UtteranceCoarse(utterances.SearchStart[u], utterances.SearchEnd[u], GlobalCoarseDelay);
            utterances.Coarse[u] = coarse;
            var (delay, confidence) = FineDelay(utterances.SearchStart[u], utterances.SearchEnd[u], coarse);
            utterances.Delay[u] = delay;
            utterances.Confidence[u] = confidence;
        }

        SetBoundaries(utterances);
        SplitUtterances(utterances);
    }

    /// <summary>
    /// Frames to zero because the delay jumps backwards between two utterances (1.14): writes [first, last]
    /// pairs into <paramref name="ranges"/> and returns how many were written.
    /// </summary>
    public static int SkippedFrameRanges(UtteranceSet utterances, PesqRate rate, Span<(int First, int Last)> ranges)
    {
        int w = rate.Window, q = rate.Hop, margin = PesqRate.MarginWindows;
        int n = 0;
        for (int u = 1; u < utterances.Count; u++)
        {
            int j0 = utterances.Delay[u - 1], j1 = utterances.Delay[u];
            if (j1 - j0 >= -q)
            {
                continue;
            }

            int first = (((utterances.Start[u] - margin) * w) + j1) / q;
            int limit = (((utterances.End[u - 1] - margin) * w) + j0) / q;
            if (first > limit)
            {
                first = limit;
            }

            if (first < 0)
            {
                first = 0;
            }

            int last = ((((utterances.Start[u] - margin) * w) + Math.Max(0, Math.Abs(j1 - j0))) / q) + 1;
            ranges[n++] = (first, last);
        }

        return n;
    }

    private void SetBoundaries(UtteranceSet utt)
    {
        int w = _rate.Window, margin = PesqRate.MarginWindows, marginSamples = _rate.Margin;
        int n = utt.Count;
        var start = utt.Start;
        var end = utt.End;
        var delay = utt.Delay;
        start[0] = margin;
        end[n - 1] = _refWindows - margin;
        for (int u = 1; u < n; u++)
        {
            int mid = (start[u] + end[u - 1]) / 2;
            end[u - 1] = mid;
            start[u] = mid;
        }

        if ((start[0] * w) + delay[0] < marginSamples)
        {
            start[0] = margin + ((w - 1 - delay[0]) / w);
        }

        if ((end[n - 1] * w) + delay[n - 1] > _degNominal - marginSamples)
        {
            end[n - 1] = ((_degNominal - delay[n - 1]) / w) - margin;
        }

        for (int u = 1; u < n; u++)
        {
            int a = (start[u] * w) + delay[u];
            int b = (end[u - 1] * w) + delay[u - 1];
            if (a < b)
            {
                int c = (a + b) / 2;
                start[u] = (w - 1 + c - delay[u]) / w;
                end[u - 1] = (c - delay[u - 1]) / w;
            }
        }
    }

    private void SplitUtterances(UtteranceSet utt)
    {
        int u = 0;
        while (u < utt.Count && utt.Count < UtteranceSet.SplitLimit)
        {
            // After a split the same index holds the left half, which is examined again.
            if (!TrySplit(utt, u))
            {
                u++;
            }
        }
    }

    private bool TrySplit(UtteranceSet utt, int u)
    {
        int w = _rate.Window, a = _rate.AlignLength, margin = PesqRate.MarginWindows;
        int uttStart = utt.Start[u], uttEnd = utt.End[u];
        var e = _refEnergy.AsSpan(0, _refWindows);

        int speechStart = uttStart, speechEnd = uttEnd;
        while (speechStart < speechEnd && e[speechStart] <= 0)
        {
            speechStart++;
        }

        while (speechEnd > uttStart && e[speechEnd] <= 0)
        {
            speechEnd--;
        }

        speechEnd++;
        int speech = speechEnd - speechStart;
        if (speech < MinSplitWindows)
        {
            return false;
        }

        int grid = a / (4 * w);
        int step = (int)Math.Floor(((0.801 * speech) + (40 * grid) - 1) / (40 * grid)) * grid;
        int pad = Math.Max(speech / 10, margin);
        int candidates = 0;
        for (int b = speechStart + pad; b <= speechEnd - pad && candidates < MaxCandidates; b += step)
        {
            _breakpoints[candidates++] = b;
        }

        // The split passes use the alignment window as the standard's shared scratch leaves it: Hann, with its
        // head overwritten by long correlation outputs of the estimates below.
        PesqWindows.Hann(a).CopyTo(_splitWindow, 0);
        _splitWindowVersion = 0;
        _captureSplitWindow = true;
        int seed = utt.Coarse[u];
        for (int j = 0; j < candidates; j++)
        {
            _leftEstimate[j] = UtteranceCoarse(uttStart, _breakpoints[j], seed);
            _rightEstimate[j] = UtteranceCoarse(_breakpoints[j], uttEnd, seed);
        }

        _captureSplitWindow = false;

        ForwardPasses(uttStart, candidates);
        double confidence = utt.Confidence[u];
        BackwardPasses(uttEnd, candidates, confidence);

        int best = -1;
        double bestSum = 0;
        for (int j = 0; j < candidates; j++)
        {
            if (Math.Abs(_forwardDelay[j] - _backwardDelay[j]) >= w && _forwardConfidence[j] > confidence &&
                _backwardConfidence[j] > confidence && _forwardConfidence[j] + _backwardConfidence[j] > bestSum)
            {
                best = j;
                bestSum = _forwardConfidence[j] + _backwardConfidence[j];
            }
        }

        if (best < 0)
        {
            return false;
        }

        int searchStart = utt.SearchStart[u], searchEnd = utt.SearchEnd[u];
        utt.OpenSlotAfter(u);
        for (int k = u + 2; k < utt.Count; k++)
        {
            utt.SearchStart[k] = utt.Start[k];
            utt.SearchEnd[k] = utt.End[k];
        }

        int right = u + 1;
        int breakpoint = _breakpoints[best];
        int forward = _forwardDelay[best], backward = _backwardDelay[best];
        utt.SearchStart[right] = searchStart;
        utt.SearchEnd[right] = searchEnd;
        utt.Coarse[u] = _leftEstimate[best];
        utt.Delay[u] = forward;
        utt.Confidence[u] = _forwardConfidence[best];
        utt.Coarse[right] = _rightEstimate[best];
        utt.Delay[right] = backward;
        utt.Confidence[right] = _backwardConfidence[best];
        utt.Start[u] = uttStart;
        utt.End[right] = uttEnd;
        if (backward < forward)
        {
            utt.End[u] = breakpoint;
            utt.Start[right] = breakpoint;
        }
        else
        {
            int shift = (backward - forward) / (2 * w);
            utt.End[u] = breakpoint + shift;
            utt.Start[right] = breakpoint - shift;
        }

        if (((utt.Start[u] - margin) * w) + forward < 0)
        {
            utt.Start[u] = margin + ((w - 1 - forward) / w);
        }

        if ((utt.End[right] * w) + backward > _degNominal - _rate.Margin)
        {
            utt.End[right] = ((_degNominal - backward) / w) - margin;
        }

        return true;
    }

    private void ForwardPasses(int uttStart, int candidates)
    {
        int w = _rate.Window, a = _rate.AlignLength, hop = a / 4;
        Array.Clear(_forwardDone, 0, candidates);
        for (int first = 0; first < candidates; first++)
        {
            if (_forwardDone[first])
            {
                continue;
            }

            int estimate = _leftEstimate[first];
            Array.Clear(_histogram, 0, a);
            double total = 0;
            int rc = uttStart * w, dc = rc + estimate;
            if (dc < 0)
            {
                rc = -estimate;
                dc = 0;
            }

            for (int j = first; j < candidates; j++)
            {
                if (_forwardDone[j] || _leftEstimate[j] != estimate)
                {
                    continue;
                }

                int limit = _breakpoints[j] * w;
                while (dc + a <= _degNominal && rc + a <= limit)
                {
                    AccumulateFrame(rc, dc, splitPass: true, ref total);
                    rc += hop;
                    dc += hop;
                }

                var (lag, peak) = Peak(_histogram.AsSpan(0, a));
                _forwardDelay[j] = estimate + lag;
                _forwardConfidence[j] = total > 0 ? peak / total : 0;
                _forwardDone[j] = true;
            }
        }
    }

    private void BackwardPasses(int uttEnd, int candidates, double confidence)
    {
        int w = _rate.Window, a = _rate.AlignLength, hop = a / 4;
        Array.Clear(_backwardDone, 0, candidates);
        Array.Clear(_backwardDelay, 0, candidates);
        Array.Clear(_backwardConfidence, 0, candidates);
        for (int first = candidates - 1; first >= 0; first--)
        {
            if (_backwardDone[first] || !(_forwardConfidence[first] > confidence))
            {
                continue;
            }

            int estimate = _rightEstimate[first];
            Array.Clear(_histogram, 0, a);
            double total = 0;
            int rc = (uttEnd * w) - a, dc = rc + estimate;
            if (dc + a > _degNominal)
            {
                dc = _degNominal - a;
                rc = dc - estimate;
            }

            for (int j = first; j >= 0; j--)
            {
                if (_backwardDone[j] || _rightEstimate[j] != estimate || !(_forwardConfidence[j] > confidence))
                {
                    continue;
                }

                int limit = _breakpoints[j] * w;
                while (dc >= 0 && rc >= limit)
                {
                    AccumulateFrame(rc, dc, splitPass: true, ref total);
                    rc -= hop;
                    dc -= hop;
                }

                var (lag, peak) = Peak(_histogram.AsSpan(0, a));
                _backwardDelay[j] = estimate + lag;
                _backwardConfidence[j] = total > 0 ? peak / total : 0;
                _backwardDone[j] = true;
            }
        }
    }

    /// <summary>Fine delay of one utterance (1.10): histogram of frame correlation peaks, smoothed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private (int Delay, double Confidence) FineDelay(int searchStart, int searchEnd, int estimate)
    {
        int w = _rate.Window, a = _rate.AlignLength, hop = a / 4;
        var histogram = _histogram.AsSpan(0, a);
        histogram.Clear();
        double unused = 0;
        int rc = searchStart * w, dc = rc + estimate;
        if (dc < 0)
        {
            rc = -estimate;
            dc = 0;
        }

        int limit = searchEnd * w;
        while (dc + a <= _degNominal && rc + a <= limit)
        {
            AccumulateFrame(rc, dc, splitPass: false, ref unused);
            rc += hop;
            dc += hop;
        }

        double total = 0;
        foreach (double h in histogram)
        {
            total += h;
        }

        // Circular smoothing with a triangular kernel of radius a/64.
        int radius = a / 64;
        var smoothed = _smoothed.AsSpan(0, a);
        for (int p = 0; p < a; p++)
        {
            double s = histogram[p];
            for (int k = 1; k < radius; k++)
            {
                double g = 1.0 - ((double)k / radius);
                s += g * (histogram[(p + k) & (a - 1)] + histogram[(p - k) & (a - 1)]);
            }

            smoothed[p] = s;
        }

        if (total > 0)
        {
            for (int p = 0; p < a; p++)
            {
                smoothed[p] = Math.Abs(smoothed[p]) / total;
            }
        }
        else
        {
            smoothed.Clear();
        }

        var (lag, peak) = Peak(smoothed);
        return (estimate + lag, peak);
    }

    /// <summary>Position of the first maximum, folded to a signed lag, and its value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static (int Lag, double Value) Peak(ReadOnlySpan<double> histogram)
    {
        int best = 0;
        double value = histogram[0];
        for (int p = 1; p < histogram.Length; p++)
        {
            if (histogram[p] > value)
            {
                value = histogram[p];
                best = p;
            }
        }

        return (best >= histogram.Length / 2 ? best - histogram.Length : best, value);
    }

    /// <summary>
    /// Adds one frame pair to the delay histogram: the circular cross-correlation of the windowed frames, and a
    /// vote of (0.99 max)^0.125 for every lag within 1% of the maximum, either at the lag itself or spread over a
    /// triangle of radius A/64 around it (the split passes, which window with <see cref="_splitWindow"/>; the fine
    /// delay windows with Hann). A frame pair met again with the same window contents reuses its votes instead of
    /// being correlated again.
    /// </summary>
    private void AccumulateFrame(int refCursor, int degCursor, bool splitPass, ref double total)
    {
        int a = _rate.AlignLength;
        var (start, count, vote) = splitPass
            ? FrameVotes(refCursor, degCursor, _splitWindow, _splitWindowVersion)
            : FrameVotes(refCursor, degCursor, PesqWindows.Hann(a), 0);
        var lags = _voteLags.AsSpan(start, count);
        var histogram = _histogram.AsSpan(0, a);
        if (!splitPass)
        {
            foreach (int p in lags)
            {
                histogram[p] += vote;
            }

            return;
        }

        int radius = a / 64;
        double unit = vote / radius;
        foreach (int p in lags)
        {
            for (int k = 1 - radius; k < radius; k++)
            {
                histogram[(p + k) & (a - 1)] += unit * (radius - Math.Abs(k));
            }

            total += vote;
        }
    }

    /// <summary>
    /// The lags (ascending, stored in <see cref="_voteLags"/> from Start) where a frame pair's correlation is within
    /// 1% of its maximum, and the vote each of them gets; computed on first use in a pair, then reused.
    /// </summary>
    private (int Start, int Count, double Vote) FrameVotes(int refCursor, int degCursor, float[] window,
        int windowVersion)
    {
        if (_frameVotes.TryGetValue((refCursor, degCursor, windowVersion), out var known))
        {
            return known;
        }

        int a = _rate.AlignLength;
        var corr = _frameCorrelation.AsSpan(0, a);
        _ws.Correlator(a).Correlate(_refWork.AsSpan(refCursor, a), _degWork.AsSpan(degCursor, a), window, corr);

        // Magnitudes as the single-precision correlation would hold them.
        var magnitude = _frameMagnitude.AsSpan(0, a);
        float max = AbsToFloat(corr, magnitude);
        float level = 0.99f * max;
        double vote = Math.Pow(level, 0.125);
        PesqWorkspace.Grow(ref _voteLags, _voteLagCount + a);
        int start = _voteLagCount, count = 0;
        int p = 0;
        var levelVector = Vector256.Create(level);
        while (p < a)
        {
            // Few lags pass the threshold: test eight at a time and visit only the ones that do.
            if (p + 8 <= a && Vector256.IsHardwareAccelerated)
            {
                uint mask = Vector256.GreaterThan(Vector256.Create<float>(magnitude.Slice(p, 8)), levelVector)
                    .ExtractMostSignificantBits();
                if (mask == 0)
                {
                    p += 8;
                    continue;
                }

                p += BitOperations.TrailingZeroCount(mask);
            }
            else if (magnitude[p] <= level)
            {
                p++;
                continue;
            }

            _voteLags[start + count++] = p;
            p++;
        }

        _voteLagCount += count;
        var votes = (start, count, vote);
        _frameVotes[(refCursor, degCursor, windowVersion)] = votes;
        return votes;
    }

    /// <summary>Writes |(float)x| into <paramref name="magnitude"/> and returns the largest.</summary>
    private static float AbsToFloat(ReadOnlySpan<double> x, Span<float> magnitude)
    {
        int n = x.Length;
        int i = 0;
        float max = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref double src = ref MemoryMarshal.GetReference(x);
            ref float dst = ref MemoryMarshal.GetReference(magnitude);
            var best = Vector256<float>.Zero;
            for (; i + 8 <= n; i += 8)
            {
                var v = Vector256.Abs(Vector256.Narrow(Vector256.LoadUnsafe(ref src, (nuint)i),
                    Vector256.LoadUnsafe(ref src, (nuint)(i + 4))));
                v.StoreUnsafe(ref dst, (nuint)i);
                best = Vector256.Max(best, v);
            }

            for (int k = 0; k < 8; k++)
            {
                max = Math.Max(max, best.GetElement(k));
            }
        }

        for (; i < n; i++)
        {
            float v = MathF.Abs((float)x[i]);
            magnitude[i] = v;
            if (v > max)
            {
                max = v;
            }
        }

        return max;
    }

    /// <summary>Per-utterance coarse delay (1.9 step 7): VAD correlation over a window, seeded by a delay.</summary>
    private int UtteranceCoarse(int start, int end, int seed)
    {
        int w = _rate.Window;
        int refCount = end - start;
        int degStart = start + (seed / w);
        if (degStart < 0)
        {
            start = -seed / w;
            degStart = 0;
            refCount = end - start;
        }

        int degCount = refCount;
        if (degStart + degCount > _degWindows)
        {
            degCount = _degWindows - degStart;
        }

        if (refCount <= 1 || degCount <= 1)
        {
            return seed;
        }

        return CoarseLag(_refLog.AsSpan(start, refCount), _degLog.AsSpan(degStart, degCount)) + seed;
    }

    /// <summary>
    /// Lag in samples maximising the cross-correlation of two log-VAD sequences (positive: y late), 0 when no
    /// correlation value is positive.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int CoarseLag(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        int nr = x.Length, nd = y.Length;
        if (nr <= 1 || nd <= 1)
        {
            return 0;
        }

        int size = 2 * (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(nr, nd));
        RealFft plan = _ws.Plan(size);
        int bins = plan.Bins;
        PesqWorkspace.Ensure(ref _coarseA, size);
        PesqWorkspace.Ensure(ref _coarseB, size);
        var bufA = _coarseA.AsSpan(0, size);
        var bufB = _coarseB.AsSpan(0, size);
        for (int i = 0; i < nr; i++)
        {
            bufA[i] = x[nr - 1 - i];
        }

        var spec = _ws.SpectrumScratch(bins);
        plan.Forward(bufA[..nr], spec.Re1, spec.Im1);
        for (int i = 0; i < nd; i++)
        {
            bufB[i] = y[i];
        }

        plan.Forward(bufB[..nd], spec.Re2, spec.Im2);
        for (int k = 0; k < bins; k++)
        {
            double r1 = spec.Re1[k], i1 = spec.Im1[k], r2 = spec.Re2[k], i2 = spec.Im2[k];
            spec.Re1[k] = (r1 * r2) - (i1 * i2);
            spec.Im1[k] = (r1 * i2) + (i1 * r2);
        }

        int outputs = nr + nd - 1;
        plan.Inverse(spec.Re1, spec.Im1, bufA);
        float best = 0;
        int bestIndex = nr - 1;
        for (int k = 0; k < outputs; k++)
        {
            float c = (float)bufA[k];
            if (c > best)
            {
                best = c;
                bestIndex = k;
            }
        }

        if (_captureSplitWindow)
        {
            // The correlation output shares scratch memory with the split passes' window in the standard's
            // implementation; outputs longer than 3A + 6 overwrite the head of that window.
            int a = _rate.AlignLength;
            int offset = (3 * a) + 6;
            if (offset < outputs && _splitWindowVersion == 0)
            {
                _splitWindowVersion = ++_alteredWindows;
            }

            for (int k = offset; k < outputs && k - offset < a; k++)
            {
                _splitWindow[k - offset] = (float)bufA[k];
            }
        }

        return (bestIndex - nr + 1) * _rate.Window;
    }
}
