namespace Perceptor.Audio.Synthesis;

/// <summary>
/// One synthetic clean utterance: its samples (scaled to the speaker's active level) and where the phrases are, so
/// that callers know which stretches are speech and which are silence.
/// </summary>
/// <param name="Samples">Mono samples at full scale 1.0.</param>
/// <param name="SampleRate">Samples per second.</param>
/// <param name="Phrases">Sample spans [Start, Start + Length) that hold speech; everything else is silence.</param>
/// <param name="ActiveLevelDbfs">RMS level over the phrases, in dB relative to full scale.</param>
public sealed record SynthesizedUtterance(
    float[] Samples,
    int SampleRate,
    IReadOnlyList<(int Start, int Length)> Phrases,
    double ActiveLevelDbfs)
{
    /// <summary>Length in seconds.</summary>
    public double DurationSeconds => (double)Samples.Length / SampleRate;

    /// <summary>Seconds covered by phrases.</summary>
    public double SpeechSeconds
    {
        get
        {
            long total = 0;
            foreach (var (_, length) in Phrases)
            {
                total += length;
            }

            return (double)total / SampleRate;
        }
    }
}
