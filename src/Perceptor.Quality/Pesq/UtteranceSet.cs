namespace Perceptor.Quality.Pesq;

/// <summary>
/// The utterances found in the reference and their alignment: search window and boundaries (in VAD windows of
/// the padded reference), coarse delay estimate, fine delay (in samples; positive = degraded late) and the
/// confidence of the fine delay. Reused between pairs; grows when a signal has more utterances than it holds.
/// </summary>
internal sealed class UtteranceSet
{
    /// <summary>The standard stops splitting once this many utterances exist.</summary>
    public const int SplitLimit = 50;

    private int[] _searchStart = new int[SplitLimit];
    private int[] _searchEnd = new int[SplitLimit];
    private int[] _start = new int[SplitLimit];
    private int[] _end = new int[SplitLimit];
    private int[] _coarse = new int[SplitLimit];
    private int[] _delay = new int[SplitLimit];
    private double[] _confidence = new double[SplitLimit];

    /// <summary>Number of utterances.</summary>
    public int Count { get; private set; }

    /// <summary>First VAD window searched for this utterance's delay.</summary>
    public Span<int> SearchStart => _searchStart.AsSpan(0, Count);

    /// <summary>End (exclusive) of the VAD windows searched for this utterance's delay.</summary>
    public Span<int> SearchEnd => _searchEnd.AsSpan(0, Count);

    /// <summary>First VAD window governed by this utterance's delay.</summary>
    public Span<int> Start => _start.AsSpan(0, Count);

    /// <summary>End VAD window of this utterance.</summary>
    public Span<int> End => _end.AsSpan(0, Count);

    /// <summary>Coarse (VAD correlation) delay estimate in samples.</summary>
    public Span<int> Coarse => _coarse.AsSpan(0, Count);

    /// <summary>Fine delay in samples.</summary>
    public Span<int> Delay => _delay.AsSpan(0, Count);

    /// <summary>Confidence of the fine delay (height of the normalised histogram peak).</summary>
    public Span<double> Confidence => _confidence.AsSpan(0, Count);

    /// <summary>Forgets all utterances.</summary>
    public void Clear() => Count = 0;

    /// <summary>Appends an utterance with the given search window and boundaries; returns its index.</summary>
    public int Add(int searchStart, int searchEnd, int start, int end)
    {
        if (Count == _start.Length)
        {
            Grow();
        }

        int i = Count++;
        _searchStart[i] = searchStart;
        _searchEnd[i] = searchEnd;
        _start[i] = start;
        _end[i] = end;
        _coarse[i] = 0;
        _delay[i] = 0;
        _confidence[i] = 0;
        return i;
    }

    /// <summary>Makes room after <paramref name="index"/> by shifting later utterances one place right.</summary>
    public void OpenSlotAfter(int index)
    {
        if (Count == _start.Length)
        {
            Grow();
        }

        for (int i = Count; i > index + 1; i--)
        {
            _searchStart[i] = _searchStart[i - 1];
            _searchEnd[i] = _searchEnd[i - 1];
            _start[i] = _start[i - 1];
            _end[i] = _end[i - 1];
            _coarse[i] = _coarse[i - 1];
            _delay[i] = _delay[i - 1];
            _confidence[i] = _confidence[i - 1];
        }

        Count++;
    }

    /// <summary>The delay governing sample <paramref name="sample"/> of the padded reference: that of the last
    /// utterance starting at or before it, or of the first utterance.</summary>
    public int DelayAt(int sample, int window)
    {
        int delay = _delay[0];
        for (int u = 0; u < Count; u++)
        {
            if (_start[u] * window <= sample)
            {
                delay = _delay[u];
            }
        }

        return delay;
    }

    /// <summary>
    /// The same rule as <see cref="DelayAt"/> as a list of segments: from each returned start sample (ascending; the
    /// first is <see cref="int.MinValue"/>) until the next one, one delay governs. Returns the segment count
    /// (at most <see cref="Count"/> + 1).
    /// </summary>
    public int DelaySegments(int window, Span<(int Start, int Delay)> segments)
    {
        // Utterance u governs sample i when its start is at or before i and no later utterance's start is.
        Span<int> laterMin = Count <= 256 ? stackalloc int[Count + 1] : new int[Count + 1];
        laterMin[Count] = int.MaxValue;
        for (int u = Count - 1; u >= 0; u--)
        {
            laterMin[u] = Math.Min(laterMin[u + 1], _start[u] * window);
        }

        int n = 0;
        segments[n++] = (int.MinValue, _delay[0]);
        for (int u = 0; u < Count; u++)
        {
            int from = _start[u] * window;
            if (from < laterMin[u + 1])
            {
                segments[n++] = (from, _delay[u]);
            }
        }

        return n;
    }

    private void Grow()
    {
        int size = _start.Length * 2;
        Array.Resize(ref _searchStart, size);
        Array.Resize(ref _searchEnd, size);
        Array.Resize(ref _start, size);
        Array.Resize(ref _end, size);
        Array.Resize(ref _coarse, size);
        Array.Resize(ref _delay, size);
        Array.Resize(ref _confidence, size);
    }
}
