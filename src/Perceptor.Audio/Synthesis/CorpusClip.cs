namespace Perceptor.Audio.Synthesis;

/// <summary>One clean/noisy pair of the synthetic corpus, as listed in its manifest.</summary>
/// <param name="Split"><c>train</c> or <c>test</c>.</param>
/// <param name="Name">File name, identical in <c>clean/</c> and <c>noisy/</c> (e.g. <c>p003_017.wav</c>).</param>
/// <param name="Speaker">Talker id, e.g. <c>p003</c>.</param>
/// <param name="SpeakerSeed">The seed the talker's <see cref="SpeakerProfile"/> was drawn from.</param>
/// <param name="Noise">Noise type mixed in.</param>
/// <param name="SnrDb">Active speech level over noise power, dB.</param>
/// <param name="DurationSeconds">Length of the clip.</param>
/// <param name="SpeechSeconds">Seconds covered by phrases; the rest is silence (in the clean file).</param>
public sealed record CorpusClip(
    string Split,
    string Name,
    string Speaker,
    long SpeakerSeed,
    NoiseType Noise,
    double SnrDb,
    double DurationSeconds,
    double SpeechSeconds);
