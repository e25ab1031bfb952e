namespace Perceptor.Quality.Composite;

/// <summary>
/// A per-frame distance over the composite-measure framing (<see cref="CompositeFraming"/>) summarised by the 95 %
/// trimmed mean, the shape LLR and WSS share. Subclasses are workspaces: one instance per thread.
/// </summary>
public abstract class TrimmedFrameMeasure
{
    private double[] _frames = [];

    /// <summary>Sets up the framing for <paramref name="sampleRate"/> Hz.</summary>
    protected TrimmedFrameMeasure(int sampleRate)
    {
        SampleRate = sampleRate;
        FrameLength = CompositeFraming.FrameLength(sampleRate);
        Hop = CompositeFraming.Hop(sampleRate);
    }

    /// <summary>Sample rate the measure frames for.</summary>
    public int SampleRate { get; }

    /// <summary>Frame length in samples.</summary>
    public int FrameLength { get; }

    /// <summary>Hop between frames in samples.</summary>
    public int Hop { get; }

    /// <summary>Frames for signals of <paramref name="length"/> samples.</summary>
    public int FrameCount(int length) => CompositeFraming.FrameCount(length, SampleRate);

    /// <summary>The 95 % trimmed mean of the per-frame values; NaN when there is no frame.</summary>
    public double Compute(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed)
    {
        int frames = FrameCount(clean.Length);
        if (_frames.Length < frames)
        {
            _frames = new double[frames];
        }

        Span<double> values = _frames.AsSpan(0, frames);
        ComputeFrames(clean, processed, values);
        return CompositeFraming.TrimmedMean(values);
    }

    /// <summary>Writes each frame's value into <paramref name="perFrame"/> (<see cref="FrameCount"/> long).</summary>
    public void ComputeFrames(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed, Span<double> perFrame)
    {
        SegmentalSnr.CheckLengths(clean, processed);
        int frames = FrameCount(clean.Length);
        if (perFrame.Length < frames)
        {
            throw new ArgumentException($"need room for {frames} frames", nameof(perFrame));
        }

        for (int m = 0; m < frames; m++)
        {
            int start = m * Hop;
            perFrame[m] = Frame(clean.Slice(start, FrameLength), processed.Slice(start, FrameLength));
        }
    }

    /// <summary>The distance of one frame (unwindowed samples, <see cref="FrameLength"/> long).</summary>
    protected abstract double Frame(ReadOnlySpan<double> clean, ReadOnlySpan<double> processed);
}
