namespace Perceptor.Training.Data;

/// <summary>
/// A simple energy detector for choosing crops: 20 ms frames (320 samples at 16 kHz) are active when their energy is
/// within 40 dB of the file's loudest frame and above −80 dBFS. Enough to tell speech from pauses in read speech; it
/// is not a VAD for scoring.
/// </summary>
public sealed class SpeechActivity
{
    /// <summary>Frame length in samples (20 ms at 16 kHz).</summary>
    public const int FrameLength = 320;

    private const double RelativeFloor = 1e-4; // -40 dB in energy
    private const double AbsoluteFloor = 1e-8; // -80 dBFS mean square

    private readonly bool[] _active;

    /// <summary>Measures the frames of <paramref name="samples"/>.</summary>
    public SpeechActivity(ReadOnlySpan<float> samples)
    {
        int frames = samples.Length / FrameLength;
        var energy = new double[frames];
        double peak = 0;
        for (int f = 0; f < frames; f++)
        {
            double sum = 0;
            foreach (float s in samples.Slice(f * FrameLength, FrameLength))
            {
                sum += (double)s * s;
            }

            energy[f] = sum / FrameLength;
            peak = Math.Max(peak, energy[f]);
        }

        double threshold = Math.Max(peak * RelativeFloor, AbsoluteFloor);
        _active = new bool[frames];
        for (int f = 0; f < frames; f++)
        {
            _active[f] = energy[f] >= threshold;
        }
    }

    /// <summary>Share of whole frames inside [start, start + length) that are active (0 when none fits).</summary>
    public double ActiveFraction(int start, int length)
    {
        int first = (start + FrameLength - 1) / FrameLength;
        int last = Math.Min((start + length) / FrameLength, _active.Length);
        if (last <= first)
        {
            return 0;
        }

        int active = 0;
        for (int f = first; f < last; f++)
        {
            if (_active[f])
            {
                active++;
            }
        }

        return (double)active / (last - first);
    }
}
